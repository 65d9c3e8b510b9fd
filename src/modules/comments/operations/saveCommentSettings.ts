// Changes the comment settings given (the others keep their values). Every page showing comments follows.
import type { Ctx } from '../../../platform/context/index.js';
import { forgetCommentSettings, mergeSettings, readCommentSettings, writeCommentSettings, type CommentSettings } from '../settings.js';

export const SETTINGS_TAG = 'comment-settings';

export async function saveCommentSettings(ctx: Ctx, patch: unknown): Promise<CommentSettings> {
  const next = await ctx.db.transaction().execute(async (trx) => {
    const current = await readCommentSettings(trx, true);
    const merged = mergeSettings(current, patch);
    await writeCommentSettings(trx, merged, ctx.db);
    return merged;
  });
  forgetCommentSettings(ctx.db);
  ctx.invalidate([SETTINGS_TAG, 'comments-feed']);
  return next;
}
