import type { Ctx } from '../../../platform/context/index.js';
import { notFound } from '../../../platform/http/errors.js';
import { publicPath } from './visibility.js';
import { removeFromIndex } from '../../search/index.js';

/** Deletes an article for good. Its public URL (and any that redirected to it) answers 410 Gone. */
export async function deleteArticle(ctx: Ctx, id: number, now = new Date().toISOString()): Promise<void> {
  const wasPublic = await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound(`There is no article ${id}.`);
    await removeFromIndex(trx, id);
    await trx.deleteFrom('articles').where('id', '=', id).execute();
    const path = publicPath(old, now);
    if (path) {
      await trx.updateTable('redirects').set({ to_path: null, status: 410 }).where('to_path', '=', path).execute();
      await trx.deleteFrom('redirects').where('from_path', '=', path).execute();
      await trx.insertInto('redirects').values({ from_path: path, to_path: null, status: 410, created_at: now }).execute();
    }
    return path !== null || old.status === 'scheduled';
  });
  if (wasPublic) ctx.invalidate(['lists', 'layout', `article:${id}`]);
}
