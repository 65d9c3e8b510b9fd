// The public side of comments:
//   POST /comments                       the form (303 to the comment, or to the article's moderation notice;
//                                        a refusal shows the form again with what was typed, and a 4xx status)
//   GET  /comments/:id/                  a comment's permalink: 302 to the page and #comment-ID where it is shown
//   GET  /comments/:id/reply/            the form for a reply, for readers without JavaScript
//   GET  /comments/remembered            the remembered name and website for the page's script (never the address)
//   GET|POST /comments/action/?t=…       the signed links in mails (moderate, confirm, unsubscribe, delete)
//   GET  /YYYY/MM/slug/comments/page/N/  further pages of a long thread (cached like the article)
//   GET  /YYYY/MM/slug/feed/             an article's approved comments (RSS); /comments/feed/ the site's
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { render } from 'preact-render-to-string';
import { lazy } from '../../platform/lazy.js';

const feedLib = lazy<typeof import('feed')>('feed');
import type { Ctx } from '../../platform/context/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { PublicSite } from '../../web/site.js';
import type { Head } from '../../web/layout.js';
import { markCacheable } from '../content/routes.js';
import { getArticle } from '../content/queries.js';
import { checkSlug } from '../content/slug.js';
import { postComment, StaleFormError, type PostCommentInput } from './operations/postComment.js';
import { moderateComment } from './operations/moderateComments.js';
import { confirmSubscription, deleteOwnComment, unsubscribe } from './operations/commenterActions.js';
import { approvedComments, articleLabel, commentCounts, commentHref, findCommentArticle, layoutThreads, recentApproved, threadState, type PublicComment } from './queries.js';
import { readCommentSettings, type CommentSettings } from './settings.js';
import { checkActionToken, checkFormToken, issueFormToken, keysFor, seal, unseal, type FormToken, type Keys, type LinkAction } from './signing.js';
import { buildCommentSection, commentAssets } from './render.js';
import { cleanWebsite, CommentText } from './text.js';
import type { FormProps, FormValues } from './views/section.js';
import { CommentsPageView, FormPageView, MessagePageView } from './views/pages.js';
import type { MailSite } from './notify.js';
import { SETTINGS_TAG } from './operations/saveCommentSettings.js';
import { foreignOrigin, readCookie, str } from '../../platform/http/form.js';

export interface CommentRouteDeps {
  ctx: Ctx;
  site: PublicSite;
  secureCookies: boolean;
  /** Overrides the stored rate limits (benchmarks, tests). */
  limits?: CommentSettings['limits'];
}

export const REMEMBER_COOKIE = 'broadside_commenter';
export const REMEMBER_FLAG = 'broadside_cr';
const YEAR_S = 365 * 86_400;
const YEAR = /^[12]\d{3}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;
const PAGE = /^[1-9]\d{0,5}$/;
const ID = /^[1-9]\d{0,15}$/;
const FEED_SIZE = 30;

