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
 * Relevance times a gentle boost for recent articles: ×1.5 today, ×1.25 a year on, ×1.1 at four years, → ×1.
 * Higher is better on both engines (FTS5's bm25 is negative, better when lower: its sign is turned here).
 * frequencies: each FTS5 phrase's document frequency, to rank with broadside_rank() (platform/db/native.ts).
 */
export function sqliteScore(now: string, strongOnly = false, frequencies: number[] | null = null): RawBuilder<number> {
  // On the strong fields' own table (the same weights): what bm25() on article_fts gives when the words are
  // asked for in those columns alone, but for the document lengths, which there leave the body out.
  const table = sql.raw(strongOnly ? 'article_strong_fts' : 'article_fts');
  const weights = sql.raw(strongOnly ? '10.0, 3.0, 3.0, 3.0' : '10.0, 3.0, 3.0, 1.0, 3.0, 2.0');
  // broadside_rank() (native/broadside_fts.c): BM25 as bm25() computes it, with each phrase's document frequency
  // given (frequency.ts) rather than counted by reading all its matches in every statement.
  const relevance = frequencies ? sql`broadside_rank(${table}, ${weights}, ${sql.join(frequencies)})` : sql`(-bm25(${table}, ${weights}))`;
  return sql<number>`${relevance} * (1.0 + 0.5 * 365.0 / (365.0 + max(0.0, julianday(${now}) - julianday(articles.published_at))))`;
}

/**
 * ts_rank_cd weights, {D, C, B, A}: bylines, body, kicker/standfirst/tags, headline. Normalised by log length.
 * Over the whole document, or its strong part alone (A and B) for the candidates found there.
 */
export function postgresScore(q: RawBuilder<unknown>, now: string, vector: 'document' | 'strong' = 'document'): RawBuilder<number> {
  return sql<number>`ts_rank_cd('{0.2, 0.1, 0.4, 1.0}'::float4[], ${vector === 'strong' ? sql.ref('article_search_strong.strong') : sql.ref('article_search.document')}, ${q}, 1) * (1.0 + 0.5 * 365.0 / (365.0 + greatest(0.0, extract(epoch from (${now}::timestamptz - articles.published_at)) / 86400.0)))`;
}
