// The comment section as a reader without JavaScript meets it: the form read from the article page and posted
// form-encoded, the thread, replies, pages, permalinks, feeds, counts on lists, closing, and the page cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { engineName } from '../../../test/db.js';
import { anArticle } from '../../../test/factories.js';
import { saveCommentSettings } from './operations/saveCommentSettings.js';
import { setCommentsOpen } from './operations/setCommentsOpen.js';
import { moderateComments } from './operations/moderateComments.js';
import { TOKEN_TTL_MS } from './signing.js';
import { BROWSER_HEADERS, OPEN_SETTINGS, comment, commentApp, commentIdOf, decode, formFields, postForm, rows, section } from './testing.js';

const get = (c: { t: { app: { inject: Function } } }, url: string, headers: Record<string, string> = {}) =>
  (c.t.app.inject as (o: object) => Promise<{ statusCode: number; body: string; headers: Record<string, string | string[] | undefined> }>)({ method: 'GET', url, headers: { ...BROWSER_HEADERS, ...headers } });
const SITE = { baseUrl: 'http://news.test', title: 'Test Outlet' };

test(`an article with no comments invites the first, and the form has every field (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const res = await get(c, c.path);
    assert.equal(res.statusCode, 200);
    const s = section(res.body);
    assert.match(s, /id="comments"/);
    assert.match(s, /<h2 class="comments-title">Be the first to comment<\/h2>/);
    assert.doesNotMatch(s, /class="comment depth/);
    assert.match(s, /Leave a Reply/);
    assert.match(s, /<form action="\/comments" method="post" id="commentform"/);
    for (const name of ['name', 'email', 'url', 'body', 'parent_id', 'article_id', 'ts', 'sig']) assert.match(s, new RegExp(`name="${name}"`), name);
    // The privacy line sits beside the email field, tied to it for screen readers.
    assert.match(s, /<input id="email" name="email" type="email"[^>]*aria-describedby="email-notes"[^>]*\/?>\s*<span id="email-notes" class="email-notes">Your email address will not be published\./);
    // Remember-me and notify are off by default; the honeypot is hidden.
    const f = formFields(res.body);
    assert.equal(f.remember, undefined);
    assert.equal(f.notify, undefined);
    assert.match(s, /<div class="comment-hp" hidden="" aria-hidden="true">|<div class="comment-hp" hidden aria-hidden="true">/);
    assert.equal(f.homepage, '');
    assert.equal(f.article_id, String(c.articleId));
    assert.match(f.ts!, /^\d+$/);
    assert.match(f.sig!, /^[A-Za-z0-9_-]{32}$/);
    // The script is external (the CSP forbids inline scripts).
    assert.match(s, /<script src="\/assets\/comments\.[0-9a-f]{10}\.js" defer/);
    assert.doesNotMatch(res.body, /<script>(?!\s*$)/);
  } finally {
    await c.t.close();
  }
});

test(`a comment posted through the form shows on the very next request, with count, permalink and list counts (${engineName})`, async () => {
  const c = await commentApp();
  try {
    // Cache the article and the home page first: the comment must still show at once.
    assert.equal((await get(c, c.path)).statusCode, 200);
    assert.equal((await get(c, '/')).statusCode, 200);
    assert.ok(c.t.cache.get(c.path), 'the article page is cached');
    const res = await comment(c, { name: 'Ada Reader', email: 'ada@example.net', body: 'First paragraph.\nSecond line.\n\nSecond paragraph with https://example.org/a_b?x=1.' });
    assert.equal(res.statusCode, 303);
    const id = commentIdOf(res);
    assert.equal(res.headers.location, `${c.path}#comment-${id}`);
    assert.equal(c.t.cache.get(c.path), undefined, 'the cached article page was dropped');

    const page = await get(c, c.path);
    const s = section(page.body);
    assert.match(s, /<h2 class="comments-title">1 comment on “Comment test article \d+”<\/h2>/);
    assert.match(s, new RegExp(`<li class="comment depth-1" id="comment-${id}">`));
    assert.match(s, new RegExp(`<a class="comment-permalink" href="#comment-${id}"><time dateTime="[^"]+">`, 'i'));
    assert.match(s, /<b class="comment-author"><bdi>Ada Reader<\/bdi><\/b>/);
    assert.match(s, /<p dir="auto">First paragraph\.<br\/?>Second line\.<\/p><p dir="auto">Second paragraph with <a href="https:\/\/example\.org\/a_b\?x=1" rel="nofollow ugc noopener">https:\/\/example\.org\/a_b\?x=1<\/a>\.<\/p>/);
    assert.match(s, new RegExp(`href="/comments/${id}/reply/#respond"[^>]*>Reply</a>`));

    const home = await get(c, '/');
    assert.match(home.body, new RegExp(`<a class="comment-count" href="${c.path}#comments">1 comment</a>`));
    const month = await get(c, c.path.split('/').slice(0, 3).join('/') + '/');
    assert.match(month.body, /class="comment-count"[^>]*>1 comment</);

    // The permalink finds the comment.
    const perma = await get(c, `/comments/${id}/`);
    assert.equal(perma.statusCode, 302);
    assert.equal(perma.headers.location, `${c.path}#comment-${id}`);
  } finally {
    await c.t.close();
  }
});

