import type { Ctx } from '../../../../platform/context/index.js';
import { conflict } from '../../../../platform/http/errors.js';
import { deleteArticle } from '../../../content/operations/deleteArticle.js';
import { requireCan, type Actor } from '../access.js';
import { getArticle } from '../queries.js';

/** Deletes for good, from the trash only. A URL that was public answers 410 Gone from then on (content's deleteArticle). */
export async function deleteTrashedArticle(ctx: Ctx, actor: Actor, id: number, now = new Date().toISOString()): Promise<void> {
  const current = await getArticle(ctx.db, id, now);
  requireCan(actor, 'article.delete', { authorIds: current.authorIds });
  if (!current.trashedAt) throw conflict('Only articles in the trash can be deleted for good. Move it to the trash first.');
  await deleteArticle(ctx, id, now);
}
