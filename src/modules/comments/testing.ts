// Helpers for this module's tests: an app with an article, the real form read from the article page and posted
// form-encoded (as a browser without JavaScript does), and small readers of the HTML that comes back.
import type { Config } from '../../config.js';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { anArticle, anAuthor } from '../../../test/factories.js';
import { saveCommentSettings } from './operations/saveCommentSettings.js';
import type { CommentSettings } from './settings.js';
import { issueFormToken, keysFor } from './signing.js';
import { powChallenge, solvePow } from './pow.js';
import { normaliseBody } from './text.js';

export type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** Settings that let a test post freely; each spam and moderation test turns its own rule back on. */
export const OPEN_SETTINGS: Partial<CommentSettings> = { minSeconds: 0, powBits: 0, holdFirstTime: false, limits: { burst: 100_000, burstSeconds: 15, hourly: 100_000 } };

export interface CommentTest {
  t: TestApp;
  articleId: number;
  path: string;
  authorId: number;
}

let n = 0;

export async function commentApp(settings: Partial<CommentSettings> = OPEN_SETTINGS, config: Partial<Config> = {}): Promise<CommentTest> {
  const t = await createTestApp(config);
  const authorId = await anAuthor(t.ctx);
  const a = await anArticle(t.ctx, { authorIds: [authorId], headline: `Comment test article ${++n}` });
  await saveCommentSettings(t.ctx, settings);
  const row = await t.ctx.db.selectFrom('articles').select(['id', 'slug', 'month_key']).where('id', '=', a.id).executeTakeFirstOrThrow();
  return { t, articleId: Number(row.id), path: `/${row.month_key!.slice(0, 4)}/${row.month_key!.slice(5, 7)}/${row.slug}/`, authorId };
}

/** The named hidden and text inputs of the comment form in a page, as the browser would send them. */
export function formFields(html: string): Record<string, string> {
  const form = /<form[^>]*id="commentform"[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form) throw new Error('no comment form in the page');
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1] ?? 'text';
    if (type === 'checkbox') {
      if (/\bchecked\b/.test(attrs)) out[name] = /\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? 'on';
      continue;
    }
    out[name] = decode(/\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  const ta = /<textarea[^>]*name="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(form);
  out.body = decode(ta?.[1] ?? '');
  return out;
}

export function decode(s: string): string {
  return s.replace(/&(lt|gt|quot|amp|#39|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'", apos: "'" })[e]!);
}

export interface PostOptions {
  ip?: string;
  headers?: Record<string, string>;
  /** Solve the proof of work as the page's script would. */
  pow?: number;
}

export const BROWSER_HEADERS = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) test', 'accept-language': 'en-GB,en;q=0.8' };

export function encodeForm(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Posts the fields form-encoded to /comments. */
export function postForm(t: TestApp, fields: Record<string, string>, o: PostOptions = {}): Promise<Res> {
  return t.app.inject({
    method: 'POST',
    url: '/comments',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...BROWSER_HEADERS, ...o.headers },
    payload: encodeForm(fields),
    ...(o.ip ? { remoteAddress: o.ip } : {}),
  });
}

/** Fetches `pagePath`, fills its comment form with `values` and sends it. */
export async function comment(c: CommentTest, values: Record<string, string>, o: PostOptions & { pagePath?: string } = {}): Promise<Res> {
  const page = await c.t.app.inject({ method: 'GET', url: o.pagePath ?? c.path, headers: BROWSER_HEADERS });
  if (page.statusCode !== 200) throw new Error(`GET ${o.pagePath ?? c.path}: ${page.statusCode}`);
  const fields: Record<string, string> = { ...formFields(page.body), name: 'Reader', email: `reader${++n}@example.net`, body: `A comment, number ${n}.`, ...values };
  if (o.pow) fields.pow = solvePow(powChallenge(Number(fields.article_id), Number(fields.ts), fields.sig!, normaliseBody(fields.body!)), o.pow);
  if (o.pow) fields.powv = '1';
  return postForm(c.t, fields, o);
}

/** A form token issued `ageMs` ago (a reader who took that long to write). */
export async function agedToken(c: CommentTest, ageMs: number): Promise<{ article_id: string; ts: string; sig: string }> {
  const tok = issueFormToken(await keysFor(c.t.ctx.db), c.articleId, Date.now() - ageMs);
  return { article_id: String(c.articleId), ts: String(tok.ts), sig: tok.sig };
}

export function commentIdOf(res: Res): number {
  const m = /#comment-(\d+)$/.exec(String(res.headers.location ?? ''));
  if (!m) throw new Error(`no comment id in ${res.statusCode} ${res.headers.location ?? ''} ${res.body.slice(0, 300)}`);
  return Number(m[1]);
}

export async function rows(c: CommentTest) {
  return c.t.ctx.db.selectFrom('comments').selectAll().orderBy('id').execute();
}

export async function mails(t: TestApp): Promise<{ to: string; subject: string; text: string }[]> {
  const r = await t.ctx.db.selectFrom('jobs').select('payload').where('type', '=', 'mail.send').orderBy('id').execute();
  return r.map((x) => JSON.parse(x.payload));
}

/** The first link in a mail's text to a path under the site. */
export function linkIn(text: string, baseUrl: string, pathStart: string): string {
  const re = new RegExp(`${baseUrl.replace(/[.]/g, '\\.')}(${pathStart.replace(/[/?]/g, (c) => `\\${c}`)}[^\\s]*)`);
  const m = re.exec(text);
  if (!m) throw new Error(`no ${pathStart} link in:\n${text}`);
  return m[1]!;
}

/** The comment section of a page. */
export function section(html: string): string {
  const m = /<section class="comments"[\s\S]*?<\/section>/.exec(html);
  if (!m) throw new Error('no comment section');
  return m[0];
}
