// A reader's comment, checked from cheapest to dearest: honeypot, fields, form token and its age, the article and
// whether it is open, the parent, blocked words; then in one transaction the rate limits, duplicates, the
// moderation rules and the doubt signals (proof of work), the row and the mails it causes. Every refusal is an
// AppError (4xx) whose message tells a person what to do next and never names the address.
import { sql } from 'kysely';
import type { Ctx } from '../../../platform/context/index.js';
import { AppError, badInput } from '../../../platform/http/errors.js';
import { findCommentArticle, threadState } from '../queries.js';
import { readCommentSettings, type CommentSettings } from '../settings.js';
import { avatarSeed, checkFormToken, keysFor, sha256Hex } from '../signing.js';
import { cleanFields, countLinks, findListed, type CommentFields } from '../text.js';
import { checkPow, powChallenge } from '../pow.js';
import { mailConfirmSubscription, mailModerators, mailOnPublish, type MailSite } from '../notify.js';
import type { CommentRow } from '../tables.js';

export interface PostCommentInput extends CommentFields {
  articleId: string;
  ts: string;
  sig: string;
  parentId: string;
  /** The honeypot: people never see it, so it comes back empty. */
  honeypot: string;
  /** The proof-of-work nonce the page's script found; '' without JavaScript. */
  pow: string;
  /** '1' when the page's script ran. */
  powScript: string;
  notify: boolean;
  ip: string;
  userAgent: string;
  acceptLanguage: string;
}

export interface PostCommentResult {
  id: number;
  status: 'approved' | 'pending';
  articleId: number;
  articlePath: string;
}

export interface PostCommentOptions {
  site: MailSite;
  now?: number;
  /** Overrides the stored rate limits (benchmarks and tests). */
  limits?: CommentSettings['limits'];
}

const ID = /^[1-9]\d{0,15}$/;
const TS = /^\d{1,16}$/;

/** A refusal that carries a fresh form: the form the reader had can no longer be sent. */
export class StaleFormError extends AppError {
  constructor(message: string) {
    super('BROADSIDE_E_CSRF', message, 'form');
  }
}

function limited(message: string, retryAfterSeconds: number): AppError {
  const err = new AppError('BROADSIDE_E_RATE_LIMITED', message);
  (err as AppError & { retryAfterSeconds: number }).retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return err;
}

