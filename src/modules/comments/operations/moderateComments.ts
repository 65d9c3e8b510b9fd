// A moderator's action on one or more comments: approve, spam, trash (kept 30 days) or delete for good. Comments
// that become public cause the mails a published comment causes; every article whose public thread changed has
// its pages dropped from the cache after the commit.
import type { Ctx } from '../../../platform/context/index.js';
import { badInput, notFound } from '../../../platform/http/errors.js';
import { articleLabel } from '../queries.js';
import { keysFor } from '../signing.js';
import { mailOnPublish, type MailSite } from '../notify.js';
import type { CommentRow, CommentStatus } from '../tables.js';

export const BULK_ACTIONS = ['approve', 'pending', 'spam', 'trash', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

const TO_STATUS: Record<Exclude<BulkAction, 'delete'>, CommentStatus> = { approve: 'approved', pending: 'pending', spam: 'spam', trash: 'trash' };
export const MAX_BULK = 500;

export interface ModerationResult {
  /** Ids acted on (others did not exist). */
  done: number[];
  missing: number[];
}

export async function moderateComments(ctx: Ctx, ids: number[], action: BulkAction, site: MailSite, now = Date.now()): Promise<ModerationResult> {
  if (!(BULK_ACTIONS as readonly string[]).includes(action)) throw badInput(`action must be one of ${BULK_ACTIONS.join(', ')}.`, 'action');
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BULK || ids.some((i) => !Number.isSafeInteger(i) || i < 1)) {
    throw badInput(`ids must be a list of 1 to ${MAX_BULK} comment ids.`, 'ids');
  }
  const unique = [...new Set(ids)];
  const keys = await keysFor(ctx.db);
  const stamp = new Date(now).toISOString();
  const touched = new Set<number>();
  const out = await ctx.db.transaction().execute(async (trx) => {
    const rows = (await trx.selectFrom('comments').selectAll().where('id', 'in', unique).execute()) as CommentRow[];
    const found = new Set(rows.map((r) => Number(r.id)));
    if (action === 'delete') {
      for (const r of rows) {
        // Replies move up to the deleted comment's parent rather than losing their place.
        await trx.updateTable('comments').set({ parent_id: r.parent_id }).where('parent_id', '=', r.id).execute();
        await trx.deleteFrom('comments').where('id', '=', r.id).execute();
        if (r.status === 'approved') touched.add(Number(r.article_id));
      }
    } else {
      const status = TO_STATUS[action];
      for (const r of rows) {
        if (r.status === status) continue;
        await trx.updateTable('comments').set({ status, updated_at: stamp, status_changed_at: stamp }).where('id', '=', r.id).execute();
        if (r.status === 'approved' || status === 'approved') touched.add(Number(r.article_id));
        if (status === 'approved') {
          const article = await articleLabel(trx, Number(r.article_id));
          if (article) await mailOnPublish(trx, keys, site, { ...r, status }, article);
        }
      }
    }
    return { done: unique.filter((i) => found.has(i)), missing: unique.filter((i) => !found.has(i)) };
  });
  if (touched.size) ctx.invalidate([...[...touched].map((a) => `article:${a}`), 'comments-feed']);
  return out;
}

/** One comment (a signed link in a mail, or PATCH): the same rules as the bulk action. */
export async function moderateComment(ctx: Ctx, id: number, action: BulkAction, site: MailSite, now = Date.now()): Promise<void> {
  const r = await moderateComments(ctx, [id], action, site, now);
  if (r.missing.length) throw notFound('That comment no longer exists.');
}
