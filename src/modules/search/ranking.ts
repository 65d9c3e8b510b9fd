// Finding and ranking matches, per engine. Only visible articles (content's visible()) and only those the
// filters allow; a page of ids in rank order, and the total (exact up to COUNT_CAP).
//
// Ranking every match exactly costs time in proportion to the matches: fine for most searches, too slow for
// a very common word over a large archive (half of 100,000 articles). So when more than NEWEST articles
// match, the ranking runs over candidates: the NEWEST most recent matches, and the STRONG most recent ones
// with every searched word in a headline, kicker, standfirst or tag (so that an older article with the words
// in its headline is not missed; they come from the strong fields' own index, article_strong_fts or
// article_search_strong, far quicker to read). Ranked candidates come first; the other matches follow, newest
// first. Counting is exact up to COUNT_CAP.
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { runPrepared, type Db, type Engine } from '../../platform/db/index.js';
import type { Database } from '../../platform/db/schema.js';
import { visible } from '../content/queries.js';
import { engineOf, recencyBoost, sqliteRelevance, tsquery } from './engine.js';
import { matchesFilter, type ResolvedFilter } from './filters.js';
import { fts5Phrases, toFts5, toTsqueryTree, type ParsedQuery } from './query.js';
import { documentFrequencies } from './frequency.js';
import { recentWindow } from './document.js';
import { hasFtsRank } from '../../platform/db/native.js';

/** Up to this many matches are all ranked; beyond, this many of the newest are candidates. */
export const NEWEST = 100;
/** Candidates with the words in a headline, kicker, standfirst or tag, newest first. */
export const STRONG = 100;
/** Indexed articles that are not visible now, beyond which counts take the slow, exact way. */
const HIDDEN_MAX = 500;

/**
 * Matches are counted up to this many, or to one past the page asked for when that is further. Counting reads
 * every match (for the commonest words, half the archive; for two common words, the matches of both), which
 * was a fifth of a search's time at 10,000. Past it a search says "more than 1,000", as large search engines
 * say "about": a reader wants to know that there are many, and there is always a next page while there are
 * more (the count reaches past the page being read).
 */
export const COUNT_CAP = 1_000;

export interface Ranked {
  ids: number[];
  scores: number[];
  /** The number of matches, or the cap (COUNT_CAP, or just past the page) when there are more (exact false). */
  total: number;
  exact: boolean;
}

interface Ctx {
  db: Db;
  engine: Engine;
  query: ParsedQuery;
  f: ResolvedFilter;
  now: string;
  excludeId?: number;
  /** COUNT_CAP (smaller in tests), or one past the page asked for. */
  cap: number;
  /** PostgreSQL: the search's settings are made in this transaction (newest()). */
  settled?: boolean;
}

interface Scored {
  id: number;
  score: number;
  /** Published, in ms since 1970 (0 when not set): ties in score go to the newer. */
  at: number;
}

/** One page of matches in rank order (scores: higher is better; 0 for the newest-first tail) and the total. */
export async function rankMatches(db: Db, query: ParsedQuery, f: ResolvedFilter, now: string, limit: number, offset: number, opts: { excludeId?: number; cap?: number } = {}): Promise<Ranked> {
  const excludeId = opts.excludeId;
  // Never below NEWEST: whether there are more matches than NEWEST (and strong candidates are ranked too)
  // is then known exactly, the same on every page.
  const cap = Math.max(opts.cap ?? COUNT_CAP, NEWEST, offset + limit + 1);
  if (engineOf(db) === 'sqlite') return rankSqlite({ db, engine: 'sqlite', query, f, now, excludeId, cap }, limit, offset);
  return rankPostgres({ db, engine: 'postgres', query, f, now, excludeId, cap }, limit, offset);
}

async function rankSqlite(c: Ctx, limit: number, offset: number): Promise<Ranked> {
  const hidden = await skipped(c);
  // Counted on the index alone, less the hidden matches; or, with filters, joined to the articles.
  const { total, exact } = hidden
    ? capped(c, await ftsCount(c, null, c.cap + hidden.length + 1), hidden.length ? await ftsCount(c, hidden) : 0, hidden.length)
    : capped(c, await cappedCount(c), 0, 0);
  if (total === 0 || offset >= total) return { ids: [], scores: [], total, exact };
  // Newest first, so that FTS5's scan stops after the candidates; the score is computed as each match is read.
  const scored = async (strong: boolean, n: number) => {
    const columns = scoreColumns(c, strong, await frequencies(c, strong));
    const rows = await matches(c, strong).select(columns).orderBy('id', 'desc').limit(n).execute();
    const nowMs = Date.parse(c.now);
    return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) * recencyBoost(nowMs, r.published_at), at: Date.parse(r.published_at ?? '') || 0 }));
  };
  const candidates = exact && total <= NEWEST ? await scored(false, NEWEST) : [...(await scored(false, NEWEST)), ...(await scored(true, STRONG))];
  return page(c, candidates, { total, exact }, limit, offset);
}

