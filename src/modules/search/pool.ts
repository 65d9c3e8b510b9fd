// Where searches run. better-sqlite3 answers in the calling thread: a search that reads a large part of the
// index (tens of milliseconds for a common word over 100,000 articles) would hold up every other request,
// cached pages included. On SQLite, searches therefore go to a few worker threads, each with its own read-only
// connection (WAL lets readers work beside the writer and see each commit at once), so they use the spare
// cores and page serving never waits for them. Threads start on the first search. On PostgreSQL (or with
// BROADSIDE_SEARCH_THREADS=0) a search runs in the request's own thread, as any query does.
import { Worker } from 'node:worker_threads';
import type { Ctx } from '../../platform/context/index.js';
import { AppError, type ErrorCode } from '../../platform/http/errors.js';
import { threadScript } from '../../platform/paths.js';
import { searchArticles, type SearchOutcome, type SearchRequest } from './operations/searchArticles.js';
import type { Counted } from './frequency.js';

export interface SearchOptions {
  now?: string;
  pageSize?: number;
}

export interface Searcher {
  search(req: SearchRequest, opts?: SearchOptions): Promise<SearchOutcome>;
  close(): Promise<void>;
}

export interface WorkerAsk {
  id: number;
  req: SearchRequest;
  opts: SearchOptions;
}

/** Document frequencies a thread counted, passed on to the others (frequency.ts). */
export interface WorkerCounted {
  counted: Counted[];
}

/** The outcome as JSON: a string crosses to the main thread for far less than the object's structured clone. */
export type WorkerAnswer = { id: number; json: string } | { id: number; error: { code?: ErrorCode; message: string; field?: string | undefined } };

export function inProcessSearcher(ctx: Ctx): Searcher {
  return { search: (req, opts = {}) => searchArticles(ctx, req, opts), close: async () => {} };
}

/** The worker's script: bundled beside the server, or compiled beside this module. */
function workerUrl(): URL {
  return threadScript('search-worker', new URL('./worker.js', import.meta.url));
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve(o: SearchOutcome): void; reject(e: unknown): void }>;
}

/** mmapBytes: how much of the file each thread reads through a memory map (config's searchMmapMb). */
export function threadSearcher(file: string, threads: number, mmapBytes = 0): Searcher {
  const pool: Thread[] = [];
  let nextId = 1;
  let closed = false;

  function start(): Thread {
    const worker = new Worker(workerUrl(), { workerData: { file, mmapBytes } });
    const t: Thread = { worker, pending: new Map() };
    worker.on('message', (a: WorkerAnswer | WorkerCounted) => {
      if ('counted' in a) {
        for (const other of pool) if (other !== t) other.worker.postMessage(a);
        return;
      }
      const p = t.pending.get(a.id);
      if (!p) return;
      t.pending.delete(a.id);
      if ('json' in a) p.resolve(JSON.parse(a.json) as SearchOutcome);
      else p.reject(a.error.code ? new AppError(a.error.code, a.error.message, a.error.field) : new Error(a.error.message));
    });
    // A thread that dies takes only its own searches with it (they fail with a 503); the next search starts
    // a new one in its place.
    const fail = (why: string) => {
      const i = pool.indexOf(t);
      if (i !== -1) pool.splice(i, 1);
      for (const p of t.pending.values()) p.reject(new AppError('BROADSIDE_E_UNAVAILABLE', `Search is unavailable for a moment (${why}); please try again.`));
      t.pending.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`its thread stopped with code ${code}`));
    worker.unref();
    pool.push(t);
    return t;
  }

  /** The least busy thread, starting one while there are fewer than `threads`. */
  function pick(): Thread {
    let best: Thread | null = null;
    for (const t of pool) if (!best || t.pending.size < best.pending.size) best = t;
    if (pool.length < threads && (!best || best.pending.size > 0)) return start();
    return best ?? start();
  }

  return {
    search(req, opts = {}) {
      if (closed) return Promise.reject(new AppError('BROADSIDE_E_UNAVAILABLE', 'The server is shutting down.'));
      const t = pick();
      const id = nextId++;
      return new Promise<SearchOutcome>((resolve, reject) => {
        t.pending.set(id, { resolve, reject });
        t.worker.postMessage({ id, req, opts } satisfies WorkerAsk);
      });
    },
    async close() {
      closed = true;
      await Promise.all(pool.map((t) => t.worker.terminate()));
      pool.length = 0;
    },
  };
}
