import type { Ctx } from '../../../../platform/context/index.js';
import { cleanArticle } from '../../../content/operations/articleInput.js';
import { requireCan, type Actor } from '../access.js';
import { StaleRevision } from '../errors.js';
import { toInput } from '../fields.js';
import { getArticle, type AdminArticle } from '../queries.js';
import { commitArticle, inTrash } from './commitArticle.js';
import { changedMeanwhile } from './publishArticle.js';

/** Back to draft: off the public site (its URL answers 404) and out of every list, feed and sitemap. */
export async function unpublishArticle(ctx: Ctx, actor: Actor, id: number, now = new Date().toISOString()): Promise<AdminArticle> {
  const current = await getArticle(ctx.db, id, now);
  requireCan(actor, 'article.publish', { authorIds: current.authorIds });
  if (current.trashedAt) throw inTrash();
  if (current.status === 'draft') return getArticle(ctx.db, id, now, actor.id);
  const input = toInput(current, { status: 'draft' });
  try {
    await commitArticle(ctx, actor, id, current.revision, input, cleanArticle(input, now), 'save', now);
  } catch (err) {
    if (err instanceof StaleRevision) throw changedMeanwhile();
    throw err;
  }
  return getArticle(ctx.db, id, now, actor.id);
}
