import type { Ctx } from '../../../../platform/context/index.js';
import { publicPath } from '../../../content/operations/visibility.js';
import { requireCan, type Actor } from '../access.js';
import { getArticle, type AdminArticle } from '../queries.js';

/** Into the trash: off the public site at once (404), kept with its status until restored or deleted. */
export async function trashArticle(ctx: Ctx, actor: Actor, id: number, now = new Date().toISOString()): Promise<AdminArticle> {
  const current = await getArticle(ctx.db, id, now);
  requireCan(actor, 'article.delete', { authorIds: current.authorIds });
  const wasListed = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('articles')
      .set({ trashed_at: now })
      .where('id', '=', id)
      .where('trashed_at', 'is', null)
      .returning(['status', 'published_at', 'month_key', 'slug'])
      .executeTakeFirst();
    return !!row && (publicPath(row, now) !== null || row.status === 'scheduled');
  });
  if (wasListed) ctx.invalidate(['lists', 'layout', `article:${id}`]);
  return getArticle(ctx.db, id, now, actor.id);
}
