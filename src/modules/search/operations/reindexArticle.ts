import type { Db } from '../../../platform/db/index.js';
import { loadDocuments, writeDocuments } from '../document.js';

/**
 * Brings one article's index row in line with the article, inside the caller's transaction (content's
 * createArticle and updateArticle call it): indexed when published or scheduled, removed when a draft or
 * in the trash. Reads the article through `trx`, so it indexes what the transaction wrote.
 */
export async function reindexArticle(trx: Db, id: number): Promise<void> {
  const { docs } = await loadDocuments(trx, [id]);
  await writeDocuments(trx, [id], docs);
  // Its words or tags may have changed: the related list is worked out again on the next view.
  await trx.deleteFrom('article_related').where('article_id', '=', id).execute();
}
