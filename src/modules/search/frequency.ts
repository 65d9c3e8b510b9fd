// How many indexed articles hold each phrase (its document frequency), for broadside_rank() (SQLite; see
// native/broadside_fts.c). FTS5's bm25() counts these afresh in every statement, reading each phrase's whole
// list of matches: for a common word, most of a search's time. The figure barely moves between searches, so it
// is kept for a while (TTL) per connection, as search engines keep collection statistics: an article published
// since then is found and counted at once; only its weight in others' scores waits for the next count.
// Search threads (pool.ts) pass on what each counts, so that a word is counted once for all of them.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';

export const FREQUENCY_TTL_MS = 10 * 60_000;
const KEPT = 20_000;

type Table = 'article_fts' | 'article_strong_fts';
/** A count: key (table, NUL, phrase), the number, when it was counted (ms). */
export interface Counted {
  key: string;
  n: number;
  at: number;
}
const caches = new WeakMap<Db, Map<string, { n: number; at: number }>>();
const listeners = new WeakMap<Db, (counted: Counted[]) => void>();

/** Calls `fn` with each batch of new counts made on this connection. */
export function onCounted(db: Db, fn: (counted: Counted[]) => void): void {
  listeners.set(db, fn);
}

/** Counts made elsewhere (another search thread), kept as if made here unless this one has a newer one. */
export function learn(db: Db, counted: Counted[]): void {
  const cache = cacheOf(db);
  for (const c of counted) {
    if (typeof c?.key !== 'string' || !Number.isFinite(c.n) || !Number.isFinite(c.at)) continue;
    const had = cache.get(c.key);
    if (had && had.at >= c.at) continue;
    keep(cache, c.key, { n: c.n, at: c.at });
  }
}

function cacheOf(db: Db): Map<string, { n: number; at: number }> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

function keep(cache: Map<string, { n: number; at: number }>, key: string, v: { n: number; at: number }): void {
  cache.delete(key);
  if (cache.size >= KEPT) cache.delete(cache.keys().next().value!);
  cache.set(key, v);
}

/** The number of rows of `table` matching each phrase (an FTS5 expression of one phrase), in order. */
export async function documentFrequencies(db: Db, table: Table, phrases: string[], nowMs = Date.now()): Promise<number[]> {
  const cache = cacheOf(db);
  const out = new Array<number>(phrases.length);
  const missing: number[] = [];
  phrases.forEach((p, i) => {
    const hit = cache.get(`${table}\0${p}`);
    if (hit && nowMs - hit.at < FREQUENCY_TTL_MS) out[i] = hit.n;
    else missing.push(i);
  });
  if (missing.length) {
    // One statement for all of them.
    const t = sql.table(table);
    const parts = missing.map((i) => sql`select ${i} as i, count(*) as n from ${t} where ${t} match ${phrases[i]!}`);
    const r = await sql<{ i: number; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
    const counted: Counted[] = [];
    for (const row of r.rows) {
      const i = Number(row.i);
      const key = `${table}\0${phrases[i]!}`;
      out[i] = Number(row.n);
      keep(cache, key, { n: out[i], at: nowMs });
      counted.push({ key, n: out[i], at: nowMs });
    }
    listeners.get(db)?.(counted);
  }
  return out;
}
