import type { Ctx } from '../../../../platform/context/index.js';
import { cleanArticle } from '../../../content/operations/articleInput.js';
import { isPublicStatus, requireCan, type Actor } from '../access.js';
import { articleConflict, StaleRevision } from '../errors.js';
import { fromClean, toInput, type ArticleFields } from '../fields.js';
import { getArticle, type AdminArticle } from '../queries.js';
import { assertAltText, commitArticle, inTrash, sameIds } from './commitArticle.js';
import { insertRevision } from './revisionRows.js';

/**
 * Saves an editor's changes (fields left out keep their value). `loadedRevision` is the revision the editor
 * opened: if someone saved since, the save is refused with 409 and the refused version is kept as a
 * 'conflict' revision, so no edit is ever lost silently.
 */
export async function saveArticle(
  ctx: Ctx,
  actor: Actor,
  id: number,
  patch: Partial<ArticleFields>,
  loadedRevision: number,
  now = new Date().toISOString(),
): Promise<AdminArticle> {
  const current = await getArticle(ctx.db, id, now);
  requireCan(actor, 'article.edit', { authorIds: current.authorIds });
  const input = toInput(current, patch);
  const clean = cleanArticle(input, now);
  if (!sameIds(clean.authorIds, current.authorIds)) requireCan(actor, 'article.edit', { authorIds: clean.authorIds });
  // Sticking to the front page is a publishing decision, as the status is.
  if (isPublicStatus(clean.status) || clean.sticky !== current.sticky) requireCan(actor, 'article.publish', { authorIds: clean.authorIds });
  if (current.trashedAt) throw inTrash();
  assertAltText(clean, current);

  if (loadedRevision === current.revision) {
    try {
      await commitArticle(ctx, actor, id, loadedRevision, input, clean, 'save', now);
      return getArticle(ctx.db, id, now, actor.id);
    } catch (err) {
      if (!(err instanceof StaleRevision)) throw err;
    }
  }
  // Refused: keep the editor's version beside the one that won, then tell them.
  await ctx.db.transaction().execute((trx) => insertRevision(trx, id, 'conflict', loadedRevision, actor, fromClean(clean), now));
  throw articleConflict(loadedRevision, await getArticle(ctx.db, id, now, actor.id));
}
