// What the index holds for an article, and writing it. Drafts and trashed articles are not indexed;
// scheduled ones are, so that they are found the moment their time comes (queries check visible()).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import { engineOf } from './engine.js';
import { indexHtml, indexText } from './text.js';

export interface SearchDocument {
  id: number;
  headline: string;
  kicker: string;
  standfirst: string;
  body: string;
  tags: string;
  authors: string;
}

/** PostgreSQL keeps at most 1 MB of tsvector: far more text than any article, but a bound all the same. */
const MAX_BODY_CHARS = 300_000;

export interface ArticleText {
  id: number;
  status: string;
  trashed_at: string | null;
  headline: string;
  kicker: string;
  standfirst: string;
  body_html: string;
}

export function isIndexable(a: Pick<ArticleText, 'status' | 'trashed_at'>): boolean {
  return a.status !== 'draft' && a.trashed_at === null;
}

export function documentOf(a: ArticleText, tags: string[], authors: string[]): SearchDocument {
  return {
    id: Number(a.id),
    headline: indexText(a.headline),
    kicker: indexText(a.kicker),
    standfirst: indexText(a.standfirst),
    body: indexHtml(a.body_html, MAX_BODY_CHARS),
    tags: indexText(tags.join('\n')),
    authors: indexText(authors.join('\n')),
  };
}

/** The articles' texts with their tag names and bylines, for these ids (in any order). */
export async function loadDocuments(db: Db, ids: number[]): Promise<{ docs: SearchDocument[]; skip: number[] }> {
  if (ids.length === 0) return { docs: [], skip: [] };
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'status', 'trashed_at', 'headline', 'kicker', 'standfirst', 'body_html'])
    .where('id', 'in', ids)
    .execute();
  const tagRows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.name'])
    .where('article_tags.article_id', 'in', ids)
    .orderBy('article_tags.position')
    .execute();
  const authorRows = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.name'])
    .where('article_authors.article_id', 'in', ids)
    .orderBy('article_authors.position')
    .execute();
  const group = (rs: { article_id: number; name: string }[]) => {
    const m = new Map<number, string[]>();
    for (const r of rs) {
      const id = Number(r.article_id);
      const list = m.get(id) ?? [];
      list.push(r.name);
      m.set(id, list);
    }
    return m;
  };
  const tags = group(tagRows);
  const authors = group(authorRows);
  const docs: SearchDocument[] = [];
  const found = new Set<number>();
  for (const r of rows) {
    const id = Number(r.id);
    found.add(id);
    if (isIndexable(r)) docs.push(documentOf(r, tags.get(id) ?? [], authors.get(id) ?? []));
  }
  // Missing, draft or trashed: must not be in the index.
  const indexed = new Set(docs.map((d) => d.id));
  return { docs, skip: ids.filter((id) => !indexed.has(id)) };
}

/** PostgreSQL's index tables: the live ones, or the fresh ones a rebuild writes and then puts in their place. */
export const LIVE_TABLES = { document: 'article_search', strong: 'article_search_strong', recent: 'article_search_recent' } as const;
export const NEXT_TABLES = { document: 'article_search_next', strong: 'article_search_strong_next', recent: 'article_search_recent_next' } as const;

let recentIds = 10_000;
/**
 * PostgreSQL's article_search_recent (migration 0014, which fills it with the same window) holds the rows of
 * every indexed article whose id is within this many of the highest article id, and perhaps a few older ones
 * that left the window since. The window only moves forward (ids only grow), so a row written when inside it
 * is there for as long as it is inside. 0: the table is not read (tests compare searches both ways).
 */
export function recentWindow(): number {
  return recentIds;
}
/** Tests only: a narrower window, or 0. Never wider over a filled table (the rows in between are missing). */
export function setRecentWindow(ids: number): void {
  recentIds = ids;
}
type Tables = typeof LIVE_TABLES | typeof NEXT_TABLES;

/**
 * Replaces the index rows of these ids by these documents (ids without a document lose their rows). `into`:
 * PostgreSQL's rebuild writes fresh tables of the same shape, which it then puts in the index's place.
 */
