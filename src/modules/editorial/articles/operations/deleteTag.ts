import type { Ctx } from '../../../../platform/context/index.js';
import { notFound } from '../../../../platform/http/errors.js';
import { requireCan, type Actor } from '../access.js';
import { leaveGone } from './redirectRows.js';

/** Deletes a tag; its articles lose it. /tag/slug/ answers 410 Gone. */
export async function deleteTag(ctx: Ctx, actor: Actor, id: number, now = new Date().toISOString()): Promise<void> {
  requireCan(actor, 'taxonomy.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('tags').select(['id', 'slug']).where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound(`There is no tag ${id}.`);
    await trx.updateTable('articles').set({ primary_tag_id: null }).where('primary_tag_id', '=', id).execute();
    await trx.deleteFrom('article_tags').where('tag_id', '=', id).execute();
    await trx.deleteFrom('tags').where('id', '=', id).execute();
    for (const suffix of ['', 'feed/', 'feed/atom/']) await leaveGone(trx, `/tag/${old.slug}/${suffix}`, now);
  });
  ctx.invalidate(['layout', 'lists', `tag:${id}`]);
}
