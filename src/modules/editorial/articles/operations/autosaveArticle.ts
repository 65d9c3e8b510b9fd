import type { Ctx } from '../../../../platform/context/index.js';
import { sanitizeHtml } from '../../../../platform/html/sanitizer.js';
import { requireCan, type Actor } from '../access.js';
import { apiToStored, type ArticleFields } from '../fields.js';
import { getArticle } from '../queries.js';
import { inTrash } from './commitArticle.js';
import { deleteAutosave, insertRevision } from './revisionRows.js';

/**
 * Keeps the writer's unsaved work: one autosave per person and article, replaced by the next. The live
 * article is not touched; the editor offers the autosave back when it is newer than the article.
 */
export async function autosaveArticle(
  ctx: Ctx,
  actor: Actor,
  id: number,
  fields: Partial<ArticleFields>,
  now = new Date().toISOString(),
): Promise<{ id: number; revision: number; createdAt: string }> {
  const current = await getArticle(ctx.db, id, now);
  requireCan(actor, 'article.edit', { authorIds: current.authorIds });
  if (current.trashedAt) throw inTrash();
  const kept: Partial<ArticleFields> = { ...fields };
  if (kept.bodyHtml !== undefined) kept.bodyHtml = sanitizeHtml(kept.bodyHtml);
  const rowId = await ctx.db.transaction().execute(async (trx) => {
    await deleteAutosave(trx, id, actor.id);
    return insertRevision(trx, id, 'autosave', current.revision, actor, apiToStored(kept), now);
  });
  return { id: rowId, revision: current.revision, createdAt: now };
}
