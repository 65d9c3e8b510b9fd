// What a commenter can do from the links in their mails: confirm they want replies, stop them, delete the comment.
import type { Ctx } from '../../../platform/context/index.js';
import { notFound } from '../../../platform/http/errors.js';

export async function confirmSubscription(ctx: Ctx, commentId: number, now = Date.now()): Promise<void> {
  const r = await ctx.db
    .updateTable('comments')
    .set({ notify: 'confirmed', updated_at: new Date(now).toISOString() })
    .where('id', '=', commentId)
    .where('notify', 'in', ['pending', 'confirmed'])
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const exists = await ctx.db.selectFrom('comments').select('id').where('id', '=', commentId).executeTakeFirst();
    if (!exists) throw notFound('That comment no longer exists.');
    // Unsubscribed since: following the confirmation link again subscribes again (it is their own link).
    await ctx.db.updateTable('comments').set({ notify: 'confirmed', updated_at: new Date(now).toISOString() }).where('id', '=', commentId).execute();
  }
}

export async function unsubscribe(ctx: Ctx, commentId: number, now = Date.now()): Promise<void> {
  const exists = await ctx.db.selectFrom('comments').select('id').where('id', '=', commentId).executeTakeFirst();
  if (!exists) throw notFound('That comment no longer exists, so no more emails will come about it.');
  await ctx.db.updateTable('comments').set({ notify: 'none', updated_at: new Date(now).toISOString() }).where('id', '=', commentId).execute();
}

/** Deletes the commenter's own comment for good; replies to it move up a level. */
export async function deleteOwnComment(ctx: Ctx, commentId: number): Promise<{ articleId: number }> {
  const articleId = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('comments').select(['id', 'article_id', 'parent_id']).where('id', '=', commentId).executeTakeFirst();
    if (!row) throw notFound('That comment has already been deleted.');
    await trx.updateTable('comments').set({ parent_id: row.parent_id }).where('parent_id', '=', row.id).execute();
    await trx.deleteFrom('comments').where('id', '=', row.id).execute();
    return Number(row.article_id);
  });
  ctx.invalidate([`article:${articleId}`, 'comments-feed']);
  return { articleId };
}
