import type { Db } from '../../../platform/db/index.js';
import { writeDocuments } from '../document.js';

/**
 * Takes an article out of the index, inside the caller's transaction (content's deleteArticle calls it): its
 * rows in every index table go, as a save without a document does (and during a rebuild, from the new tables too).
 */
export async function removeFromIndex(trx: Db, id: number): Promise<void> {
  await writeDocuments(trx, [id], []);
}
