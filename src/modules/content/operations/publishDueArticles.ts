import type { Ctx } from '../../../platform/context/index.js';

/** Marks scheduled articles whose time has come as published. Readers already see them (see queries.visible);
 * this keeps the status honest for the admin and tells the cache. */
export async function publishDueArticles(ctx: Ctx, now = new Date().toISOString()): Promise<number> {
  const due = await ctx.db
    .updateTable('articles')
    .set({ status: 'published' })
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .returning('id')
    .execute();
  if (due.length) ctx.invalidate(['lists', 'layout', ...due.map((r) => `article:${r.id}`)]);
  return due.length;
}
