// A search thread: its own read-only SQLite connection, answering the searches the pool sends it. Bundled on its
// own (dist/search-worker.js) for the server; run from dist/src/modules/search/worker.js by tests.
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/index.js';
import { plainCtx } from '../../platform/context/index.js';
import { AppError } from '../../platform/http/errors.js';
import { searchArticles, type SearchRequest } from './operations/searchArticles.js';
import { learn, onCounted } from './frequency.js';
import type { WorkerAnswer, WorkerAsk, WorkerCounted } from './pool.js';

const { file, mmapBytes } = workerData as { file: string; mmapBytes?: number };
const handle = openDatabase({ databaseUrl: null, dataDir: dirname(file), file, readonly: true, mmapBytes });
const ctx = plainCtx(handle.db, handle.engine);
// Words' document frequencies counted here go to the other threads (through the pool), and theirs come here.
onCounted(handle.db, (counted) => parentPort!.postMessage({ counted } satisfies WorkerCounted));

parentPort!.on('message', (m: WorkerAsk | WorkerCounted) => {
  if ('counted' in m) return learn(handle.db, m.counted);
  const answer = (a: WorkerAnswer) => parentPort!.postMessage(a);
  searchArticles(ctx, m.req as SearchRequest, m.opts).then(
    (outcome) => answer({ id: m.id, json: JSON.stringify(outcome) }),
    (err: unknown) =>
      answer({
        id: m.id,
        error: err instanceof AppError ? { code: err.code, message: err.message, field: err.field } : { message: err instanceof Error ? err.message : String(err) },
      }),
  );
});
