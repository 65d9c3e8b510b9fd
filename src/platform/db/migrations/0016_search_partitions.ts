// PostgreSQL only: article_search in two partitions by a hash of the article id (article_search_p0, _p1),
// each with its own GIN index. PostgreSQL builds a GIN index on one core, and over 100,000 articles that build
// was half of a rebuild of the index (50–60 s on the two-core development machines): the search module's
// rebuild now builds the two halves at once, one on each core (about 33 s). Queries are unchanged (the planner
// reads both partitions); a capped count is often quicker, as the first partition alone may hold enough matches.
// The rows are copied as they are: nothing is computed again, and searches work throughout.
// The layout must be the search module's (rebuildSearchIndex.ts makes the same tables under other names).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

const SEARCH_PARTITIONS = 2;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create table article_search_parts (
    article_id bigint not null references articles (id) on delete cascade,
    document tsvector not null,
    constraint article_search_parts_pkey primary key (article_id)
  ) partition by hash (article_id)`.execute(db);
  for (let i = 0; i < SEARCH_PARTITIONS; i++) {
    // toast_tuple_target as in migration 0013: vectors stored apart, small rows for counting.
    await sql.raw(`create table article_search_parts_p${i} partition of article_search_parts
      for values with (modulus ${SEARCH_PARTITIONS}, remainder ${i}) with (toast_tuple_target = 128)`).execute(db);
  }
  await sql`insert into article_search_parts (article_id, document) select article_id, document from article_search`.execute(db);
  await sql`drop table article_search`.execute(db);
  await sql`alter table article_search_parts rename to article_search`.execute(db);
  await sql`alter index article_search_parts_pkey rename to article_search_pkey`.execute(db);
  await sql`alter table article_search rename constraint article_search_parts_article_id_fkey to article_search_article_id_fkey`.execute(db);
  for (let i = 0; i < SEARCH_PARTITIONS; i++) {
    await sql.raw(`alter table article_search_parts_p${i} rename to article_search_p${i}`).execute(db);
    await sql.raw(`alter index article_search_parts_p${i}_pkey rename to article_search_p${i}_pkey`).execute(db);
    await sql.raw(`alter table article_search_p${i} rename constraint article_search_parts_article_id_fkey to article_search_article_id_fkey`).execute(db);
  }
  // Builds each partition's index, named article_search_pN_document_idx.
  await sql`create index article_search_document_idx on article_search using gin (document)`.execute(db);
  await sql`analyze article_search`.execute(db);
}
