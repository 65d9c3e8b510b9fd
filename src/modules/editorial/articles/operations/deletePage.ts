import type { Ctx } from '../../../../platform/context/index.js';
import { notFound } from '../../../../platform/http/errors.js';
import { requireCan, type Actor } from '../access.js';
import { leaveGone } from './redirectRows.js';

/** Deletes a page; a published one leaves 410 Gone at its URL. */
export async function deletePage(ctx: Ctx, actor: Actor, id: number, now = new Date().toISOString()): Promise<void> {
  requireCan(actor, 'taxonomy.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('pages').select(['slug', 'status']).where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound(`There is no page ${id}.`);
    await trx.deleteFrom('pages').where('id', '=', id).execute();
    if (old.status === 'published') await leaveGone(trx, `/${old.slug}/`, now);
  });
  ctx.invalidate(['layout', `page:${id}`]);
}
