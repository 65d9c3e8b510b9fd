// The CLI's import runs in a worker thread of its own, so that its heap can be given limits (a young generation
// of 64 MiB: the import's garbage is short-lived; smaller, more of it lives long enough to need full collections,
// and V8's default on a large machine lets the resident memory swell by hundreds of megabytes). The main thread
// draws the progress bar and hears Ctrl-C.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/index.js';
import { plainCtx } from '../../platform/context/index.js';
import { mediaStoreFor } from '../media/index.js';
import { importWordPress, type ImportOptions } from './wordpress/importWordPress.js';
import { HEARTBEAT_MS, saveProgress, touchRun } from './runs.js';

export interface ThreadInput {
  databaseUrl: string | null;
  dataDir: string;
  /** The import_runs row this run keeps up to date (none for a dry run). */
  runId: number | null;
  options: Omit<ImportOptions, 'onProgress' | 'signal' | 'heartbeat' | 'clock' | 'mediaStore'>;
}

export type ThreadMessage = { progress: Parameters<NonNullable<ImportOptions['onProgress']>>[0] } | { report: Awaited<ReturnType<typeof importWordPress>> } | { failed: string };

const input = workerData as ThreadInput;
const port = parentPort!;
const abort = new AbortController();
port.on('message', (m) => {
  if (m === 'abort') abort.abort();
});

async function main(): Promise<void> {
  const handle = openDatabase({ databaseUrl: input.databaseUrl, dataDir: input.dataDir });
  // The run's row shows its progress in the admin, and its being fresh tells that this process still lives.
  // Written from this thread, on its own connection, between batches (the main thread would have to wait for
  // SQLite's write lock, which the import holds nearly all the time).
  const runId = input.runId;
  let lastSaved = 0;
  const heartbeat = runId === null ? null : setInterval(() => void touchRun(handle.db, runId).catch(() => {}), HEARTBEAT_MS);
  try {
    const report = await importWordPress(plainCtx(handle.db, handle.engine), {
      ...input.options,
      mediaStore: input.options.mediaDir ? mediaStoreFor(input.dataDir) : null,
      signal: abort.signal,
      onProgress: (progress) => {
        port.postMessage({ progress } satisfies ThreadMessage);
        if (runId === null || Date.now() - lastSaved < 1000) return;
        lastSaved = Date.now();
        void saveProgress(handle.db, runId, progress).catch(() => {});
      },
    });
    port.postMessage({ report } satisfies ThreadMessage);
  } catch (err) {
    port.postMessage({ failed: (err as Error)?.message ?? String(err) } satisfies ThreadMessage);
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    await handle.close();
  }
}

void main();