export async function postComment(ctx: Ctx, input: PostCommentInput, opts: PostCommentOptions): Promise<PostCommentResult> {
  const now = opts.now ?? Date.now();
  if (input.honeypot.trim() !== '') {
    throw badInput('The field labelled “Leave this field empty” was filled in, so we took this for an automated post. If you are a person, empty that field and send again.', 'honeypot');
  }
  const fields = cleanFields(input);
  if (!ID.test(input.articleId) || !TS.test(input.ts) || typeof input.sig !== 'string' || input.sig.length > 64) {
    throw new StaleFormError('This form is missing its security fields. Reload the article and send your comment again (we kept what you wrote).');
  }
  const articleId = Number(input.articleId);
  const keys = await keysFor(ctx.db);
  const token = checkFormToken(keys, articleId, Number(input.ts), input.sig, now);
  if (!token.ok) {
    throw new StaleFormError(
      token.reason === 'expired'
        ? 'This form has been open too long and has expired. We have renewed it below: check your comment and send it again.'
        : 'This form could not be checked (it may come from another page). We have renewed it below: check your comment and send it again.',
    );
  }
  const settings = await readCommentSettings(ctx.db);
  const limits = opts.limits ?? settings.limits;
  if (token.ageMs < settings.minSeconds * 1000) {
    const wait = Math.ceil((settings.minSeconds * 1000 - token.ageMs) / 1000);
    throw limited(`That was quicker than a person can write. Wait ${wait} second${wait === 1 ? '' : 's'}, then send your comment again.`, wait);
  }

  const nowIso = new Date(now).toISOString();
  const article = await findCommentArticle(ctx.db, nowIso, articleId);
  if (!article) throw new AppError('BROADSIDE_E_NOT_FOUND', 'The article you are commenting on is no longer published, so comments cannot be added to it.');
  const state = await threadState(ctx.db, article, settings, now);
  if (!state.open) throw new AppError('BROADSIDE_E_FORBIDDEN', 'Comments on this article are closed, so yours could not be added. You can still write to the editors.', 'form');

  let parentId: number | null = null;
  if (input.parentId.trim() !== '' && input.parentId.trim() !== '0') {
    if (!ID.test(input.parentId.trim())) throw badInput('The comment you are replying to could not be found. Reload the article and try again.', 'parent_id');
    parentId = Number(input.parentId.trim());
    const parentOk = await parentDepthOk(ctx, parentId, articleId, settings.maxDepth);
    if (parentOk === 'missing') throw badInput('The comment you are replying to is not (or no longer) published. Reload the article, or post your comment on its own.', 'parent_id');
    if (parentOk === 'too-deep') throw badInput(`Replies nest at most ${settings.maxDepth} deep here. Reply to a comment higher up the thread instead.`, 'parent_id');
  }

  const haystack = [fields.name, fields.email, fields.url, fields.body, input.ip, input.userAgent];
  if (findListed(settings.blockedWords, haystack)) {
    throw new AppError('BROADSIDE_E_FORBIDDEN', 'This comment cannot be published here: something in it is on the site’s blocked list. If you think that is a mistake, write to the editors.', 'form');
  }

  const contentHash = sha256Hex(`${fields.body.toLowerCase().replace(/\s+/g, ' ')}`);
  const links = countLinks(fields.body);
  const seed = avatarSeed(keys, fields.email || input.ip);

  const result = await ctx.db.transaction().execute(async (trx) => {
    if (ctx.engine === 'postgres') {
      // One writer at a time per address and per email, so that concurrent posts cannot all pass the limits.
      const a = `comments:ip:${input.ip}`;
      const b = `comments:email:${fields.email}`;
      const [k1, k2] = [a, b].sort();
      await sql`select pg_advisory_xact_lock(hashtext(${k1!}))`.execute(trx);
      await sql`select pg_advisory_xact_lock(hashtext(${k2!}))`.execute(trx);
    }
    const burstSince = new Date(now - limits.burstSeconds * 1000).toISOString();
    const hourSince = new Date(now - 3_600_000).toISOString();
    const tenMin = new Date(now - 600_000).toISOString();
    let ipRecently = false;
    for (const [col, value] of [
      ['ip', input.ip],
      ['author_email', fields.email],
    ] as const) {
      if (!value) continue;
      // Counted over the (column, created_at) index, one query a column; the row that frees a slot is read only
      // when over a limit.
      const counts = await trx
        .selectFrom('comments')
        .select((eb) => [
          eb.fn.countAll<number>().as('hour'),
          eb.fn.sum<number>(eb.case().when('created_at', '>', burstSince).then(1).else(0).end()).as('burst'),
          eb.fn.sum<number>(eb.case().when('created_at', '>', tenMin).then(1).else(0).end()).as('tenMin'),
        ])
        .where(col, '=', value)
        .where('created_at', '>', hourSince)
        .executeTakeFirstOrThrow();
      if (col === 'ip') ipRecently = Number(counts.tenMin ?? 0) > 0;
      const nth = async (since: string, n: number) =>
        (await trx.selectFrom('comments').select('created_at').where(col, '=', value).where('created_at', '>', since).orderBy('created_at', 'desc').limit(1).offset(n - 1).executeTakeFirstOrThrow()).created_at;
      if (Number(counts.burst ?? 0) >= limits.burst) {
        const freeAt = Date.parse(await nth(burstSince, limits.burst)) + limits.burstSeconds * 1000;
        const wait = Math.max(1, Math.ceil((freeAt - now) / 1000));
        throw limited(`You sent a comment only a moment ago. Wait ${wait} second${wait === 1 ? '' : 's'}, then send this one again (we kept what you wrote).`, wait);
      }
      if (Number(counts.hour) >= limits.hourly) {
        const freeAt = Date.parse(await nth(hourSince, limits.hourly)) + 3_600_000;
        const minutes = Math.max(1, Math.ceil((freeAt - now) / 60_000));
        throw limited(`You have sent ${limits.hourly} comments in the last hour, the most we take. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (we kept what you wrote).`, (freeAt - now) / 1000);
      }
    }

    const dup = await trx
      .selectFrom('comments')
      .select('id')
      .where('article_id', '=', articleId)
      .where('content_hash', '=', contentHash)
      .where((eb) => eb.or([eb('author_email', '=', fields.email), eb('ip', '=', input.ip)]))
      .where('status', '!=', 'trash')
      .limit(1)
      .executeTakeFirst();
    if (dup) throw new AppError('BROADSIDE_E_CONFLICT', 'It looks as though you have already said that: the same comment is already on this article (or waiting for approval). There is no need to send it again.', 'body');

    const trusted = fields.email
      ? !!(await trx.selectFrom('comments').select('id').where('author_email', '=', fields.email).where('status', '=', 'approved').limit(1).executeTakeFirst())
      : false;

    const held: string[] = [];
    if (settings.holdAll) held.push('all comments are held');
    if (settings.holdFirstTime && !trusted) held.push('first comment from this address');
    if (links > settings.maxLinks) held.push(`more than ${settings.maxLinks} links`);
    if (findListed(settings.moderationWords, haystack)) held.push('a moderation word');

    // Doubt signals: when enough of them add up, a reader with JavaScript must show a proof of work, and a post
    // without the page's script is held for a person to look at.
    const doubts: string[] = [];
    if (!trusted) doubts.push('new');
    if (links > 0) doubts.push('links');
    if (!input.userAgent || !input.acceptLanguage) doubts.push('headers');
    if (token.ageMs < Math.max(10_000, settings.minSeconds * 3000)) doubts.push('fast');
    if (ipRecently) doubts.push('recent');
    if (settings.powBits > 0 && doubts.length >= 2) {
      const solved = input.pow !== '' && checkPow(powChallenge(articleId, Number(input.ts), input.sig, fields.body), input.pow, settings.powBits);
      if (!solved) {
        if (input.powScript === '1') {
          throw badInput('Your browser’s automatic check did not finish before the comment was sent. Send it again and wait a moment for the check to complete.', 'form');
        }
        held.push('unverified (no proof of work)');
      }
    }

    const status = held.length ? 'pending' : 'approved';
    const stamp = new Date(now).toISOString();
    const row = await trx
      .insertInto('comments')
      .values({
        article_id: articleId,
        parent_id: parentId,
        status,
        author_name: fields.name,
        author_email: fields.email,
        author_url: fields.url,
        body: fields.body,
        ip: input.ip,
        user_agent: input.userAgent.slice(0, 500),
        content_hash: contentHash,
        avatar_seed: seed,
        notify: input.notify && fields.email ? 'pending' : 'none',
        held_for: held.join(','),
        created_at: stamp,
        updated_at: stamp,
        status_changed_at: stamp,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const comment = row as CommentRow;
    if (status === 'pending') {
      await mailModerators(trx, keys, opts.site, comment, article);
    } else {
      await mailOnPublish(trx, keys, opts.site, comment, article);
    }
    if (comment.notify === 'pending') await mailConfirmSubscription(trx, keys, opts.site, comment, article);
    return { id: Number(comment.id), status } as const;
  });

  if (result.status === 'approved') ctx.invalidate([`article:${articleId}`, 'comments-feed']);
  return { id: result.id, status: result.status, articleId, articlePath: article.path };
}

async function parentDepthOk(ctx: Ctx, parentId: number, articleId: number, maxDepth: number): Promise<'ok' | 'missing' | 'too-deep'> {
  let depth = 1;
  let id: number | null = parentId;
  let first = true;
  while (id !== null && depth <= 64) {
    const row = await ctx.db.selectFrom('comments').select(['id', 'article_id', 'parent_id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!row) {
      if (first) return 'missing';
      break;
    }
    if (first && (Number(row.article_id) !== articleId || row.status !== 'approved')) return 'missing';
    first = false;
    id = row.parent_id === null ? null : Number(row.parent_id);
    if (id !== null) depth++;
  }
  // The parent sits at `depth`; the reply would sit one deeper.
  return depth + 1 > maxDepth ? 'too-deep' : 'ok';
}
