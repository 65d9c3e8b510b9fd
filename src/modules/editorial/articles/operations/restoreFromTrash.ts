import type { Ctx } from '../../../../platform/context/index.js';
import { conflict } from '../../../../platform/http/errors.js';
import { cleanArticle } from '../../../content/operations/articleInput.js';
import { requireCan, type Actor } from '../access.js';
import { StaleRevision } from '../errors.js';
import { toInput } from '../fields.js';
import { getArticle, type AdminArticle } from '../queries.js';
import { commitArticle } from './commitArticle.js';
import { changedMeanwhile } from './publishArticle.js';

/** Out of the trash, as a draft: it goes public again only when someone publishes it. */
export async function restoreFromTrash(ctx: Ctx, actor: Actor, id: number, now = new Date().toISOString()): Promise<AdminArticle> {
  const current = await getArticle(ctx.db, id, now);
  requireCan(actor, 'article.delete', { authorIds: current.authorIds });
  if (!current.trashedAt) throw conflict('This article is not in the trash.');
  const input = toInput(current, { status: 'draft' });
  try {
    await commitArticle(ctx, actor, id, current.revision, input, cleanArticle(input, now), 'save', now, { fromTrash: true });
  } catch (err) {
    if (err instanceof StaleRevision) throw changedMeanwhile();
    throw err;
  }
  return getArticle(ctx.db, id, now, actor.id);
}