type Params = Record<string, string>;
type Remembered = { n: string; e: string; u: string };

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function registerCommentRoutes(app: FastifyInstance, deps: CommentRouteDeps): void {
  const { ctx, site } = deps;

  async function mailSite(): Promise<MailSite> {
    const s = await site.site();
    return { baseUrl: s.baseUrl, title: s.title };
  }

  function cookieAttrs(maxAge: number, path: string, httpOnly: boolean): string {
    return `Path=${path}; Max-Age=${maxAge}; SameSite=Lax${httpOnly ? '; HttpOnly' : ''}${deps.secureCookies ? '; Secure' : ''}`;
  }

  function rememberCookies(keys: Keys, r: Remembered | null): string[] {
    if (!r) return [`${REMEMBER_COOKIE}=; ${cookieAttrs(0, '/comments', true)}`, `${REMEMBER_FLAG}=; ${cookieAttrs(0, '/', false)}`];
    return [`${REMEMBER_COOKIE}=${seal(keys, 'remember', r)}; ${cookieAttrs(YEAR_S, '/comments', true)}`, `${REMEMBER_FLAG}=1; ${cookieAttrs(YEAR_S, '/', false)}`];
  }

  function remembered(keys: Keys, req: FastifyRequest): Remembered | null {
    const r = unseal<Remembered>(keys, 'remember', readCookie(req.headers.cookie, REMEMBER_COOKIE));
    return r && typeof r.n === 'string' && typeof r.e === 'string' && typeof r.u === 'string' ? r : null;
  }

  async function page(reply: FastifyReply, status: number, head: Head, body: preact.ComponentChildren) {
    const r = await site.render(new Date().toISOString(), head, body);
    return noStore(reply).code(status).type('text/html; charset=utf-8').send(r.html);
  }


  // ---- The form --------------------------------------------------------------------------------------------------
  app.register(async (scope) => {
    // Anything that stops the body from being read at all (too large, not a form) still gets a page a person can read.
    scope.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status >= 500) {
        req.log.error({ err }, 'comment post failed');
        return page(reply, 500, { title: 'Comment not sent', path: '/', noindex: true }, <FormPageView title="Your comment could not be sent" article={null} form={null} message="Something went wrong on our side and the comment was not stored. Go back, copy what you wrote, and try again in a few minutes." assets={commentAssets()} />);
      }
      const message =
        status === 413
          ? 'Your comment was far too large to receive (more than 4 MB), so nothing was stored. Go back, shorten it (the most we take is 10,000 characters) and send it again.'
          : status === 415
            ? 'The comment did not arrive as a web form, so nothing was stored. Go back to the article and use its comment form.'
            : 'The comment could not be read, so nothing was stored. Go back to the article and send it again.';
      return page(reply, status, { title: 'Comment not sent', path: '/', noindex: true }, <FormPageView title="Your comment was not sent" article={null} form={null} message={message} assets={commentAssets()} />);
    });

    scope.post('/comments', { bodyLimit: 4 * 1024 * 1024 }, async (req, reply) => {
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const keys = await keysFor(ctx.db);
      const ms = await mailSite();
      const mem = remembered(keys, req);
      const typedEmail = str(body, 'email');
      const sealedEmail = unseal<string>(keys, 'form-email', str(body, 'email_sealed'));
      const email = typedEmail.trim() !== '' ? typedEmail : (sealedEmail ?? mem?.e ?? '');
      const input: PostCommentInput = {
        articleId: str(body, 'article_id'),
        ts: str(body, 'ts'),
        sig: str(body, 'sig'),
        parentId: str(body, 'parent_id'),
        name: str(body, 'name'),
        email,
        url: str(body, 'url'),
        body: str(body, 'body'),
        honeypot: str(body, 'homepage'),
        pow: str(body, 'pow'),
        powScript: str(body, 'powv'),
        notify: str(body, 'notify') === '1',
        ip: req.ip,
        userAgent: String(req.headers['user-agent'] ?? ''),
        acceptLanguage: String(req.headers['accept-language'] ?? ''),
      };
      const remember = str(body, 'remember') === '1';
      try {
        if (foreignOrigin(req, ms.baseUrl)) throw new AppError('BROADSIDE_E_CSRF', 'This comment was sent from another website, so it was not accepted. Open the article on this site and comment there.', 'form');
        const done = await postComment(ctx, input, { site: ms, ...(deps.limits ? { limits: deps.limits } : {}) });
        if (remember) reply.header('set-cookie', rememberCookies(keys, { n: input.name.trim(), e: email.trim().toLowerCase(), u: cleanWebsite(input.url) }));
        else if (mem) reply.header('set-cookie', rememberCookies(keys, null));
        let location = `${done.articlePath}#comment-pending`;
        if (done.status === 'approved') location = commentHref(done.articlePath, await pageOfComment(done.articleId, done.id), done.id);
        return noStore(reply).redirect(location, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        return showFormAgain(reply, err, input, { typedEmail, sealedEmail, remember, mem: !!mem?.e }, keys);
      }
    });
  });

  async function showFormAgain(
    reply: FastifyReply,
    err: AppError,
    input: PostCommentInput,
    e: { typedEmail: string; sealedEmail: string | null; remember: boolean; mem: boolean },
    keys: Keys,
  ) {
    const retry = (err as AppError & { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retry) reply.header('retry-after', String(retry));
    const typed = e.typedEmail.trim();
    const values: FormValues = {
      name: input.name,
      url: input.url,
      body: input.body,
      parentId: input.parentId,
      notify: input.notify,
      remember: e.remember,
      ...(err.field === 'email' ? { emailShown: typed } : typed ? { emailSealed: seal(keys, 'form-email', typed) } : e.sealedEmail ? { emailSealed: seal(keys, 'form-email', e.sealedEmail) } : {}),
      ...(e.mem ? { emailRemembered: true } : {}),
    };
    const now = Date.now();
    const article = ID.test(input.articleId) ? await findCommentArticle(ctx.db, new Date(now).toISOString(), Number(input.articleId)) : null;
    const settings = await readCommentSettings(ctx.db);
    const state = article ? await threadState(ctx.db, article, settings, now) : null;
    const head: Head = { title: 'Your comment', path: article?.path ?? '/', noindex: true };
    if (!article || !state?.open) {
      const message = article ? 'Comments on this article are closed, so yours could not be added.' : err.message;
      return page(reply, err.status, head, <FormPageView title="Your comment was not added" article={article} form={null} message={message} keptText={input.body} assets={commentAssets()} />);
    }
    // Keep the reader's token when it is still good (a wait of a few seconds then suffices); else a fresh one.
    let token: FormToken = issueFormToken(keys, article.id, now);
    if (!(err instanceof StaleFormError) && /^\d{1,16}$/.test(input.ts) && checkFormToken(keys, article.id, Number(input.ts), input.sig, now).ok) {
      token = { articleId: article.id, ts: Number(input.ts), sig: input.sig };
    }
    let replyTo: FormProps['replyTo'] = null;
    if (ID.test(input.parentId.trim())) {
      const p = await ctx.db.selectFrom('comments').select(['id', 'author_name', 'status', 'article_id']).where('id', '=', Number(input.parentId.trim())).executeTakeFirst();
      if (p && p.status === 'approved' && Number(p.article_id) === article.id) replyTo = { id: Number(p.id), authorName: p.author_name };
    }
    const form: FormProps = { articleId: article.id, articlePath: article.path, token, powBits: settings.powBits, values, message: err.message, ...(err.field ? { field: err.field } : {}), replyTo };
    return page(reply, err.status, head, <FormPageView title={`Your comment on “${article.headline}”`} article={article} form={form} assets={commentAssets()} />);
  }

  /** The comment page a comment is shown on; a thread that fits on one page needs no layout. */
  async function pageOfComment(articleId: number, id: number): Promise<number> {
    const settings = await readCommentSettings(ctx.db);
    if (settings.perPage === 0 || ((await commentCounts(ctx.db, [articleId])).get(articleId) ?? 0) <= settings.perPage) return 1;
    return layoutThreads(await approvedComments(ctx.db, articleId), settings).pageOf.get(id) ?? 1;
  }

  // ---- Permalink, reply page, remembered details ------------------------------------------------------------------
  async function findPublic(id: string): Promise<{ c: PublicComment; articleId: number } | null> {
    if (!ID.test(id)) return null;
    const row = await ctx.db
      .selectFrom('comments')
      .select(['id', 'article_id', 'parent_id', 'author_name', 'author_url', 'body', 'created_at', 'avatar_seed', 'status'])
      .where('id', '=', Number(id))
      .executeTakeFirst();
    if (!row || row.status !== 'approved') return null;
    return {
      articleId: Number(row.article_id),
      c: { id: Number(row.id), parentId: row.parent_id === null ? null : Number(row.parent_id), authorName: row.author_name, authorUrl: row.author_url, body: row.body, createdAt: row.created_at, avatarSeed: row.avatar_seed },
    };
  }

  app.get('/comments/:id/', async (req: FastifyRequest<{ Params: Params }>, reply) => {
    const found = await findPublic(req.params.id!);
    const article = found ? await findCommentArticle(ctx.db, new Date().toISOString(), found.articleId) : null;
    if (!found || !article) return reply.callNotFound();
    return noStore(reply).redirect(commentHref(article.path, await pageOfComment(article.id, found.c.id), found.c.id), 302);
  });

  app.get('/comments/:id/reply/', async (req: FastifyRequest<{ Params: Params }>, reply) => {
    const found = await findPublic(req.params.id!);
    const now = Date.now();
    const article = found ? await findCommentArticle(ctx.db, new Date(now).toISOString(), found.articleId) : null;
    if (!found || !article) return reply.callNotFound();
    const keys = await keysFor(ctx.db);
    const settings = await readCommentSettings(ctx.db);
    const state = await threadState(ctx.db, article, settings, now);
    const head: Head = { title: `Reply to ${found.c.authorName}`, path: article.path, noindex: true };
    let depth = 1;
    for (let p = found.c.parentId, guard = 0; p !== null && guard < 64; guard++) {
      const row = await ctx.db.selectFrom('comments').select('parent_id').where('id', '=', p).executeTakeFirst();
      if (!row) break;
      depth++;
      p = row.parent_id === null ? null : Number(row.parent_id);
    }
    const message = !state.open ? 'Comments on this article are closed.' : depth >= settings.maxDepth ? `Replies nest at most ${settings.maxDepth} deep here, so this comment cannot be answered directly. Reply to a comment higher up the thread instead.` : undefined;
    const mem = remembered(keys, req);
    const form: FormProps | null = message
      ? null
      : {
          articleId: article.id,
          articlePath: article.path,
          token: issueFormToken(keys, article.id, now),
          powBits: settings.powBits,
          replyTo: { id: found.c.id, authorName: found.c.authorName },
          values: { name: mem?.n ?? '', url: mem?.u ?? '', body: '', parentId: String(found.c.id), notify: false, remember: !!mem, ...(mem?.e ? { emailRemembered: true } : {}) },
        };
    return page(reply, 200, head, <FormPageView title={`Reply to ${found.c.authorName}`} article={article} quoted={found.c} form={form} {...(message ? { message } : {})} assets={commentAssets()} />);
  });

  app.get('/comments/remembered', async (req, reply) => {
    const keys = await keysFor(ctx.db);
    const mem = remembered(keys, req);
    noStore(reply);
    if (!mem) return reply.code(204).send();
    return reply.send({ name: mem.n, url: mem.u, hasEmail: !!mem.e });
  });

  // ---- Links in mails -----------------------------------------------------------------------------------------------
  const ACTION_TEXT: Record<LinkAction, { title: string; ask: string; button: string; done: string }> = {
    approve: { title: 'Approve this comment?', ask: 'It will be published under the article at once.', button: 'Approve', done: 'The comment is approved and published.' },
    spam: { title: 'Mark this comment as spam?', ask: 'It will not be published.', button: 'Mark as spam', done: 'The comment is marked as spam.' },
    trash: { title: 'Move this comment to the trash?', ask: 'It will not be published, and the trash empties itself after 30 days.', button: 'Move to the trash', done: 'The comment is in the trash.' },
    confirm: { title: 'Email me when someone replies?', ask: 'Confirm, and we will email you when someone replies to your comment. Every email has a link to stop them.', button: 'Yes, email me replies', done: 'Done: we will email you when someone replies. Each email has a one-click link to stop them.' },
    unsubscribe: { title: 'Emails stopped', ask: '', button: 'Email me replies again', done: 'You will get no more emails about replies to this comment.' },
    delete: { title: 'Delete your comment?', ask: 'It will be removed from the site for good; replies to it stay.', button: 'Delete my comment', done: 'Your comment has been deleted.' },
  };

  async function runAction(action: LinkAction, id: number, ms: MailSite): Promise<number | null> {
    switch (action) {
      case 'approve':
      case 'spam':
      case 'trash':
        await moderateComment(ctx, id, action, ms);
        return null;
      case 'confirm':
        await confirmSubscription(ctx, id);
        return null;
      case 'unsubscribe':
        await unsubscribe(ctx, id);
        return null;
      case 'delete':
        return (await deleteOwnComment(ctx, id)).articleId;
    }
  }

  async function actionPage(req: FastifyRequest, reply: FastifyReply, token: string, method: 'GET' | 'POST') {
    const keys = await keysFor(ctx.db);
    const head: Head = { title: 'Comment', path: '/', noindex: true };
    reply.header('referrer-policy', 'no-referrer');
    const check = checkActionToken(keys, token);
    if (!check.ok) {
      const text = check.reason === 'expired' ? 'This link has expired. Links to moderate a comment last 14 days; use the admin instead.' : 'This link is not valid: it may have been cut short when it was copied. Copy the whole link from the email and try again.';
      return page(reply, check.reason === 'expired' ? 410 : 400, head, <MessagePageView title="This link does not work"><p>{text}</p></MessagePageView>);
    }
    const row = await ctx.db.selectFrom('comments').select(['id', 'article_id', 'body', 'status', 'notify']).where('id', '=', check.commentId).executeTakeFirst();
    const t = ACTION_TEXT[check.action];
    if (!row) return page(reply, 404, head, <MessagePageView title="That comment no longer exists"><p>It has been deleted, so there is nothing more to do.</p></MessagePageView>);
    const article = await articleLabel(ctx.db, Number(row.article_id));
    const back = article ? { path: article.path, headline: article.headline } : null;
    const ms = await mailSite();
    // Unsubscribing takes one click (a GET); everything else asks first, so that a mail scanner opening the link changes nothing.
    if (method === 'POST' || check.action === 'unsubscribe') {
      if (method === 'POST' && check.action === 'unsubscribe') {
        // "Email me replies again" from the unsubscribed page.
        await confirmSubscription(ctx, check.commentId);
        return page(reply, 200, head, <MessagePageView title="Emails back on" back={back}><p>We will email you again when someone replies to your comment.</p></MessagePageView>);
      }
      await runAction(check.action, check.commentId, ms);
      const again = check.action === 'unsubscribe' ? { token: token, label: t.button } : null;
      return page(reply, 200, head, <MessagePageView title={check.action === 'unsubscribe' ? t.title : 'Done'} back={back} action={again}><p>{t.done}</p></MessagePageView>);
    }
    const already = (check.action === 'approve' && row.status === 'approved') || (check.action === 'spam' && row.status === 'spam') || (check.action === 'trash' && row.status === 'trash') || (check.action === 'confirm' && row.notify === 'confirmed');
    if (already) return page(reply, 200, head, <MessagePageView title="Already done" back={back}><p>{t.done}</p></MessagePageView>);
    return page(reply, 200, head, <MessagePageView title={t.title} comment={row} action={{ token, label: t.button }} back={back}><p>{t.ask}</p></MessagePageView>);
  }

  app.get('/comments/action/', async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => actionPage(req, reply, str(req.query ?? {}, 't'), 'GET'));
  app.post('/comments/action/', async (req, reply) => actionPage(req, reply, str((req.body ?? {}) as Record<string, unknown>, 't'), 'POST'));

  // ---- Further pages of a thread ----------------------------------------------------------------------------------
  app.get('/:a/:b/:c/comments/page/:n/', async (req: FastifyRequest<{ Params: Params }>, reply) => {
    const { a, b, c, n } = req.params as { a: string; b: string; c: string; n: string };
    if (!YEAR.test(a) || !MONTH.test(b) || !checkSlug(c) || !PAGE.test(n)) return reply.callNotFound();
    const nowIso = new Date().toISOString();
    const article = await getArticle(ctx.db, nowIso, `${a}-${b}`, c);
    if (!article) return reply.callNotFound();
    if (n === '1') return reply.redirect(`${article.path}#comments`, 301);
    const s = await buildCommentSection(ctx, article, { page: Number(n) });
    if (Number(n) > s.layout.pages) return reply.callNotFound();
    const r = await site.render(nowIso, { title: `Comments on ${article.headline} – page ${n}`, path: `${article.path}comments/page/${n}/` }, <CommentsPageView article={article} section={s.node} page={Number(n)} />);
    markCacheable(reply, ['layout', ...s.tags], Math.min(r.expiresAt, s.expiresAt));
    return reply.type('text/html; charset=utf-8').send(r.html);
  });

  // ---- Feeds ----------------------------------------------------------------------------------------------------------
  async function commentFeed(reply: FastifyReply, articleId?: number) {
    const nowIso = new Date().toISOString();
    const s = await site.site();
    let title = `Comments on ${s.title}`;
    let path = '/';
    let self = '/comments/feed/';
    const tags = ['comments-feed', SETTINGS_TAG];
    if (articleId !== undefined) {
      const a = await findCommentArticle(ctx.db, nowIso, articleId);
      if (!a) return reply.callNotFound();
      title = `Comments on: ${a.headline}`;
      path = a.path;
      self = `${a.path}feed/`;
      tags.push(`article:${a.id}`);
    }
    const items = await recentApproved(ctx.db, nowIso, FEED_SIZE, articleId);
    for (const i of items) if (!tags.includes(`article:${i.articleId}`)) tags.push(`article:${i.articleId}`);
    const settings = await readCommentSettings(ctx.db);
    const pageOf = new Map<number, Map<number, number>>();
    const feed = new (feedLib().Feed)({
      title,
      description: title,
      id: s.baseUrl + self,
      link: s.baseUrl + path,
      language: s.lang,
      updated: items[0] ? new Date(items[0].createdAt) : new Date(0),
      generator: 'Broadside',
      feedLinks: { rss: s.baseUrl + self },
      copyright: `© ${s.title}`,
    });
    for (const i of items) {
      let pages = pageOf.get(i.articleId);
      if (!pages) {
        pages = layoutThreads(await approvedComments(ctx.db, i.articleId), settings).pageOf;
        pageOf.set(i.articleId, pages);
      }
      const link = s.baseUrl + commentHref(i.articlePath, pages.get(i.id) ?? 1, i.id);
      feed.addItem({
        title: escapeText(`Comment on ${i.articleHeadline} by ${i.authorName}`),
        id: link,
        guid: link,
        link,
        date: new Date(i.createdAt),
        description: escapeText(i.body.length > 300 ? `${i.body.slice(0, 299)}…` : i.body),
        content: render(<CommentText body={i.body} />),
        author: [{ name: i.authorName }],
      });
    }
    markCacheable(reply, tags, Infinity);
    return reply.type('application/rss+xml; charset=utf-8').send(feed.rss2());
  }

  app.get('/comments/feed/', (_req, reply) => commentFeed(reply));
  app.get('/:a/:b/:c/feed/', async (req: FastifyRequest<{ Params: Params }>, reply) => {
    const { a, b, c } = req.params as { a: string; b: string; c: string };
    if (!YEAR.test(a) || !MONTH.test(b) || !checkSlug(c)) return reply.callNotFound();
    const row = await ctx.db.selectFrom('articles').select('id').where('month_key', '=', `${a}-${b}`).where('slug', '=', c).executeTakeFirst();
    if (!row) return reply.callNotFound();
    return commentFeed(reply, Number(row.id));
  });
}

/** Plain text as HTML text, for feed titles and summaries (feed readers read them as HTML). */
function escapeText(s: string): string {
  return s.replace(/[<>&]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[ch]!);
}
