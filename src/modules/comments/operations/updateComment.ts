// A moderator's edit of a comment: its status, name, website or text, checked as a reader's comment is.
import type { Ctx } from '../../../platform/context/index.js';
import { AppError, badInput, notFound } from '../../../platform/http/errors.js';
import { cleanFields, cleanWebsite } from '../text.js';
import { COMMENT_STATUSES, type CommentStatus } from '../tables.js';
import { moderateComment, type BulkAction } from './moderateComments.js';
import type { MailSite } from '../notify.js';

export interface CommentPatch {
  status?: CommentStatus;
  authorName?: string;
  authorUrl?: string;
  body?: string;
}

const FIELDS = ['status', 'authorName', 'authorUrl', 'body'];
const ACTION_OF: Record<CommentStatus, BulkAction> = { approved: 'approve', pending: 'pending', spam: 'spam', trash: 'trash' };
/** The form's field names, as this API names them. */
const API_FIELD: Record<string, string> = { name: 'authorName', url: 'authorUrl', body: 'body' };

function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AppError && err.field && API_FIELD[err.field]) throw new AppError(err.code, err.message, API_FIELD[err.field]);
    throw err;
  }
}

export async function updateComment(ctx: Ctx, id: number, patch: unknown, site: MailSite, now = Date.now()): Promise<void> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw badInput('Send the changes as a JSON object.');
  const p = patch as Record<string, unknown>;
  for (const k of Object.keys(p)) if (!FIELDS.includes(k)) throw badInput(`A comment has no field "${k}" to change (use ${FIELDS.join(', ')}).`, k);
  for (const k of ['authorName', 'authorUrl', 'body'] as const) {
    if (p[k] !== undefined && typeof p[k] !== 'string') throw badInput(`${k} must be text.`, k);
  }
  if (p.status !== undefined && !(COMMENT_STATUSES as readonly unknown[]).includes(p.status)) throw badInput(`status must be one of ${COMMENT_STATUSES.join(', ')}.`, 'status');
  const row = await ctx.db.selectFrom('comments').select(['id', 'article_id', 'status', 'author_name', 'body']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('That comment no longer exists.');

  const set: { author_name?: string; author_url?: string; body?: string; updated_at?: string } = {};
  if (p.authorName !== undefined || p.body !== undefined) {
    const c = checked(() => cleanFields({ name: (p.authorName as string | undefined) ?? row.author_name, email: '', url: '', body: (p.body as string | undefined) ?? row.body }, false));
    if (p.authorName !== undefined) set.author_name = c.name;
    if (p.body !== undefined) set.body = c.body;
  }
  if (p.authorUrl !== undefined) set.author_url = checked(() => cleanWebsite(p.authorUrl as string));
  if (Object.keys(set).length) {
    set.updated_at = new Date(now).toISOString();
    await ctx.db.updateTable('comments').set(set).where('id', '=', id).execute();
    if (row.status === 'approved') ctx.invalidate([`article:${Number(row.article_id)}`, 'comments-feed']);
  }
  if (p.status !== undefined && p.status !== row.status) await moderateComment(ctx, id, ACTION_OF[p.status as CommentStatus], site, now);
}
