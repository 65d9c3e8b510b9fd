import type { Ctx } from '../../../../platform/context/index.js';
import { conflict } from '../../../../platform/http/errors.js';
import { cleanArticle } from '../../../content/operations/articleInput.js';
import { requireCan, type Actor } from '../access.js';
import { StaleRevision } from '../errors.js';
import { toInput } from '../fields.js';
import { getArticle, type AdminArticle } from '../queries.js';
import { assertAltText, commitArticle, inTrash } from './commitArticle.js';

export const changedMeanwhile = () => conflict('The article changed while this was being done. Reload it and try again.');

/**
 * Publishes now, or at `publishedAt` (a time to come schedules it). An article already out keeps its
 * publication time unless a new one is given. Refused while any image in the body lacks alt text.
 */
export async function publishArticle(ctx: Ctx, actor: Actor, id: number, publishedAt?: string | null, now = new Date().toISOString()): Promise<AdminArticle> {
  const current = await getArticle(ctx.db, id, now);
  requireCan(actor, 'article.publish', { authorIds: current.authorIds });
  if (current.trashedAt) throw inTrash();
  const at = publishedAt ?? (current.status === 'published' ? current.publishedAt : now);
  const input = toInput(current, { status: 'published', publishedAt: at });
  const clean = cleanArticle(input, now);
  assertAltText(clean, null);
  try {
    await commitArticle(ctx, actor, id, current.revision, input, clean, 'save', now);
  } catch (err) {
    if (err instanceof StaleRevision) throw changedMeanwhile();
    throw err;
  }
  return getArticle(ctx.db, id, now, actor.id);
}