export async function writeDocuments(db: Db, ids: number[], docs: SearchDocument[], into: Tables = LIVE_TABLES): Promise<void> {
  if (ids.length === 0) return;
  if (engineOf(db) === 'sqlite') {
    // A contentless FTS5 table does not enforce unique rowids: always delete first.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await sql`delete from article_fts where rowid in (${sql.join(chunk)})`.execute(db);
      await sql`delete from article_strong_fts where rowid in (${sql.join(chunk)})`.execute(db);
    }
    for (let i = 0; i < docs.length; i += 100) {
      const chunk = docs.slice(i, i + 100);
      const rows = chunk.map((d) => sql`(${d.id}, ${d.headline}, ${d.kicker}, ${d.standfirst}, ${d.body}, ${d.tags}, ${d.authors})`);
      await sql`insert into article_fts (rowid, headline, kicker, standfirst, body, tags, authors) values ${sql.join(rows)}`.execute(db);
      const strong = chunk.map((d) => sql`(${d.id}, ${d.headline}, ${d.kicker}, ${d.standfirst}, ${d.tags})`);
      await sql`insert into article_strong_fts (rowid, headline, kicker, standfirst, tags) values ${sql.join(strong)}`.execute(db);
    }
    return;
  }
  const withDoc = new Set(docs.map((d) => d.id));
  const gone = ids.filter((id) => !withDoc.has(id));
  await writeVectors(db, into, gone, docs);
  // While a rebuild writes its new tables (see rebuildSearchIndex), saves go to both. Asked only now: this
  // transaction's write to article_search keeps the rebuild from swapping the tables until it commits.
  if (into === LIVE_TABLES && (await rebuildRunning(db))) await writeVectors(db, NEXT_TABLES, gone, docs);
}

export async function rebuildRunning(db: Db): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass('article_search_next')::text as t`.execute(db);
  return r.rows[0]?.t != null;
}

/**
 * The document table first, then the strong one, then the recent one, always: the rebuild's swap locks them in
 * that order too, so a save and a swap wait for each other, never deadlock.
 */
async function writeVectors(db: Db, into: Tables, gone: number[], docs: SearchDocument[]): Promise<void> {
  for (const table of [into.document, into.strong, into.recent]) {
    await sql`delete from ${sql.table(table)} where article_id in (${sql.join(gone.length ? gone : [0])})`.execute(db);
  }
  for (let i = 0; i < docs.length; i += 100) {
    const chunk = docs.slice(i, i + 100);
    // The strong part is made twice (for each table): a few dozen words against a body of hundreds, cheaper
    // than reading the document's vector back, and each table written by a statement of its own, in order.
    const strong = (d: SearchDocument) =>
      sql`setweight(to_tsvector('english', ${folded(d.headline)}), 'A') ||
        setweight(to_tsvector('english', ${folded(`${d.kicker}\n${d.standfirst}\n${d.tags}`)}), 'B')`;
    const documents = chunk.map(
      (d) => sql`(${d.id}::bigint, ${strong(d)} ||
        setweight(to_tsvector('english', ${folded(d.body)}), 'C') ||
        setweight(to_tsvector('english', ${folded(d.authors)}), 'D'))`,
    );
    await sql`insert into ${sql.table(into.document)} (article_id, document) values ${sql.join(documents)}
      on conflict (article_id) do update set document = excluded.document`.execute(db);
    await sql`insert into ${sql.table(into.strong)} (article_id, strong) values ${sql.join(chunk.map((d) => sql`(${d.id}::bigint, ${strong(d)})`))}
      on conflict (article_id) do update set strong = excluded.strong`.execute(db);
  }
  await writeRecent(db, into, docs.map((d) => d.id));
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A text folded as queries are (broadside_fold: accents off). It only changes letters beyond ASCII (unaccent's
 * rules and the translate() fallback of migration 0006 alike), and indexText() has already turned punctuation
 * into spaces, so most English texts are ASCII here: those are sent as they are, since unaccent over a body
 * cost a tenth of turning it into a vector, and a rebuild does that 100,000 times.
 */
function folded(text: string): RawBuilder<string> {
  return ASCII.test(text) ? sql<string>`${text}::text` : sql<string>`broadside_fold(${text}::text)`;
}

/**
 * The recent table's rows for these ids when inside the window (copied from the document table, not made
 * again), and rows that have left it dropped (few: those of the ids the newest articles took).
 */
async function writeRecent(db: Db, into: Tables, ids: number[]): Promise<void> {
  const window = recentWindow();
  const low = sql`(select coalesce(max(id), 0) - ${window} from articles)`;
  if (ids.length && window > 0) {
    await sql`insert into ${sql.table(into.recent)} (article_id, document)
      select article_id, document from ${sql.table(into.document)} where article_id in (${sql.join(ids)}) and article_id > ${low}
      on conflict (article_id) do update set document = excluded.document`.execute(db);
  }
  await sql`delete from ${sql.table(into.recent)} where article_id <= ${low}`.execute(db);
}
