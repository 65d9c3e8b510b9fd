// SQLite: article_strong_fts, the headline, kicker, standfirst and tags of each indexed article in an FTS5
// table of their own (rowid = article id), beside article_fts, which keeps them too.
// Ranking a very common word takes, besides the newest matches, the newest with the words in those fields
// (see the search module's ranking.ts). Asked of article_fts with a column filter, FTS5 reads the position
// lists of every match of every word, in the bodies too, and bm25() reads them a second time for the words'
// rarity: 1.7 ms of a 7 ms search, on average, over 100,000 articles. This table's lists are a hundredth of
// the size. PostgreSQL has the same fields as article_search.strong already.
// The text is the search module's (migrations never run module code): with articles present, the
// `reindex_needed` flag asks the server to rebuild the index once at start, as 0006 does.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create virtual table article_strong_fts using fts5(
    headline, kicker, standfirst, tags,
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
  )`.execute(db);
  const any = await db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  if (any) {
    await db
      .insertInto('search_state')
      .values({ key: 'reindex_needed', value: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}
