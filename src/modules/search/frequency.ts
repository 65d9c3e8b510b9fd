// How many indexed articles hold each phrase (its document frequency), for broadside_rank() (SQLite; see
// native/broadside_fts.c). FTS5's bm25() counts these afresh in every statement, reading each phrase's whole
// list of matches: for a common word, most of a search's time. The figure barely moves between searches, so it
// is kept for a while (TTL) per connection, as search engines keep collection statistics: an article published
// since then is found and counted at once; only its weight in others' scores waits for the next count.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.js';

export const FREQUENCY_TTL_MS = 10 * 60_000;
const KEPT = 20_000;

type Table = 'article_fts' | 'article_strong_fts';
const caches = new WeakMap<Db, Map<string, { n: number; at: number }>>();

/** The number of rows of `table` matching each phrase (an FTS5 expression of one phrase), in order. */
export async function documentFrequencies(db: Db, table: Table, phrases: string[], nowMs = Date.now()): Promise<number[]> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
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
    for (const row of r.rows) {
      const i = Number(row.i);
      const key = `${table}\0${phrases[i]!}`;
      out[i] = Number(row.n);
      cache.delete(key);
      if (cache.size >= KEPT) cache.delete(cache.keys().next().value!);
      cache.set(key, { n: out[i], at: nowMs });
    }
  }
  return out;
}