/**
 * The total from a count of all matches (hidden ones included) stopped at cap + hiddenCount + 1, and the
 * number of hidden matches: exact below that limit, else more than cap visible matches for certain.
 */
function capped(c: Ctx, counted: number, hiddenMatches: number, hiddenCount: number): { total: number; exact: boolean } {
  return counted > c.cap + hiddenCount ? { total: c.cap, exact: false } : { total: counted - hiddenMatches, exact: true };
}

/** Matches with visible() and the filters, counted up to cap + 1. */
async function cappedCount(c: Ctx): Promise<number> {
  const some = matches(c)
    .select(sql<number>`1`.as('one'))
    .limit(c.cap + 1)
    .as('m');
  const r = await c.db
    .selectFrom(some)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * PostgreSQL: the same steps as rankSqlite() (hidden articles, the count, the newest and strong candidates,
 * their scores) in one call of broadside_search_rank() (migration 0015), with the filters as arguments: one
 * round trip, plans kept per connection, one snapshot. GIN gives matches in no order and cannot count them without
 * reading each one's row, so the function reads the newest articles' own index (article_search_recent,
 * migration 0014) first: for most words it holds the newest candidates, and for common ones more matches than
 * the count shows; only when it does not is article_search read, up to the cap (or, in the rare case that the
 * window holds too few of many matches, every match for the newest). Candidates are scored with ts_rank_cd,
 * strong ones on their strong vector alone, as on SQLite (and as page() expects).
 */
async function rankPostgres(c: Ctx, limit: number, offset: number): Promise<Ranked> {
  const f = c.f;
  // The time as a number (it only breaks ties): pg would turn each timestamptz into a Date and back into a
  // string, for each of a search's 150-odd candidate rows.
  const r = await sql<{ r_id: number | null; r_score: number | null; r_at: number | null; r_strong: boolean | null; r_total: number; r_exact: boolean }>`select r_id, r_score, extract(epoch from r_published_at)::float8 * 1000 as r_at, r_strong, r_total, r_exact from broadside_search_rank(
      ${pgQuery(c)}, ${pgQuery(c, 'positive')}, ${c.query.none.length > 0}, ${c.now}::timestamptz, ${c.cap}::int, ${offset}::int,
      ${recentWindow()}::bigint, ${NEWEST}::int, ${STRONG}::int, ${HIDDEN_MAX}::int,
      ${c.excludeId ?? null}::bigint, ${f.from ?? null}::timestamptz, ${f.to ?? null}::timestamptz, ${f.tagId ?? null}::bigint, ${f.authorId ?? null}::bigint)`;
  // Prepared: the text has a shape per query form (one word, two, a phrase…), the same for every search of it.
  const rows = await runPrepared(c.db, r.compile(c.db));
  const head = rows.find((x) => x.r_id === null)!;
  const counted = { total: Number(head.r_total), exact: head.r_exact };
  if (counted.total === 0 || offset >= counted.total) return { ids: [], scores: [], ...counted };
  // The strong ones last, for page().
  const candidates = rows
    .filter((x) => x.r_id !== null)
    .map((x) => ({ id: Number(x.r_id), score: Number(x.r_score), at: Number(x.r_at ?? 0), strong: x.r_strong ? 1 : 0 }))
    .sort((a, b) => a.strong - b.strong);
  return page(c, candidates, counted, limit, offset);
}

/** Candidates in rank order, the page of them asked for, and past them the other matches newest first. */
async function page(c: Ctx, candidates: Scored[], counted: { total: number; exact: boolean }, limit: number, offset: number): Promise<Ranked> {
  const { total, exact } = counted;
  // An article among both kinds of candidates keeps its strong score (given last): strong candidates are
  // then all compared on one scale, the words' rarity in those fields, and recency decides between them.
  const byId = new Map(candidates.map((r) => [r.id, r]));
  const ranked = [...byId.values()].sort((a, b) => b.score - a.score || b.at - a.at || b.id - a.id);
  const slice = ranked.slice(offset, offset + limit);
  const ids = slice.map((r) => r.id);
  const scores = slice.map((r) => r.score);
  if (ids.length < limit && total > ranked.length) {
    const tail = await newest(c, limit - ids.length, Math.max(0, offset - ranked.length), [...byId.keys()]);
    ids.push(...tail);
    scores.push(...tail.map(() => 0));
  }
  return { ids, scores, total, exact };
}

/**
 * Without filters: the indexed articles a search must leave out (the one excluded, and those not visible
 * now), so that it can count and pick from the index alone. visible() is: published or scheduled, published
 * no later than now, not trashed; drafts are never indexed, so these are the two other kinds (each read
 * through its own index). Null with filters, or when there are too many to list.
 */
async function skipped(c: Ctx): Promise<number[] | null> {
  if (c.f.from !== undefined || c.f.to !== undefined || c.f.tagId !== undefined || c.f.authorId !== undefined) return null;
  // One statement, each part read through its own index.
  const r = await sql<{ id: number }>`select id from (select id from articles where status = 'scheduled' and published_at > ${c.now} limit ${HIDDEN_MAX + 1}) later
    union all select id from (select id from articles where trashed_at is not null limit ${HIDDEN_MAX + 1}) trashed`.execute(c.db);
  const ids = [...new Set(r.rows.map((x) => Number(x.id)))];
  if (c.excludeId !== undefined) ids.push(c.excludeId);
  return ids.length <= HIDDEN_MAX ? ids : null;
}

type ArticleCols = { id: number; status: string; published_at: string | null; trashed_at: string | null };
const ARTICLES_SQLITE = sql<ArticleCols>`(select id, status, published_at, trashed_at from articles indexed by articles_search_visible_idx)`;

/** `articles` for a query over visible articles (see matches() for why SQLite reads it through an index). */
export function visibleArticles(db: Db): SelectQueryBuilder<Database, 'articles', object> {
  const from = engineOf(db) === 'sqlite' ? db.selectFrom(ARTICLES_SQLITE.as('articles')) : db.selectFrom('articles');
  return from as unknown as SelectQueryBuilder<Database, 'articles', object>;
}

/**
 * The matches (or those with every word in a strong field) as a query over `articles` joined to the index,
 * with visible() and the filters. On SQLite, `articles` is read through the covering index (id, status,
 * published_at, trashed_at): the table's own rows hold the body before those columns, and reading past it
 * costs a walk over its overflow pages for every match.
 */
function matches(c: Ctx, strongOnly = false): SelectQueryBuilder<Database, 'articles', object> {
  return shown(c, matching(c, strongOnly));
}

/** visible() and the filters (and the one article left out) over `articles` joined to an index. */
function shown(c: Ctx, qb: SelectQueryBuilder<Database, 'articles', object>): SelectQueryBuilder<Database, 'articles', object> {
  qb = qb.where(visible(c.now)).where(matchesFilter(c.f));
  if (c.excludeId !== undefined) qb = qb.where('articles.id', '!=', c.excludeId);
  return qb;
}

/** The index's matches joined to `articles` (see matches()). strongOnly: SQLite's (PostgreSQL's rankPostgres asks its own). */
function matching(c: Ctx, strongOnly: boolean): SelectQueryBuilder<Database, 'articles', object> {
  let qb: SelectQueryBuilder<Database, 'articles', object>;
  if (c.engine === 'sqlite' && strongOnly) {
    // The strong fields' own table (migration 0013); excluded words are looked for in the whole article.
    qb = c.db
      .selectFrom('article_strong_fts')
      .innerJoin(ARTICLES_SQLITE.as('articles'), 'articles.id', 'article_strong_fts.rowid')
      .where(sql<SqlBool>`article_strong_fts match ${toFts5({ ...c.query, none: [] })!}`) as unknown as SelectQueryBuilder<Database, 'articles', object>;
    if (c.query.none.length) {
      const none = toFts5({ ...c.query, all: [c.query.none], none: [] })!;
      qb = qb.where(sql<SqlBool>`+article_strong_fts.rowid not in (select rowid from article_fts where article_fts match ${none})`);
    }
  } else if (c.engine === 'sqlite') {
    qb = c.db
      .selectFrom('article_fts')
      .innerJoin(ARTICLES_SQLITE.as('articles'), 'articles.id', 'article_fts.rowid')
      .where(sql<SqlBool>`article_fts match ${toFts5(c.query)!}`) as unknown as SelectQueryBuilder<Database, 'articles', object>;
  } else {
    // "+ 0", as in broadside_search_rank(): joined on the column itself, the planner may walk article_search's
    // primary key in order, unpacking every vector, rather than take the GIN index.
    qb = c.db
      .selectFrom('article_search')
      .innerJoin('articles', (join) => join.on(sql<SqlBool>`articles.id = article_search.article_id + 0`))
      .where(sql<SqlBool>`article_search.document @@ ${pgQuery(c)}`) as unknown as SelectQueryBuilder<Database, 'articles', object>;
  }
  return qb;
}

const pgQueries = new WeakMap<ParsedQuery, { all: RawBuilder<unknown>; positive: RawBuilder<unknown> }>();
/** The tsquery of the whole query, or of its words without the excluded ones (for the strong fields). */
function pgQuery(c: Ctx, part: 'all' | 'positive' = 'all'): RawBuilder<unknown> {
  let q = pgQueries.get(c.query);
  if (!q) pgQueries.set(c.query, (q = { all: tsquery(toTsqueryTree(c.query)!), positive: tsquery(toTsqueryTree({ ...c.query, none: [] })!) }));
  return q[part];
}

function indexId(c: Ctx, strongOnly = false): RawBuilder<number> {
  if (c.engine === 'postgres') return strongOnly ? sql<number>`article_search_strong.article_id` : sql<number>`article_search.article_id`;
  return strongOnly ? sql<number>`article_strong_fts.rowid` : sql<number>`article_fts.rowid`;
}

/**
 * SQLite with broadside_rank(): the document frequency of each phrase of the MATCH expression (article_fts's,
 * or the strong table's without the excluded words), the excluded phrases 0 (never in a match). Else null: bm25().
 */
async function frequencies(c: Ctx, strongOnly: boolean): Promise<number[] | null> {
  if (c.engine !== 'sqlite' || !hasFtsRank(c.db)) return null;
  const phrases = fts5Phrases(strongOnly ? { ...c.query, none: [] } : c.query);
  const wanted = phrases.filter((p) => !p.excluded).map((p) => p.phrase);
  const found = await documentFrequencies(c.db, strongOnly ? 'article_strong_fts' : 'article_fts', wanted);
  let k = 0;
  return phrases.map((p) => (p.excluded ? 0 : found[k++]!));
}

/** SQLite's score columns (rankSqlite applies the recency boost; PostgreSQL scores in broadside_search_rank()). */
function scoreColumns(c: Ctx, strongOnly = false, frequencies: number[] | null = null) {
  return [indexId(c, strongOnly).as('id'), sql<string | null>`articles.published_at`.as('published_at'), sqliteRelevance(strongOnly, frequencies).as('score')] as const;
}

/**
 * Ids of matches, newest (highest id) first; `skip` leaves those out. PostgreSQL orders by "id + 0" so that it
 * takes the matches from the GIN index rather than walk its primary key testing each row's vector.
 */
async function newest(c: Ctx, limit: number, offset: number, skip: number[] | null): Promise<number[]> {
  if (c.engine === 'postgres' && !c.settled) {
    // PostgreSQL's planner counts `document @@ query` as cheap and, for a common word, prefers to test every row
    // (unpacking every article's vector: seconds over 100,000) to the GIN index: sequential scans are
    // discouraged for this statement's transaction, as broadside_search_rank() does for its own. (A page past
    // the ranked candidates is read in a snapshot of its own: an article published meanwhile may show there.)
    return c.db.transaction().execute(async (trx) => {
      await sql`select set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`.execute(trx);
      return newest({ ...c, db: trx, settled: true }, limit, offset, skip);
    });
  }
  let qb = matches(c);
  if (skip?.length) qb = qb.where(c.engine === 'sqlite' ? sql<SqlBool>`+article_fts.rowid not in (${sql.join(skip)})` : sql<SqlBool>`not (article_search.article_id = any(${skip}::bigint[]))`);
  const order = c.engine === 'sqlite' ? indexId(c) : sql`article_search.article_id + 0`;
  const rows = await qb.select(indexId(c).as('id')).orderBy(order, 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => Number((r as { id: number }).id));
}

/** Matches in the FTS5 index (visible or not), up to a limit, or among these ids. */
async function ftsCount(c: Ctx, among: number[] | null, limit?: number): Promise<number> {
  // "+rowid": never a rowid constraint beside MATCH. better-sqlite3 binds numbers as REAL, and FTS5 (3.54)
  // then drops such a constraint: `match 'x' and rowid = ?` gives every match.
  const r = among
    ? await sql<{ n: number }>`select count(*) as n from article_fts where article_fts match ${toFts5(c.query)!} and +rowid in (${sql.join(among)})`.execute(c.db)
    : await sql<{ n: number }>`select count(*) as n from (select 1 from article_fts where article_fts match ${toFts5(c.query)!} limit ${limit ?? -1})`.execute(c.db);
  return Number(r.rows[0]!.n);
}
