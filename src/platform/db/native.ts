// broadside_fts, the SQLite extension built from native/broadside_fts.c (scripts/native.mjs): search's ranking
// function, broadside_rank(). Loaded into every SQLite connection when the build made it; without it search
// ranks with FTS5's own bm25() (same order, slower on a large archive). Which connections have it is kept
// here, by their Kysely instance.
import { existsSync } from 'node:fs';
import type SQLite from 'better-sqlite3';
import { buildPath } from '../paths.js';
import type { Db } from './index.js';

const FILE = buildPath(`native/broadside_fts.${process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so'}`);
const withRank = new WeakSet<Db>();
let warned = false;

/** Loads the extension into a connection; false (and one warning per process) when it is not there. */
export function loadFtsExtension(sqlite: SQLite.Database): boolean {
  if (!existsSync(FILE)) return warnOnce(`${FILE} is missing`);
  try {
    // Loaded through the C API: SQL's load_extension() stays disabled.
    (sqlite.loadExtension as (file: string, entryPoint: string) => SQLite.Database)(FILE, 'sqlite3_broadsidefts_init');
    return true;
  } catch (err) {
    return warnOnce((err as Error).message);
  }
}

function warnOnce(why: string): false {
  if (!warned) {
    warned = true;
    process.emitWarning(`search ranks with FTS5's bm25(), slower on a large archive: the broadside_fts extension is not loaded (${why})`);
  }
  return false;
}

export function markFtsRank(db: Db): void {
  withRank.add(db);
}

/** Whether broadside_rank() is available on this connection. */
export function hasFtsRank(db: Db): boolean {
  return withRank.has(db);
}
