import type { Ctx } from '../../../../platform/context/index.js';
import { cleanArticle } from '../../../content/operations/articleInput.js';
import { createArticle } from '../../../content/operations/createArticle.js';
import { isPublicStatus, requireCan, type Actor } from '../access.js';
import { fromClean, toInput, type ArticleFields } from '../fields.js';
import { getArticle, type AdminArticle } from '../queries.js';
import { assertAltText } from './commitArticle.js';
import { insertRevision } from './revisionRows.js';

/** A new article (a draft unless said otherwise) under the writer's own byline unless others are named; revision 1. */
export async function createEditorialArticle(
  ctx: Ctx,
  actor: Actor,
  fields: Partial<ArticleFields>,
  now = new Date().toISOString(),
): Promise<AdminArticle> {
  requireCan(actor, 'article.create');
  const base: ArticleFields = {
    headline: '',
    kicker: '',
    standfirst: '',
    bodyHtml: '',
    slug: '',
    status: 'draft',
    publishedAt: null,
    authorIds: [actor.authorId],
    primaryTagId: null,
    tagIds: [],
    sticky: false,
  };
  const input = toInput(base, fields);
  const clean = cleanArticle(input, now);
  // Writing under other people's bylines only is editing their articles.
  requireCan(actor, 'article.edit', { authorIds: clean.authorIds });
  if (isPublicStatus(clean.status) || clean.sticky) requireCan(actor, 'article.publish', { authorIds: clean.authorIds });
  assertAltText(clean, null);
  const { id } = await createArticle(ctx, input, now, {
    within: async (trx, newId) => {
      await insertRevision(trx, newId, 'save', 1, actor, fromClean(clean), now);
    },
  });
  return getArticle(ctx.db, id, now, actor.id);
}
