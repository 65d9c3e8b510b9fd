// Which engine a Kysely instance (or a transaction of one) talks to, and the SQL that differs between them.
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db, Engine } from '../../platform/db/index.js';
import type { TsqueryTree } from './query.js';

export function engineOf(db: Db): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The PostgreSQL tsquery for a parsed query: composed of plainto/phraseto_tsquery over bound parameters. */
export function tsquery(t: TsqueryTree): RawBuilder<unknown> {
  if ('and' in t) return sql`(${sql.join(t.and.map(tsquery), sql` && `)})`;
  if ('or' in t) return sql`(${sql.join(t.or.map(tsquery), sql` || `)})`;
  if ('not' in t) return sql`(!! ${tsquery(t.not)})`;
  return t.op === 'word' ? sql`plainto_tsquery('english', broadside_fold(${t.text}::text))` : sql`phraseto_tsquery('english', broadside_fold(${t.text}::text))`;
}

/**
 * SQLite's relevance (higher is better: FTS5's bm25 is negative, better when lower, and its sign is turned
 * here), without the boost for recent articles: ranking.ts multiplies by recencyBoost() in JS, where SQL's
 * julianday() on every row cost 0.2 ms a statement.
 * frequencies: each FTS5 phrase's document frequency, to rank with broadside_rank() (platform/db/native.ts).
 */
export function sqliteRelevance(strongOnly = false, frequencies: number[] | null = null): RawBuilder<number> {
  // On the strong fields' own table (the same weights): what bm25() on article_fts gives when the words are
  // asked for in those columns alone, but for the document lengths, which there leave the body out.
  const table = sql.raw(strongOnly ? 'article_strong_fts' : 'article_fts');
  const weights = sql.raw(strongOnly ? '10.0, 3.0, 3.0, 3.0' : '10.0, 3.0, 3.0, 1.0, 3.0, 2.0');
  // broadside_rank() (native/broadside_fts.c): BM25 as bm25() computes it, with each phrase's document frequency
  // given (frequency.ts) rather than counted by reading all its matches in every statement.
  return frequencies ? sql<number>`broadside_rank(${table}, ${weights}, ${sql.join(frequencies)})` : sql<number>`(-bm25(${table}, ${weights}))`;
}

/** A gentle boost for recent articles: ×1.5 today, ×1.25 a year on, ×1.1 at four years, → ×1 (both engines). */
export function recencyBoost(nowMs: number, publishedAt: string | null): number {
  const days = publishedAt ? (nowMs - Date.parse(publishedAt)) / 86_400_000 : 0;
  return 1 + (0.5 * 365) / (365 + Math.max(0, Number.isFinite(days) ? days : 0));
}
