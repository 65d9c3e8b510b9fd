// PostgreSQL only: article_search_recent, the document vectors of the newest articles (ids within
// RECENT_IDS of the highest article id) under a GIN index of their own, beside article_search, which keeps them
// too. GIN gives matches in no order: counting a common word's matches and finding its newest read, in
// article_search, the whole of its posting list and a row for each match (half the archive for the commonest
// words: 40 ms over 100,000 articles). Most searches find their newest candidates, and often more matches than
// the count shows, among the newest few thousand articles, a tenth of the work (see the search module's
// ranking.ts). SQLite's FTS5 reads matches newest first already: nothing changes there.
// The window must be the search module's RECENT_IDS (migrations never import module code); saves and the index
// rebuild keep it filled from then on.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

const RECENT_IDS = 10_000;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create table article_search_recent (
    article_id bigint primary key references articles (id) on delete cascade,
    document tsvector not null
  ) with (toast_tuple_target = 128)`.execute(db);
  await sql`insert into article_search_recent (article_id, document)
    select article_id, document from article_search
    where article_id > (select coalesce(max(id), 0) from articles) - ${sql.lit(RECENT_IDS)}`.execute(db);
  await sql`create index article_search_recent_document_idx on article_search_recent using gin (document)`.execute(db);
}
