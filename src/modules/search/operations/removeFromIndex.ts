import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.js';
import { engineOf } from '../engine.js';

/** Takes an article out of the index, inside the caller's transaction (content's deleteArticle calls it). */
export async function removeFromIndex(trx: Db, id: number): Promise<void> {
  if (engineOf(trx) === 'sqlite') {
    await sql`delete from article_fts where rowid = ${id}`.execute(trx);
    await sql`delete from article_strong_fts where rowid = ${id}`.execute(trx);
  } else {
    // In the order saves write them (see document.ts).
    await trx.deleteFrom('article_search').where('article_id', '=', id).execute();
    await trx.deleteFrom('article_search_strong').where('article_id', '=', id).execute();
  }
}
