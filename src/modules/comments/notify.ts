// Mails about comments, queued in the transaction of the change that causes them (the worker sends them; a slow
// or absent SMTP server never holds up a comment). Plain text: the comment's words go out as the reader wrote them.
//   moderators       a held comment, with signed one-click links to approve, mark as spam or trash it
//   article authors  a published comment on their article (staff users whose byline the article carries)
//   subscribers      a published reply to their comment (after double opt-in), with unsubscribe and delete links
//   commenters       the opt-in mail itself
import type { Db } from '../../platform/db/index.js';
import { enqueueMail } from '../../platform/mail/index.js';
import { actionToken, type Keys, type LinkAction } from './signing.js';
import type { CommentRow } from './tables.js';

export interface MailSite {
  baseUrl: string;
  title: string;
}

const DAY = 86_400_000;
const TTL: Record<LinkAction, number> = { approve: 14 * DAY, spam: 14 * DAY, trash: 14 * DAY, confirm: 14 * DAY, unsubscribe: 3650 * DAY, delete: 3650 * DAY };

export function actionUrl(site: MailSite, keys: Keys, action: LinkAction, commentId: number, now = Date.now()): string {
  return `${site.baseUrl}/comments/action/?t=${actionToken(keys, action, commentId, TTL[action], now)}`;
}

function quote(body: string): string {
  return body
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

function oneLine(s: string, max = 120): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

type Article = { id: number; path: string; headline: string; authorIds?: number[] };

async function staffTo(db: Db, where: 'moderators' | { authorIds: number[] }): Promise<string[]> {
  let q = db.selectFrom('users').select('email').where('disabled_at', 'is', null);
  if (where === 'moderators') q = q.where('role', 'in', ['editor', 'administrator', 'owner']);
  else {
    if (!where.authorIds.length) return [];
    q = q.where('author_id', 'in', where.authorIds);
  }
  const rows = await q.orderBy('id').execute();
  return [...new Set(rows.map((r) => r.email.toLowerCase()))];
}

/** A held comment: every moderator (editor and above) is asked to look at it. Returns who was mailed. */
export async function mailModerators(db: Db, keys: Keys, site: MailSite, c: CommentRow, article: Article): Promise<string[]> {
  const to = await staffTo(db, 'moderators');
  const id = Number(c.id);
  const text = [
    `A new comment on “${article.headline}” is waiting for your approval.`,
    site.baseUrl + article.path,
    '',
    `Author: ${c.author_name}`,
    `Email: ${c.author_email}`,
    ...(c.author_url ? [`Website: ${c.author_url}`] : []),
    `IP address: ${c.ip}`,
    ...(c.held_for ? [`Held because: ${c.held_for.split(',').join(', ')}`] : []),
    '',
    'Comment:',
    quote(c.body),
    '',
    `Approve it: ${actionUrl(site, keys, 'approve', id)}`,
    `Mark it as spam: ${actionUrl(site, keys, 'spam', id)}`,
    `Move it to the trash: ${actionUrl(site, keys, 'trash', id)}`,
    '',
    `All comments waiting for approval: ${site.baseUrl}/admin/comments?status=pending`,
    '',
    `— ${site.title}`,
  ].join('\n');
  for (const addr of to) {
    if (addr === c.author_email) continue;
    await enqueueMail(db, { to: addr, subject: `[${site.title}] Please moderate: “${oneLine(article.headline, 100)}”`, text });
  }
  return to;
}

/** A published comment: the staff whose byline the article carries hear of it (not about their own comments). */
export async function mailArticleAuthors(db: Db, site: MailSite, c: CommentRow, article: Article, skip: readonly string[] = []): Promise<void> {
  const authorIds = article.authorIds ?? (await db.selectFrom('article_authors').select('author_id').where('article_id', '=', article.id).execute()).map((r) => Number(r.author_id));
  const to = await staffTo(db, { authorIds });
  const link = `${site.baseUrl}/comments/${Number(c.id)}/`;
  const text = [
    `${c.author_name} commented on your article “${article.headline}”:`,
    '',
    quote(c.body),
    '',
    `Read it and reply: ${link}`,
    '',
    `— ${site.title}`,
  ].join('\n');
  for (const addr of to) {
    if (addr === c.author_email || skip.includes(addr)) continue;
    await enqueueMail(db, { to: addr, subject: `[${site.title}] New comment on “${oneLine(article.headline, 100)}”`, text });
  }
}

function commenterFooter(site: MailSite, keys: Keys, parent: Pick<CommentRow, 'id'>): string[] {
  return [
    `Stop these emails (one click): ${actionUrl(site, keys, 'unsubscribe', Number(parent.id))}`,
    `Delete your comment: ${actionUrl(site, keys, 'delete', Number(parent.id))}`,
  ];
}

/** A published reply: the author of the comment it answers hears of it, if they confirmed they want to. */
export async function mailReplySubscriber(db: Db, keys: Keys, site: MailSite, reply: CommentRow, article: Article): Promise<void> {
  if (reply.parent_id === null) return;
  const parent = await db.selectFrom('comments').selectAll().where('id', '=', reply.parent_id).executeTakeFirst();
  if (!parent || parent.notify !== 'confirmed' || parent.status !== 'approved' || parent.author_email === reply.author_email) return;
  const text = [
    `${reply.author_name} replied to your comment on “${article.headline}”:`,
    '',
    quote(reply.body),
    '',
    `Read the reply: ${site.baseUrl}/comments/${Number(reply.id)}/`,
    '',
    'You get this email because you asked to be told of replies to your comment.',
    ...commenterFooter(site, keys, parent),
    '',
    `— ${site.title}`,
  ].join('\n');
  await enqueueMail(db, { to: parent.author_email, subject: `[${site.title}] New reply to your comment on “${oneLine(article.headline, 100)}”`, text });
}

/** The double opt-in: nothing more is sent to this address about this comment until the link is followed. */
export async function mailConfirmSubscription(db: Db, keys: Keys, site: MailSite, c: CommentRow, article: Article): Promise<void> {
  const text = [
    `Someone (we hope you) left a comment on “${article.headline}” with this address, and asked to be told of replies.`,
    '',
    `To get an email when someone replies, confirm: ${actionUrl(site, keys, 'confirm', Number(c.id))}`,
    '',
    'If it was not you, do nothing: you will get no more emails about it.',
    `To delete that comment: ${actionUrl(site, keys, 'delete', Number(c.id))}`,
    '',
    `— ${site.title}`,
  ].join('\n');
  await enqueueMail(db, { to: c.author_email, subject: `[${site.title}] Confirm: replies to your comment`, text });
}

/** Mails that follow a comment being published (at once, or later by a moderator). */
export async function mailOnPublish(db: Db, keys: Keys, site: MailSite, c: CommentRow, article: Article, skip: readonly string[] = []): Promise<void> {
  await mailArticleAuthors(db, site, c, article, skip);
  await mailReplySubscriber(db, keys, site, c, article);
}
