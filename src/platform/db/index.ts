// The Kysely instance: better-sqlite3 by default, pg when DATABASE_URL is set. Nothing else knows which.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import type pgTypes from 'pg';
import { Kysely, SqliteDialect, PostgresDialect, sql, type CompiledQuery, type Generated } from 'kysely';
import type { Database } from './schema.js';
import { loadFtsExtension, markFtsRank } from './native.js';

export type Db = Kysely<Database>;
export type Engine = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  engine: Engine;
  /** The SQLite file (absent on PostgreSQL). */
  file?: string;
  close(): Promise<void>;
}

// pg is loaded only when PostgreSQL is used: a SQLite site starts faster and smaller without it.
let pgModule: typeof pgTypes | null = null;
function loadPg(): typeof pgTypes {
  if (!pgModule) {
    pgModule = createRequire(import.meta.url)('pg') as typeof pgTypes;
    // timestamptz comes back as an ISO string, like SQLite's text: one shape for the rest of the code.
    pgModule.types.setTypeParser(1184, (v) => new Date(v).toISOString());
    // int8 (count(*), bigserial) as a JS number: ids and counts stay far below 2^53.
    pgModule.types.setTypeParser(20, (v) => Number(v));
  }
  return pgModule;
}

/** A pg client of its own (not from the pool): what LISTEN needs, since it holds its connection. */
export function pgClient(databaseUrl: string): pgTypes.Client {
  return new (loadPg().Client)({ connectionString: databaseUrl });
}

/**
 * ftsRank: false leaves the ranking extension out (tests of the fallback to bm25()). mmapBytes: how much of the
 * SQLite file to read through a memory map (search threads; BROADSIDE_SEARCH_MMAP_MB).
 */
export function openDatabase(opts: { databaseUrl: string | null; dataDir: string; file?: string; readonly?: boolean; ftsRank?: boolean; mmapBytes?: number }): DbHandle {
  if (opts.databaseUrl) {
    const pool = new (loadPg().Pool)({ connectionString: opts.databaseUrl, max: 10 });
    pool.on('error', () => {
      /* a dropped idle connection is replaced on next use; the request that needs it reports the error */
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    pools.set(db, pool);
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const file = opts.file ?? join(opts.dataDir, 'broadside.db');
  const sqlite = new SQLite(file, { readonly: opts.readonly === true });
  // A read-only connection (a search thread) finds the file in WAL mode already, and writes nothing.
  if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // 8 MiB of page cache (the default is 16): rendered pages are cached above the database anyway.
  sqlite.pragma('cache_size = -8192');
  // Search threads read the file through a memory map (mmapBytes): a search reads hundreds of index pages,
  // and copying each one in through a read() cost a fifth of its time in SQLite. The mapped pages are the
  // operating system's file cache (shared and reclaimable), though they count in the process's RSS.
  if (opts.mmapBytes) sqlite.pragma(`mmap_size = ${Math.max(0, Math.floor(opts.mmapBytes))}`);
  const ranks = opts.ftsRank !== false && loadFtsExtension(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  if (ranks) markFtsRank(db);
  return { db, engine: 'sqlite', file, close: () => db.destroy() };
}

const STATEMENTS_KEPT = 500;

/**
 * Kysely prepares every query afresh; SQLite's prepare (parse and plan) costs as much as running a small query.
 * Prepared statements are kept by their SQL text, the least recently used dropped past STATEMENTS_KEPT. Safe
 * because better-sqlite3 runs a statement to completion before the next call (nothing here streams rows).
 */
function withStatementCache(sqlite: SQLite.Database) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string): SQLite.Statement {
      let stmt = kept.get(source);
      if (stmt) {
        kept.delete(source);
      } else {
        stmt = sqlite.prepare(source);
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      kept.set(source, stmt);
      return stmt;
    },
  };
}

const pools = new WeakMap<Db, pgTypes.Pool>();
/** Texts of prepared statements and their names; past PREPARED_MAX texts, queries run unnamed. */
const prepared = new Map<string, string>();
const PREPARED_MAX = 64;

/**
 * Runs a compiled query; on PostgreSQL as a named prepared statement, parsed and planned once per pooled
 * connection rather than on every call (Kysely sends each query unnamed, and planning the search page's
 * article query cost as much as running it). For the statements of a hot path whose text takes few shapes:
 * each distinct text is prepared on every connection, up to PREPARED_MAX texts, so that a stream of different
 * texts cannot fill the server's memory. Elsewhere (SQLite, a transaction) as Kysely runs it.
 */
export async function runPrepared<R>(db: Db, query: CompiledQuery<R>): Promise<R[]> {
  const pool = pools.get(db);
  if (!pool) return (await db.executeQuery(query)).rows;
  let name = prepared.get(query.sql);
  if (name === undefined && prepared.size < PREPARED_MAX) prepared.set(query.sql, (name = `broadside_${prepared.size + 1}`));
  const r = await pool.query(name === undefined ? { text: query.sql, values: query.parameters as unknown[] } : { name, text: query.sql, values: query.parameters as unknown[] });
  return r.rows as R[];
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export type { Database, Generated };
