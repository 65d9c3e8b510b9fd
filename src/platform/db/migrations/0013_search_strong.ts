// Ranking very common words quickly (see the search module's ranking.ts): besides the newest matches, the
// candidates are the newest with the words in a headline, kicker, standfirst or tag.
//   SQLite      article_strong_fts: those fields of each indexed article in an FTS5 table of their own
//               (rowid = article id), beside article_fts, which keeps them too. Asked of article_fts with a
//               column filter, FTS5 read the position lists of every match of every word, in the bodies too,
//               and bm25() read them again for the words' rarity: 1.7 ms of a 7 ms search on average over
//               100,000 articles. This table's lists are a hundredth of the size.
//   PostgreSQL  article_search.strong moves to a table of its own, article_search_strong, and article_search
//               keeps only small rows (toast_tuple_target 128: its vector always stored apart): counting a
//               common word's matches reads each match's row, and reads a fifth of the pages (over 100,000
//               articles, a word in one article in eight: 21 ms → 6 ms). Strong vectors stay in their rows,
//               which ranking reads (stored apart, 300 of them took 4 ms more).
// The text is the search module's (migrations never run module code): with articles present, the
// `reindex_needed` flag asks the server to rebuild the index once at start, as 0006 does (which, on
// PostgreSQL, also writes article_search's rows anew, small).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create table article_search_strong (
      article_id bigint primary key references articles (id) on delete cascade,
      strong tsvector not null
    )`.execute(db);
    await sql`insert into article_search_strong (article_id, strong) select article_id, strong from article_search`.execute(db);
    await sql`alter table article_search drop column strong`.execute(db);
    await sql`create index article_search_strong_idx on article_search_strong using gin (strong)`.execute(db);
    await sql`alter table article_search set (toast_tuple_target = 128)`.execute(db);
  } else {
    await sql`create virtual table article_strong_fts using fts5(
      headline, kicker, standfirst, tags,
      content = '', contentless_delete = 1,
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
  }
  const any = await db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  if (any) {
    await db
      .insertInto('search_state')
      .values({ key: 'reindex_needed', value: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}
