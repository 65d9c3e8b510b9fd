import type { Db } from '../../../platform/db/index.js';
import { documentOf, isIndexable, loadDocuments, writeDocuments, type ArticleText } from '../document.js';

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

/** An article as just written, with its tags' names and its byline in order. */
export interface ArticleToIndex extends ArticleText {
  tags: string[];
  authors: string[];
}

/** reindexArticle for many articles at once, as the caller wrote them (importers): nothing is read back. */
export async function indexWrittenArticles(trx: Db, articles: ArticleToIndex[]): Promise<void> {
  for (let i = 0; i < articles.length; i += 500) {
    const chunk = articles.slice(i, i + 500);
    const ids = chunk.map((a) => Number(a.id));
    await writeDocuments(trx, ids, chunk.filter(isIndexable).map((a) => documentOf(a, a.tags, a.authors)));
    await trx.deleteFrom('article_related').where('article_id', 'in', ids).execute();
  }
}