test(`a held comment is not shown; the reader is sent to the moderation notice, and the page stays cacheable (${engineName})`, async () => {
  const c = await commentApp({ ...OPEN_SETTINGS, holdAll: true });
  try {
    await get(c, c.path);
    const res = await comment(c, { body: 'Please hold me.' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${c.path}#comment-pending`);
    assert.ok(c.t.cache.get(c.path), 'a held comment changes no public page');
    const page = await get(c, c.path);
    assert.doesNotMatch(page.body, /Please hold me/);
    assert.match(page.body, /<p id="comment-pending" class="comment-notice" role="status" hidden[^>]*>Thank you: your comment is awaiting moderation/);
    assert.equal((await rows(c))[0]!.status, 'pending');
  } finally {
    await c.t.close();
  }
});

test(`replies nest under their comment, to the configured depth, through the reply page (${engineName})`, async () => {
  const c = await commentApp();
  try {
    await saveCommentSettings(c.t.ctx, { maxDepth: 3 });
    const top = commentIdOf(await comment(c, { name: 'Top', body: 'Top comment.' }));
    // Without JavaScript, Reply opens a page with the form for that comment.
    const replyPage = await get(c, `/comments/${top}/reply/`);
    assert.equal(replyPage.statusCode, 200);
    assert.match(replyPage.body, /<h1 class="page-title">Reply to Top<\/h1>/);
    assert.match(replyPage.body, /<blockquote class="comment-quote">[\s\S]*Top comment\./);
    assert.equal(formFields(replyPage.body).parent_id, String(top));
    const r1 = commentIdOf(await comment(c, { name: 'Second', body: 'A reply.' }, { pagePath: `/comments/${top}/reply/` }));
    const r2 = commentIdOf(await comment(c, { name: 'Third', body: 'A reply to the reply.', parent_id: String(r1) }));

    const s = section((await get(c, c.path)).body);
    assert.match(s, /<h2 class="comments-title">3 comments on/);
    assert.match(s, new RegExp(`id="comment-${top}">[\\s\\S]*<ol class="children"><li class="comment depth-2" id="comment-${r1}">[\\s\\S]*<ol class="children"><li class="comment depth-3" id="comment-${r2}">`));
    // At the deepest level there is no Reply link, and a reply sent anyway is refused with the form kept.
    assert.doesNotMatch(s, new RegExp(`/comments/${r2}/reply/`));
    assert.match(s, new RegExp(`/comments/${r1}/reply/`));
    const deep = await comment(c, { body: 'Too deep for this site.', parent_id: String(r2) });
    assert.equal(deep.statusCode, 400);
    assert.match(deep.body, /Replies nest at most 3 deep here/);
    assert.match(deep.body, /Too deep for this site\.<\/textarea>/);
    const deepPage = await get(c, `/comments/${r2}/reply/`);
    assert.match(deepPage.body, /Replies nest at most 3 deep/);
    assert.doesNotMatch(deepPage.body, /id="commentform"/);
    // A reply to a comment that is not published is refused.
    await moderateComments(c.t.ctx, [top], 'pending', SITE);
    const orphan = await comment(c, { body: 'Reply to a held comment.', parent_id: String(top) });
    assert.equal(orphan.statusCode, 400);
    assert.equal((await rows(c)).length, 3);
    // Replies whose parent is held are shown at the top level rather than lost.
    const s2 = section((await get(c, c.path)).body);
    assert.match(s2, new RegExp(`<li class="comment depth-1" id="comment-${r1}">`));
  } finally {
    await c.t.close();
  }
});

test(`long threads are paged, oldest or newest first, and permalinks and redirects find the right page (${engineName})`, async () => {
  const c = await commentApp();
  try {
    await saveCommentSettings(c.t.ctx, { perPage: 2 });
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const res = await comment(c, { body: `Comment number ${i}.` });
      ids.push(commentIdOf(res));
      // The redirect after posting names the page the comment is on.
      assert.equal(res.headers.location, i <= 2 ? `${c.path}#comment-${ids[i - 1]}` : `${c.path}comments/page/${Math.ceil(i / 2)}/#comment-${ids[i - 1]}`);
    }
    const first = section((await get(c, c.path)).body);
    assert.match(first, /5 comments on/);
    assert.match(first, /Comment number 1\.[\s\S]*Comment number 2\./);
    assert.doesNotMatch(first, /Comment number 3\./);
    assert.match(first, new RegExp(`<a class="nav-next" rel="next" href="${c.path}comments/page/2/#comments">Newer comments →</a>`));
    const p2 = await get(c, `${c.path}comments/page/2/`);
    assert.equal(p2.statusCode, 200);
    assert.match(p2.body, /Comment number 3\.[\s\S]*Comment number 4\./);
    assert.match(p2.body, /Comments page 2 of 3/);
    assert.ok(c.t.cache.get(`${c.path}comments/page/2/`), 'comment pages are cached too');
    assert.equal((await get(c, `${c.path}comments/page/4/`)).statusCode, 404);
    assert.equal((await get(c, `${c.path}comments/page/1/`)).statusCode, 301);
    const perma = await get(c, `/comments/${ids[4]}/`);
    assert.equal(perma.headers.location, `${c.path}comments/page/3/#comment-${ids[4]}`);

    await saveCommentSettings(c.t.ctx, { order: 'newest' });
    const newest = section((await get(c, c.path)).body);
    assert.match(newest, /Comment number 5\.[\s\S]*Comment number 4\./);
    assert.doesNotMatch(newest, /Comment number 1\./);
    assert.match(newest, />Older comments →</);
    assert.equal((await get(c, `/comments/${ids[0]}/`)).headers.location, `${c.path}comments/page/3/#comment-${ids[0]}`);
  } finally {
    await c.t.close();
  }
});

test(`"remember me" keeps name and address in an HttpOnly cookie; the address never comes back to the page (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const res = await comment(c, { name: 'Kept Name', email: 'kept.person@example.net', url: 'example.org/me', remember: '1', body: 'Remember me.' });
    assert.equal(res.statusCode, 303);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    const main = cookies.find((x) => x.startsWith('broadside_commenter='))!;
    assert.match(main, /Path=\/comments; Max-Age=\d+; SameSite=Lax; HttpOnly/);
    assert.doesNotMatch(main, /kept|example/i, 'the cookie is sealed');
    const flag = cookies.find((x) => x.startsWith('broadside_cr=1'))!;
    assert.match(flag, /Path=\//);
    const cookie = [main, flag].map((x) => x.split(';')[0]).join('; ');

    const me = await c.t.app.inject({ method: 'GET', url: '/comments/remembered', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json(), { name: 'Kept Name', url: 'https://example.org/me', hasEmail: true });
    assert.equal(me.headers['cache-control'], 'no-store');
    assert.equal((await c.t.app.inject({ method: 'GET', url: '/comments/remembered' })).statusCode, 204);

    // The reply page fills the name in and lets the address field be left empty.
    const top = commentIdOf(res);
    const replyPage = await c.t.app.inject({ method: 'GET', url: `/comments/${top}/reply/`, headers: { cookie } });
    assert.match(replyPage.body, /name="name" type="text" value="Kept Name"/);
    assert.doesNotMatch(replyPage.body, /kept\.person/);
    assert.match(replyPage.body, /leave the field empty to use it/);
    const f = formFields(replyPage.body);
    assert.equal(f.remember, '1');
    const second = await postForm(c.t, { ...f, email: '', body: 'Second comment, address remembered.' }, { headers: { cookie } });
    assert.equal(second.statusCode, 303);
    const stored = await rows(c);
    assert.equal(stored.at(-1)!.author_email, 'kept.person@example.net');
    assert.equal(stored.at(-1)!.parent_id, top);

    // Unticked: the cookies are cleared.
    const third = await comment(c, { email: 'kept.person@example.net', body: 'Forget me now.' }, { headers: { cookie } });
    const cleared = ([] as string[]).concat(third.headers['set-cookie'] as string[]);
    assert.ok(cleared.some((x) => /^broadside_commenter=; .*Max-Age=0/.test(x)));
    assert.ok(cleared.some((x) => /^broadside_cr=; .*Max-Age=0/.test(x)));
  } finally {
    await c.t.close();
  }
});

test(`comment feeds carry approved comments only, per article and for the site (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const other = await anArticle(c.t.ctx, { authorIds: [c.authorId], headline: 'Another story' });
    const o = await c.t.ctx.db.selectFrom('articles').select(['slug', 'month_key']).where('id', '=', other.id).executeTakeFirstOrThrow();
    await comment({ ...c, articleId: other.id, path: `/${o.month_key!.replace('-', '/')}/${o.slug}/` }, { name: 'Elsewhere Person', body: 'On another story.' });
    await comment(c, { name: 'Feed Person', body: 'Approved <b>words</b> & more.' });
    await saveCommentSettings(c.t.ctx, { holdAll: true });
    await comment(c, { name: 'Held Person', body: 'Held words.' });
    const feed = await get(c, `${c.path}feed/`);
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/rss\+xml/);
    const doc = new XMLParser().parse(feed.body);
    const items = [].concat(doc.rss.channel.item);
    assert.equal(items.length, 1);
    const item = items[0] as unknown as { title: string; link: string; description: string; 'content:encoded': string };
    assert.equal(decode(item.title), 'Comment on Comment test article ' + /article (\d+)/.exec(decode(item.title))![1] + ' by Feed Person');
    assert.match(item.link, new RegExp(`^http://news\\.test${c.path}#comment-\\d+$`));
    assert.match(item['content:encoded'], /<p dir="auto">Approved &lt;b(>|&gt;)words&lt;\/b(>|&gt;) &amp; more\.<\/p>/);
    assert.doesNotMatch(feed.body, /Held words/);
    assert.doesNotMatch(feed.body, /Elsewhere Person/);
    const site = await get(c, '/comments/feed/');
    assert.equal(site.statusCode, 200);
    assert.match(site.body, /Feed Person/);
    assert.match(site.body, /Elsewhere Person/);
    assert.doesNotMatch(site.body, /Held Person/);
    assert.equal((await get(c, '/2025/05/no-such-article/feed/')).statusCode, 404);
    // Approving a held comment updates the cached feeds.
    const held = (await rows(c)).find((r) => r.author_name === 'Held Person')!;
    assert.ok(c.t.cache.get('/comments/feed/'));
    await moderateComments(c.t.ctx, [held.id], 'approve', SITE);
    assert.equal(c.t.cache.get('/comments/feed/'), undefined);
    assert.match((await get(c, '/comments/feed/')).body, /Held Person/);
  } finally {
    await c.t.close();
  }
});

