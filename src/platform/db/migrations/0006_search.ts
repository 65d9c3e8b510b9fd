// Full-text search over articles.
//   SQLite      article_fts: a contentless FTS5 table (rowid = article id; contentless_delete so that a row can
//               be replaced), porter stemming, unicode61 folding case and accents; and a covering index on
//               articles (id, status, published_at, trashed_at) that searches read visibility through.
//   PostgreSQL  article_search: one tsvector per article (A headline; B kicker, standfirst, tags; C body;
//               D bylines) under a GIN index, and its A and B parts alone (`strong`, for ranking very common
//               words quickly), rows going with their article. broadside_fold(text) folds
//               accents: unaccent when the extension can be created here, else translate() over the Latin
//               letters (the extension needs a privilege that managed databases do not always grant).
//   Both        article_tags (tag_id, article_id), for related articles. search_state: the module's own flags.
//               When articles exist already, `reindex_needed` asks the server to build the index once at start
//               (migrations never run module code, which makes the indexed text).
import { sql, type Kysely } from 'kysely';
import { isPostgres, refType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  if (isPostgres(db)) {
    const unaccent = await tryUnaccent(db);
    await createFoldFunction(db, unaccent);
    await db.schema
      .createTable('article_search')
      .addColumn('article_id', refType(db), (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      // The A and B parts alone: which articles have the words in a headline, kicker, standfirst or tag.
      .addColumn('strong', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index article_search_document_idx on article_search using gin (document)`.execute(db);
    await sql`create index article_search_strong_idx on article_search using gin (strong)`.execute(db);
  } else {
    await sql`create virtual table article_fts using fts5(
      headline, kicker, standfirst, body, tags, authors,
      content = '', contentless_delete = 1,
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
    // Every match is checked against visible() (status, published_at, trashed_at). In an articles row those
    // columns come after body_html, so reading them walks the body's overflow pages: a covering index holds
    // them apart (measured: a common word over 10,000 articles, 51 ms → 7 ms).
    await db.schema.createIndex('articles_search_visible_idx').on('articles').columns(['id', 'status', 'published_at', 'trashed_at']).execute();
  }

  // Related articles look for articles sharing a tag near an article's id: (tag, article) as one index.
  await db.schema.createIndex('article_tags_tag_article_idx').on('article_tags').columns(['tag_id', 'article_id']).execute();

  const any = await db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  if (any) await db.insertInto('search_state').values({ key: 'reindex_needed', value: new Date().toISOString() }).execute();
}

/** Creates the unaccent extension if it can; returns its schema, or null. A refusal is rolled back alone. */
async function tryUnaccent(db: Kysely<any>): Promise<string | null> {
  await sql`savepoint broadside_unaccent`.execute(db);
  try {
    await sql`create extension if not exists unaccent`.execute(db);
    await sql`release savepoint broadside_unaccent`.execute(db);
  } catch {
    await sql`rollback to savepoint broadside_unaccent`.execute(db);
    return null;
  }
  const row = await sql<{ schema: string }>`select quote_ident(n.nspname) as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'unaccent'`.execute(db);
  return row.rows[0]?.schema ?? null;
}

/**
 * broadside_fold(text): IMMUTABLE (so that it may be used in index expressions and is evaluated once for a
 * constant). With unaccent, its two-argument form with the dictionary named, the usual way to make it
 * immutable. Without it, translate() over every Latin-1 and Latin Extended-A/B letter that is a base letter
 * plus accents, taken from Unicode's own decompositions.
 */
export async function createFoldFunction(db: Kysely<any>, unaccentSchema: string | null): Promise<void> {
  const body = unaccentSchema ? `select ${unaccentSchema}.unaccent('${unaccentSchema}.unaccent'::regdictionary, $1)` : `select translate($1, ${literal(FOLD_FROM)}, ${literal(FOLD_TO)})`;
  await sql.raw(`create or replace function broadside_fold(text) returns text language sql immutable strict parallel safe as $fold$ ${body} $fold$`).execute(db);
}

function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Letters U+00C0–U+024F whose canonical decomposition is one ASCII letter plus combining marks. */
function foldTable(): [string, string] {
  let from = '';
  let to = '';
  for (let cp = 0xc0; cp <= 0x24f; cp++) {
    const c = String.fromCodePoint(cp);
    const base = c.normalize('NFD').replace(/\p{M}+/gu, '');
    if (base !== c && /^[A-Za-z]$/.test(base)) {
      from += c;
      to += base;
    }
  }
  return [from, to];
}
export const [FOLD_FROM, FOLD_TO] = foldTable();
