// Replaces an article's ordered authors and tags inside the caller's transaction.
import { badInput } from '../../../platform/http/errors.js';
import type { Db } from '../../../platform/db/index.js';

export async function writeArticleLinks(trx: Db, articleId: number, authorIds: number[], tagIds: number[]): Promise<void> {
  const authors = await trx.selectFrom('authors').select('id').where('id', 'in', authorIds).execute();
  if (authors.length !== authorIds.length) throw badInput('One of the authors does not exist.', 'authorIds');
  if (tagIds.length) {
    const tags = await trx.selectFrom('tags').select('id').where('id', 'in', tagIds).execute();
    if (tags.length !== tagIds.length) throw badInput('One of the tags does not exist.', 'tagIds');
  }
  await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  await trx.insertInto('article_authors').values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position }))).execute();
  if (tagIds.length) {
    await trx.insertInto('article_tags').values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position }))).execute();
  }
}
