// Records of an export, read by a worker thread (worker.ts): an async iterator of batches for the importer.
import { Worker } from 'node:worker_threads';
import type { WxrRecord } from './model.js';
import { WxrError, type ReadLimits, type ReadNote } from './parser.js';
import { threadScript } from '../../../platform/paths.js';
import type { PrepareOptions } from '../wordpress/prepare.js';

export interface WorkerMessage {
  records: WxrRecord[];
  bytes: number;
  failure: { line: number; column: number; reason: string; fatal?: boolean } | null;
  notes: ReadNote[];
  done: boolean;
}

export interface ReadBatch {
  records: WxrRecord[];
  bytes: number;
}

/** Reads `file` in a worker; yields record batches, then throws the file's error if it has one. */
export async function* readExport(file: string, limits: ReadLimits, prepare: PrepareOptions, onNotes: (notes: ReadNote[]) => void): AsyncGenerator<ReadBatch> {
  // A bounded young generation (see import-thread.ts), smaller than the import thread's: the reader's garbage is
  // short-lived, and the two together must stay within the import's memory budget (< 400 MB for a 1 GB file).
  const worker = new Worker(threadScript('wxr-reader', new URL('./worker.js', import.meta.url)), { workerData: { file, limits, prepare }, resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 256 } });
  const queue: WorkerMessage[] = [];
  let waiting: ((m: WorkerMessage) => void) | null = null;
  let crashed: Error | null = null;
  const push = (m: WorkerMessage) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(m);
    } else queue.push(m);
  };
  worker.on('message', push);
  worker.on('error', (err) => {
    crashed = err;
    push({ records: [], bytes: 0, failure: { line: 0, column: 0, reason: err.message, fatal: true }, notes: [], done: true });
  });
  try {
    for (;;) {
      const m = queue.shift() ?? (await new Promise<WorkerMessage>((r) => (waiting = r)));
      worker.postMessage(1);
      yield { records: m.records, bytes: m.bytes };
      if (m.done) {
        onNotes(m.notes);
        if (crashed) throw crashed;
        if (m.failure?.fatal) throw new Error(m.failure.reason);
        if (m.failure) throw new WxrError(m.failure.line, m.failure.column, m.failure.reason);
        return;
      }
    }
  } finally {
    await worker.terminate();
  }
}
