// Opens or closes an article's comments by hand; null hands it back to the automatic rule (close after N days).
import type { Ctx } from '../../../platform/context/index.js';
import { badInput, notFound } from '../../../platform/http/errors.js';
import { threadState, type ThreadState } from '../queries.js';
import { readCommentSettings } from '../settings.js';

export async function setCommentsOpen(ctx: Ctx, articleId: number, open: unknown, now = Date.now()): Promise<ThreadState> {
  if (open !== true && open !== false && open !== null) throw badInput('open must be true, false or null (automatic).', 'open');
  const article = await ctx.db.selectFrom('articles').select(['id', 'published_at', 'updated_at']).where('id', '=', articleId).executeTakeFirst();
  if (!article) throw notFound(`There is no article ${articleId}.`);
  const stamp = new Date(now).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('comment_threads').where('article_id', '=', articleId).execute();
    if (open !== null) await trx.insertInto('comment_threads').values({ article_id: articleId, mode: open ? 'open' : 'closed', updated_at: stamp }).execute();
  });
  ctx.invalidate([`article:${articleId}`]);
  const settings = await readCommentSettings(ctx.db);
  return threadState(ctx.db, { id: articleId, publishedAt: article.published_at ?? article.updated_at }, settings, now);
}