test(`comments close by hand or after N days; the form goes and a post is refused with its text kept (${engineName})`, async () => {
  const c = await commentApp();
  try {
    await comment(c, { body: 'Before closing.' });
    await get(c, c.path);
    await setCommentsOpen(c.t.ctx, c.articleId, false);
    const page = await get(c, c.path);
    const s = section(page.body);
    assert.match(s, /<p class="comments-closed">Comments are closed\.<\/p>/);
    assert.doesNotMatch(s, /id="commentform"/);
    assert.doesNotMatch(s, /comment-reply-link/);
    assert.match(s, /Before closing\./);
    // A form from before the closing is refused, and what was written is handed back.
    await setCommentsOpen(c.t.ctx, c.articleId, null);
    const f = formFields((await get(c, c.path)).body);
    await setCommentsOpen(c.t.ctx, c.articleId, false);
    const refused = await postForm(c.t, { ...f, name: 'Late', email: 'late@example.net', body: 'Too late, sadly.' });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Comments on this article are closed/);
    assert.match(refused.body, /Too late, sadly\.<\/textarea>/);
    assert.equal((await rows(c)).length, 1);

    // Automatic: the article was published on 2025-05-14; 30 days later it closes by itself.
    await setCommentsOpen(c.t.ctx, c.articleId, null);
    await saveCommentSettings(c.t.ctx, { autoCloseDays: 30 });
    assert.match(section((await get(c, c.path)).body), /Comments are closed/);
    // ... unless opened by hand.
    await setCommentsOpen(c.t.ctx, c.articleId, true);
    assert.match(section((await get(c, c.path)).body), /id="commentform"/);
    // An article still inside its window: the cached page expires when comments close.
    await setCommentsOpen(c.t.ctx, c.articleId, null);
    const fresh = await anArticle(c.t.ctx, { authorIds: [c.authorId], headline: 'Fresh story', publishedAt: new Date(Date.now() - 86_400_000).toISOString() });
    const freshRow = await c.t.ctx.db.selectFrom('articles').select(['slug', 'month_key', 'published_at']).where('id', '=', fresh.id).executeTakeFirstOrThrow();
    const freshPath = `/${freshRow.month_key!.replace('-', '/')}/${freshRow.slug}/`;
    assert.match(section((await get(c, freshPath)).body), /id="commentform"/);
    const cached = c.t.cache.get(freshPath)!;
    assert.ok(cached.expiresAt <= Date.parse(freshRow.published_at!) + 30 * 86_400_000, 'expires when comments close');
  } finally {
    await c.t.close();
  }
});

test(`a cached article page stops being served before its form token expires (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const before = Date.now();
    await get(c, c.path);
    const page = c.t.cache.get(c.path)!;
    const ts = Number(formFields(page.body.toString()).ts);
    assert.ok(ts >= before);
    assert.ok(page.expiresAt <= ts + TOKEN_TTL_MS - 60 * 60 * 1000, 'at least an hour to write in');
    assert.ok(page.expiresAt > Date.now() + 23 * 60 * 60 * 1000, 'and cached for about a day');
  } finally {
    await c.t.close();
  }
});
