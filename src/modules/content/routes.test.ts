// The public site through HTTP: real database (SQLite, or PostgreSQL when DATABASE_URL is set), real
// operations writing through the app's own ctx, requests injected into the Fastify app. No mocks.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { anArticle, anAuthor, aTag } from '../../../test/factories.js';
import { createArticle } from './operations/createArticle.js';
import { updateArticle } from './operations/updateArticle.js';
import { deleteArticle } from './operations/deleteArticle.js';
import { savePage } from './operations/savePage.js';
import { createAuthor } from './operations/createAuthor.js';
import { createTag } from './operations/createTag.js';
import type { ArticleInput } from './operations/articleInput.js';

const BASE = 'http://news.test';

// ---------------------------------------------------------------------------------------------------------
// Helpers: requests, and a little HTML reading. Pages come from preact-render-to-string, so the markup is
// regular (double-quoted attributes, no stray whitespace inside tags); these helpers rely on that.

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

function get(t: TestApp, url: string, headers: Record<string, string> = {}): Promise<Res> {
  return t.app.inject({ method: 'GET', url, headers });
}

/** The rest of a start tag: a ">" inside a quoted attribute value does not end it. */
const ATTRS = '(?:[^>"]|"[^"]*")*';
const VOID = new Set(['meta', 'link', 'img', 'br', 'hr', 'input', 'source']);

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function attrsOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const inner = tag.replace(/^<[a-z0-9]+/i, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? '');
  return out;
}

/** Attributes of every start tag with this name. */
function tagsNamed(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b${ATTRS}>`, 'gi'))].map((m) => attrsOf(m[0]));
}

/** Outer HTML of every element whose class list holds `cls`. */
function byClass(html: string, cls: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(new RegExp(`<([a-z][a-z0-9]*)\\b${ATTRS}>`, 'gi'))) {
    const classes = (attrsOf(m[0]).class ?? '').split(/\s+/);
    if (!classes.includes(cls)) continue;
    const name = m[1]!.toLowerCase();
    const start = m.index!;
    if (VOID.has(name)) {
      found.push(m[0]);
      continue;
    }
    const re = new RegExp(`<(/?)${name}\\b${ATTRS}>`, 'gi');
    re.lastIndex = start + m[0].length;
    let depth = 1;
    let end = -1;
    for (let x = re.exec(html); x; x = re.exec(html)) {
      depth += x[1] ? -1 : 1;
      if (depth === 0) {
        end = x.index + x[0].length;
        break;
      }
    }
    assert.notEqual(end, -1, `element .${cls} is not closed`);
    found.push(html.slice(start, end));
  }
  return found;
}

function one(html: string, cls: string): string {
  const all = byClass(html, cls);
  assert.equal(all.length, 1, `expected exactly one .${cls}, found ${all.length}`);
  return all[0]!;
}

function textOf(html: string): string {
  return decode(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

function meta(html: string, key: string): string | undefined {
  const m = tagsNamed(html, 'meta').find((a) => a.property === key || a.name === key);
  return m?.content;
}

function linkRel(html: string, rel: string): string[] {
  const head = html.slice(0, html.indexOf('</head>'));
  return tagsNamed(head, 'link')
    .filter((a) => a.rel === rel)
    .map((a) => a.href!);
}

/** Headlines of the article cards on a listing page, in page order. */
function cardHeadlines(html: string): string[] {
  return byClass(html, 'card-headline').map(textOf);
}

/** The archive sidebar as [label, count] pairs, in page order. */
function archive(html: string): [string, number][] {
  const list = one(html, 'archive-list');
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => {
    const label = textOf(m[1]!.replace(/<span class="count">[\s\S]*?<\/span>/, ''));
    const count = /<span class="count">\((\d+)\)<\/span>/.exec(m[1]!);
    assert.ok(count, `archive entry "${label}" has no count`);
    return [label, Number(count[1])];
  });
}

function assertHtml(res: Res, status: number, what = '') {
  assert.equal(res.statusCode, status, `${what}: status ${res.statusCode}, body ${res.body.slice(0, 300)}`);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/, `${what}: content-type`);
  assert.match(res.body, /^<!doctype html>\s*<html/i, `${what}: HTML body`);
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'url', 'link', 'author'].includes(name) });

function textValue(v: unknown): string {
  if (v && typeof v === 'object' && '#text' in v) return String((v as Record<string, unknown>)['#text']);
  return String(v);
}

function parseXml(res: Res): any {
  const valid = XMLValidator.validate(res.body);
  assert.equal(valid, true, `not well-formed XML: ${JSON.stringify(valid)}\n${res.body.slice(0, 2000)}`);
  return xml.parse(res.body);
}

function rssItems(res: Res): { title: string; link: string; guid: string; pubDate: string; description?: string }[] {
  const doc = parseXml(res);
  assert.ok(doc.rss, 'root element is <rss>');
  assert.equal(doc.rss['@version'], '2.0');
  assert.ok(doc.rss.channel, '<rss> holds a <channel>');
  return (doc.rss.channel.item ?? []).map((i: any) => ({
    title: textValue(i.title),
    link: textValue(i.link[0]),
    guid: textValue(i.guid),
    pubDate: textValue(i.pubDate),
    description: i.description === undefined ? undefined : textValue(i.description),
  }));
}

function atomEntries(res: Res): { title: string; href: string; id: string; published: string }[] {
  const doc = parseXml(res);
  assert.ok(doc.feed, 'root element is <feed>');
  assert.equal(doc.feed['@xmlns'], 'http://www.w3.org/2005/Atom');
  return (doc.feed.entry ?? []).map((e: any) => ({ title: textValue(e.title), href: e.link[0]['@href'], id: textValue(e.id), published: textValue(e.published) }));
}

function input(authorIds: number[], over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: 'A headline',
    kicker: 'Analysis',
    standfirst: 'A standfirst.',
    bodyHtml: '<p>Opening paragraph.</p><h2>First subhead</h2><p>More.</p>',
    status: 'published',
    publishedAt: '2025-05-14T08:00:00Z',
    authorIds,
    ...over,
  };
}

// ---------------------------------------------------------------------------------------------------------

describe('home page and pagination', () => {
  let t: TestApp;
  const paths: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ pageSize: 2 });
    const author = await createAuthor(t.ctx, { name: 'Amira Haddad', bio: 'Covers the Levant.' });
    const tag = await aTag(t.ctx, 'Levant');
    // Created out of date order: the listing must sort by publication time, not by id.
    const specs: [string, string][] = [
      ['Late April report', '2025-04-20T10:00:00Z'],
      ['Mid May analysis', '2025-05-14T08:00:00Z'],
      ['March dispatch', '2025-03-10T09:00:00Z'],
      ['May Day analysis', '2025-05-01T07:30:00Z'],
      ['Early April report', '2025-04-02T12:00:00Z'],
    ];
    for (const [headline, publishedAt] of specs) {
      const r = await createArticle(t.ctx, input([author], { headline, publishedAt, kicker: `Kicker for ${headline}`, standfirst: `Standfirst for ${headline}.`, primaryTagId: tag }));
      paths[headline] = r.path!;
    }
  });
  after(() => t.close());

  test('lists the newest articles first, each with kicker, headline, standfirst, byline and date', async () => {
    const res = await get(t, '/');
    assertHtml(res, 200);
    assert.deepEqual(cardHeadlines(res.body), ['Mid May analysis', 'May Day analysis']);
    const card = byClass(res.body, 'article-card')[0]!;
    assert.equal(textOf(one(card, 'kicker')), 'Kicker for Mid May analysis');
    assert.deepEqual(tagsNamed(one(card, 'kicker'), 'a').map((a) => a.href), ['/tag/levant/']);
    const headlineLinks = tagsNamed(one(card, 'card-headline'), 'a');
    assert.deepEqual(headlineLinks.map((a) => a.href), [paths['Mid May analysis']]);
    assert.equal(paths['Mid May analysis'], '/2025/05/mid-may-analysis/');
    assert.equal(textOf(one(card, 'standfirst')), 'Standfirst for Mid May analysis.');
    const byline = one(card, 'byline');
    assert.equal(textOf(byline), 'By Amira Haddad');
    assert.deepEqual(tagsNamed(byline, 'a').map((a) => a.href), ['/author/amira-haddad/']);
    const times = tagsNamed(card, 'time');
    assert.equal(times.length, 1);
    assert.equal(times[0]!.datetime, '2025-05-14T08:00:00.000Z');
    assert.match(card, />14 May 2025<\/time>/);
  });

  test('page 1 links to the next page in the head and in a pagination nav, and not to a previous one', async () => {
    const res = await get(t, '/');
    assert.deepEqual(linkRel(res.body, 'next'), [`${BASE}/page/2/`]);
    assert.deepEqual(linkRel(res.body, 'prev'), []);
    assert.deepEqual(linkRel(res.body, 'canonical'), [`${BASE}/`]);
    const nav = one(res.body, 'pagination');
    assert.match(nav, /^<nav\b/);
    assert.deepEqual(tagsNamed(nav, 'a').map((a) => [a.rel, a.href]), [['next', '/page/2/']]);
    assert.match(textOf(nav), /Page 1 of 3/);
  });

  test('/page/2/ holds the next articles and links both ways', async () => {
    const res = await get(t, '/page/2/');
    assertHtml(res, 200);
    assert.deepEqual(cardHeadlines(res.body), ['Late April report', 'Early April report']);
    assert.deepEqual(linkRel(res.body, 'prev'), [`${BASE}/`]);
    assert.deepEqual(linkRel(res.body, 'next'), [`${BASE}/page/3/`]);
    assert.deepEqual(linkRel(res.body, 'canonical'), [`${BASE}/page/2/`]);
    const nav = one(res.body, 'pagination');
    assert.deepEqual(tagsNamed(nav, 'a').map((a) => [a.rel, a.href]), [['prev', '/'], ['next', '/page/3/']]);
    assert.match(textOf(nav), /Page 2 of 3/);
  });

  test('the last page links back only', async () => {
    const res = await get(t, '/page/3/');
    assertHtml(res, 200);
    assert.deepEqual(cardHeadlines(res.body), ['March dispatch']);
    assert.deepEqual(linkRel(res.body, 'prev'), [`${BASE}/page/2/`]);
    assert.deepEqual(linkRel(res.body, 'next'), []);
    assert.deepEqual(tagsNamed(one(res.body, 'pagination'), 'a').map((a) => [a.rel, a.href]), [['prev', '/page/2/']]);
  });

  test('/page/1/ redirects permanently to /', async () => {
    const res = await get(t, '/page/1/');
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/');
  });

  test('a page past the end is 404', async () => {
    assertHtml(await get(t, '/page/4/'), 404);
    assertHtml(await get(t, '/page/999999/'), 404);
  });
});

describe('sticky articles on the home page', () => {
  let t: TestApp;
  let author: number;
  const ids: Record<string, number> = {};

  before(async () => {
    t = await createTestApp({ pageSize: 2 });
    author = await createAuthor(t.ctx, { name: 'Sticky Writer' });
    const tag = await aTag(t.ctx, 'Gulf');
    // Plain order, newest first: A B C D E. A (already on page 1), C and E are sticky.
    const specs: [string, string, boolean][] = [
      ['C story', '2025-04-20T10:00:00Z', true],
      ['A story', '2025-05-14T08:00:00Z', true],
      ['E story', '2025-03-10T09:00:00Z', true],
      ['B story', '2025-05-01T07:30:00Z', false],
      ['D story', '2025-04-02T12:00:00Z', false],
    ];
    for (const [headline, publishedAt, sticky] of specs) ids[headline] = (await createArticle(t.ctx, input([author], { headline, publishedAt, sticky, primaryTagId: tag }))).id;
    // Sticky but not public: a draft, one scheduled for later, one in the trash.
    await createArticle(t.ctx, input([author], { headline: 'Sticky draft', status: 'draft', sticky: true }));
    await createArticle(t.ctx, input([author], { headline: 'Sticky later', status: 'scheduled', publishedAt: '2099-01-01T00:00:00Z', sticky: true }));
    const trashed = await createArticle(t.ctx, input([author], { headline: 'Sticky trashed', publishedAt: '2025-05-20T08:00:00Z', sticky: true }));
    await t.ctx.db.updateTable('articles').set({ trashed_at: '2025-05-21T00:00:00.000Z' }).where('id', '=', trashed.id).execute();
  });
  after(() => t.close());

  const stickyHeadlines = (html: string) => byClass(html, 'sticky').map((card) => textOf(one(card, 'card-headline')));

  test('page 1: the visible sticky articles first, newest first, then the page without repeating them', async () => {
    const res = await get(t, '/');
    assertHtml(res, 200);
    assert.deepEqual(cardHeadlines(res.body), ['A story', 'C story', 'E story', 'B story']);
    assert.deepEqual(stickyHeadlines(res.body), ['A story', 'C story', 'E story']);
    assert.ok(byClass(res.body, 'sticky').every((card) => /^<li class="article-card sticky">/.test(card)));
    assert.match(textOf(one(res.body, 'pagination')), /Page 1 of 3/);
  });

  test('later pages are as they would be without sticky articles, and carry no marker', async () => {
    const two = await get(t, '/page/2/');
    assertHtml(two, 200);
    assert.deepEqual(cardHeadlines(two.body), ['C story', 'D story']);
    assert.deepEqual(stickyHeadlines(two.body), []);
    const three = await get(t, '/page/3/');
    assert.deepEqual(cardHeadlines(three.body), ['E story']);
    assertHtml(await get(t, '/page/4/'), 404);
  });

  test('other listings and the feed keep plain date order', async () => {
    const tagPage = await get(t, '/tag/gulf/');
    assert.deepEqual(cardHeadlines(tagPage.body), ['A story', 'B story']);
    assert.deepEqual(stickyHeadlines(tagPage.body), []);
    assert.deepEqual(rssItems(await get(t, '/feed/')).map((i) => i.title).slice(0, 3), ['Analysis: A story', 'Analysis: B story', 'Analysis: C story']);
  });

  test('making an article sticky or not drops the cached home page', async () => {
    assert.deepEqual(cardHeadlines((await get(t, '/')).body), ['A story', 'C story', 'E story', 'B story']);
    assert.ok(t.cache.get('/'), 'home page cached');
    await updateArticle(t.ctx, ids['C story']!, input([author], { headline: 'C story', publishedAt: '2025-04-20T10:00:00Z', sticky: false }));
    assert.equal(t.cache.get('/'), undefined, 'unsticking dropped the cached home page');
    assert.deepEqual(cardHeadlines((await get(t, '/')).body), ['A story', 'E story', 'B story']);
    await updateArticle(t.ctx, ids['D story']!, input([author], { headline: 'D story', publishedAt: '2025-04-02T12:00:00Z', sticky: true }));
    assert.deepEqual(cardHeadlines((await get(t, '/')).body), ['A story', 'D story', 'E story', 'B story']);
    // A save that leaves the flag out keeps it.
    await updateArticle(t.ctx, ids['D story']!, input([author], { headline: 'D story', publishedAt: '2025-04-02T12:00:00Z' }));
    assert.deepEqual(stickyHeadlines((await get(t, '/')).body), ['A story', 'D story', 'E story']);
  });
});

describe('article page', () => {
  let t: TestApp;
  let path: string;
  let html: string;

  before(async () => {
    t = await createTestApp();
    const a1 = await createAuthor(t.ctx, { name: 'Amira Haddad' });
    const a2 = await createAuthor(t.ctx, { name: 'Tomás Ruiz' });
    const economy = await createTag(t.ctx, { name: 'Economy' });
    const syria = await createTag(t.ctx, { name: 'Syria', isRegion: true });
    const r = await createArticle(t.ctx, {
      headline: 'Why the lira keeps falling',
      kicker: 'Turkey',
      standfirst: 'Three reasons, and one that matters most.',
      bodyHtml: '<p>Intro paragraph.</p><h2>The first reason</h2><p>Text.</p><h2>The second reason</h2><p>More text.</p>',
      status: 'published',
      publishedAt: '2025-05-14T08:00:00Z',
      authorIds: [a1, a2],
      primaryTagId: economy,
      tagIds: [syria],
    });
    path = r.path!;
    // Archive sidebar: May 2025 ×2, April 2025 ×1, January 2024 ×1 (created out of order).
    await anArticle(t.ctx, { authorIds: [a1], publishedAt: '2024-01-05T10:00:00Z' });
    await anArticle(t.ctx, { authorIds: [a1], publishedAt: '2025-05-02T10:00:00Z' });
    await anArticle(t.ctx, { authorIds: [a2], publishedAt: '2025-04-30T23:59:59Z' });
    const res = await get(t, path);
    assertHtml(res, 200, path);
    html = res.body;
  });
  after(() => t.close());

  test('lives at /YYYY/MM/slug/', () => {
    assert.equal(path, '/2025/05/why-the-lira-keeps-falling/');
  });

  test('has exactly one h1, the headline', () => {
    const h1s = [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)];
    assert.equal(h1s.length, 1);
    assert.equal(textOf(h1s[0]![1]!), 'Why the lira keeps falling');
  });

  test('has kicker (linking to the primary tag), standfirst and byline', () => {
    const kicker = one(html, 'kicker');
    assert.equal(textOf(kicker), 'Turkey');
    assert.deepEqual(tagsNamed(kicker, 'a').map((a) => a.href), ['/tag/economy/']);
    assert.equal(textOf(one(html, 'standfirst')), 'Three reasons, and one that matters most.');
    const byline = one(html, 'byline');
    assert.equal(textOf(byline), 'By Amira Haddad and Tomás Ruiz');
    assert.deepEqual(tagsNamed(byline, 'a').map((a) => a.href), ['/author/amira-haddad/', '/author/tomas-ruiz/']);
    const published = tagsNamed(html, 'time').find((a) => a.class === 'published');
    assert.equal(published?.datetime, '2025-05-14T08:00:00.000Z');
  });

  test('the body holds the subheads', () => {
    const body = one(html, 'article-body');
    assert.deepEqual([...body.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]), ['The first reason', 'The second reason']);
    assert.match(body, /<p>Intro paragraph\.<\/p>/);
  });

  test('lists its tags, primary first', () => {
    const list = one(html, 'tag-list');
    assert.deepEqual(
      tagsNamed(list, 'a').map((a) => [a.href, a.rel]),
      [
        ['/tag/economy/', 'tag'],
        ['/tag/syria/', 'tag'],
      ],
    );
    assert.deepEqual(byClass(list, 'tag').map(textOf), ['Economy', 'Syria']);
  });

  test('has the appeal and comments slots after the article', () => {
    const appeal = one(html, 'appeal');
    const comments = one(html, 'comments');
    assert.match(appeal, /data-slot="appeal"/);
    assert.match(comments, /id="comments"/);
    assert.ok(html.indexOf('</article>') < html.indexOf(appeal), 'appeal comes after the article');
    assert.ok(html.indexOf(appeal) < html.indexOf(comments), 'comments come after the appeal');
  });

  test('head: canonical, Open Graph, Twitter card', () => {
    assert.deepEqual(linkRel(html, 'canonical'), [BASE + path]);
    assert.equal(meta(html, 'og:type'), 'article');
    assert.equal(meta(html, 'og:title'), 'Turkey: Why the lira keeps falling');
    assert.equal(meta(html, 'og:url'), BASE + path);
    assert.equal(meta(html, 'og:description'), 'Three reasons, and one that matters most.');
    assert.equal(meta(html, 'twitter:card'), 'summary');
    assert.equal(meta(html, 'article:published_time'), '2025-05-14T08:00:00.000Z');
    assert.match(html, /<title>Turkey: Why the lira keeps falling – Test Outlet<\/title>/);
  });

  test('carries NewsArticle JSON-LD that parses', () => {
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    const ld = JSON.parse(scripts[0]![1]!);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, 'Why the lira keeps falling');
    assert.equal(ld.url, BASE + path);
    assert.equal(ld.datePublished, '2025-05-14T08:00:00.000Z');
    assert.deepEqual(
      ld.author.map((a: { name: string }) => a.name),
      ['Amira Haddad', 'Tomás Ruiz'],
    );
    assert.equal(ld.articleSection, 'Economy');
    assert.equal(ld.publisher.name, 'Test Outlet');
  });

  test('the archive list shows months with counts, newest first', () => {
    assert.deepEqual(archive(html), [
      ['May 2025', 2],
      ['April 2025', 1],
      ['January 2024', 1],
    ]);
    const hrefs = tagsNamed(one(html, 'archive-list'), 'a').map((a) => a.href);
    assert.deepEqual(hrefs, ['/2025/05/', '/2025/04/', '/2024/01/']);
  });

  test('the region tag is in the sidebar', () => {
    assert.deepEqual(tagsNamed(one(html, 'region-list'), 'a').map((a) => a.href), ['/tag/syria/']);
  });

  test('the same slug under a wrong month or year is 404', async () => {
    assertHtml(await get(t, '/2025/04/why-the-lira-keeps-falling/'), 404);
    assertHtml(await get(t, '/2024/05/why-the-lira-keeps-falling/'), 404);
  });
});

describe('archives, tags, authors and pages', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp({ pageSize: 2 });
    const alice = await createAuthor(t.ctx, { name: 'Alice Kern', bio: 'Alice reports on energy.' });
    const bob = await createAuthor(t.ctx, { name: 'Bob Lang', bio: 'Bob covers courts.' });
    const energy = await createTag(t.ctx, { name: 'Energy', description: 'Oil, gas and power.' });
    const sahel = await createTag(t.ctx, { name: 'Sahel', isRegion: true, description: 'The Sahel region.' });
    const make = (headline: string, publishedAt: string, authorIds: number[], tagIds: number[] = []) =>
      createArticle(t.ctx, input(authorIds, { headline, publishedAt, tagIds }));
    await make('Year end roundup', '2024-12-31T23:30:00Z', [alice], [energy]);
    await make('New year opener', '2025-01-01T00:00:00Z', [bob], [sahel]);
    await make('Pipeline deal signed', '2025-05-03T08:00:00Z', [alice], [energy, sahel]);
    await make('Court ruling due', '2025-05-20T08:00:00Z', [bob]);
    await make('Gas prices climb', '2025-05-28T08:00:00Z', [alice, bob], [energy]);
    await savePage(t.ctx, { title: 'About us', bodyHtml: '<p>We are a small newsroom.</p><script>x()</script>', position: 1 });
    await savePage(t.ctx, { title: 'Hidden page', bodyHtml: '<p>Not yet.</p>', status: 'draft' });
  });
  after(() => t.close());

  test('month archive lists only that month, newest first, paginated', async () => {
    const res = await get(t, '/2025/05/');
    assertHtml(res, 200);
    assert.match(res.body, /<h1 class="page-title">May 2025<\/h1>/);
    assert.deepEqual(cardHeadlines(res.body), ['Gas prices climb', 'Court ruling due']);
    assert.deepEqual(linkRel(res.body, 'next'), [`${BASE}/2025/05/page/2/`]);
    const p2 = await get(t, '/2025/05/page/2/');
    assertHtml(p2, 200);
    assert.deepEqual(cardHeadlines(p2.body), ['Pipeline deal signed']);
    assert.deepEqual(linkRel(p2.body, 'prev'), [`${BASE}/2025/05/`]);
    const p1 = await get(t, '/2025/05/page/1/');
    assert.equal(p1.statusCode, 301);
    assert.equal(p1.headers.location, '/2025/05/');
    assertHtml(await get(t, '/2025/05/page/3/'), 404);
  });

  test('month boundaries are UTC and exact', async () => {
    assert.deepEqual(cardHeadlines((await get(t, '/2024/12/')).body), ['Year end roundup']);
    assert.deepEqual(cardHeadlines((await get(t, '/2025/01/')).body), ['New year opener']);
    const empty = await get(t, '/2025/02/');
    assertHtml(empty, 200);
    assert.deepEqual(cardHeadlines(empty.body), []);
  });

  test('year archive lists only that year', async () => {
    const y2025 = await get(t, '/2025/');
    assertHtml(y2025, 200);
    assert.match(y2025.body, /<h1 class="page-title">2025<\/h1>/);
    assert.deepEqual(cardHeadlines(y2025.body), ['Gas prices climb', 'Court ruling due']);
    const p2 = await get(t, '/2025/page/2/');
    assert.deepEqual(cardHeadlines(p2.body), ['Pipeline deal signed', 'New year opener']);
    assertHtml(await get(t, '/2025/page/3/'), 404);
    const y2024 = await get(t, '/2024/');
    assertHtml(y2024, 200);
    assert.deepEqual(cardHeadlines(y2024.body), ['Year end roundup']);
    const r = await get(t, '/2025/page/1/');
    assert.equal(r.statusCode, 301);
    assert.equal(r.headers.location, '/2025/');
  });

  test('tag page lists the tagged articles, with the tag description and tag feeds in the head', async () => {
    const res = await get(t, '/tag/energy/');
    assertHtml(res, 200);
    assert.match(res.body, /<h1 class="page-title">Energy<\/h1>/);
    assert.equal(textOf(one(res.body, 'page-description')), 'Oil, gas and power.');
    assert.deepEqual(cardHeadlines(res.body), ['Gas prices climb', 'Pipeline deal signed']);
    const p2 = await get(t, '/tag/energy/page/2/');
    assertHtml(p2, 200);
    assert.deepEqual(cardHeadlines(p2.body), ['Year end roundup']);
    const alternates = tagsNamed(res.body.slice(0, res.body.indexOf('</head>')), 'link')
      .filter((a) => a.rel === 'alternate')
      .map((a) => a.href);
    assert.ok(alternates.includes(`${BASE}/tag/energy/feed/`));
    assert.ok(alternates.includes(`${BASE}/tag/energy/feed/atom/`));
  });

  test('region tags have a page and sit in the sidebar', async () => {
    const res = await get(t, '/tag/sahel/');
    assertHtml(res, 200);
    assert.deepEqual(cardHeadlines(res.body), ['Pipeline deal signed', 'New year opener']);
    const home = await get(t, '/');
    assert.deepEqual(tagsNamed(one(home.body, 'region-list'), 'a').map((a) => a.href), ['/tag/sahel/']);
  });

  test('unknown tags and authors are 404', async () => {
    assertHtml(await get(t, '/tag/nope/'), 404);
    assertHtml(await get(t, '/author/nobody/'), 404);
  });

  test('author page lists that author’s articles with the bio', async () => {
    const res = await get(t, '/author/alice-kern/');
    assertHtml(res, 200);
    assert.match(res.body, /<h1 class="page-title">Alice Kern<\/h1>/);
    assert.equal(textOf(one(res.body, 'page-description')), 'Alice reports on energy.');
    assert.equal(meta(res.body, 'og:type'), 'profile');
    assert.deepEqual(cardHeadlines(res.body), ['Gas prices climb', 'Pipeline deal signed']);
    assert.deepEqual(cardHeadlines((await get(t, '/author/alice-kern/page/2/')).body), ['Year end roundup']);
    const bobRes = await get(t, '/author/bob-lang/');
    assert.deepEqual(cardHeadlines(bobRes.body), ['Gas prices climb', 'Court ruling due']);
  });

  test('a published page lives at /slug/, sanitised, and is in the site nav', async () => {
    const res = await get(t, '/about-us/');
    assertHtml(res, 200);
    const h1s = [...res.body.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)];
    assert.deepEqual(h1s.map((m) => textOf(m[1]!)), ['About us']);
    assert.match(one(res.body, 'article-body'), /<p>We are a small newsroom\.<\/p>/);
    assert.doesNotMatch(res.body, /x\(\)/);
    assert.deepEqual(linkRel(res.body, 'canonical'), [`${BASE}/about-us/`]);
    const nav = one(res.body, 'site-nav');
    assert.deepEqual(tagsNamed(nav, 'a').map((a) => a.href), ['/', '/about-us/']);
  });

  test('a draft page is 404 and not in the nav; a page has no /page/n/ form', async () => {
    assertHtml(await get(t, '/hidden-page/'), 404);
    assert.doesNotMatch((await get(t, '/')).body, /hidden-page/);
    assertHtml(await get(t, '/about-us/page/2/'), 404);
  });

  test('editing a page through the ctx shows at once', async () => {
    await get(t, '/about-us/');
    await savePage(t.ctx, { title: 'About us', bodyHtml: '<p>We are a bigger newsroom now.</p>', position: 1 });
    const res = await get(t, '/about-us/');
    assert.match(one(res.body, 'article-body'), /bigger newsroom/);
  });
});

describe('drafts and scheduled articles', () => {
  let t: TestApp;
  let author: number;
  const far = '2099-01-15T08:00:00.000Z';

  before(async () => {
    t = await createTestApp();
    author = await createAuthor(t.ctx, { name: 'Dana Poe' });
    const secret = await createTag(t.ctx, { name: 'Secret topic' });
    const shared = await createTag(t.ctx, { name: 'Shared topic' });
    const hidden = await createAuthor(t.ctx, { name: 'Hidden Writer' });
    await createArticle(t.ctx, input([author], { headline: 'Visible story', publishedAt: '2025-05-14T08:00:00Z', tagIds: [shared] }));
    await createArticle(t.ctx, input([author, hidden], { headline: 'Draft story', status: 'draft', publishedAt: '2025-05-10T08:00:00Z', tagIds: [secret, shared] }));
    await createArticle(t.ctx, input([author, hidden], { headline: 'Scheduled story', status: 'scheduled', publishedAt: far, tagIds: [secret, shared] }));
    // Marked published, but dated in the future: just as hidden until its time.
    await createArticle(t.ctx, input([author, hidden], { headline: 'Future published story', status: 'published', publishedAt: '2099-02-01T08:00:00Z', tagIds: [secret, shared] }));
  });
  after(() => t.close());

  const hiddenHeadlines = /Draft story|Scheduled story|Future published story/;
  const hiddenSlugs = /draft-story|scheduled-story|future-published-story/;

  test('their URLs are 404', async () => {
    for (const url of [
      '/2025/05/draft-story/',
      `/${new Date().toISOString().slice(0, 4)}/${new Date().toISOString().slice(5, 7)}/draft-story/`,
      '/2099/01/scheduled-story/',
      '/2099/02/future-published-story/',
    ]) {
      assertHtml(await get(t, url), 404, url);
    }
  });

  test('they are in no listing', async () => {
    for (const url of ['/', '/2025/', '/2025/05/', '/2099/', '/2099/01/', '/2099/02/', '/tag/shared-topic/', '/tag/secret-topic/', '/author/dana-poe/', '/author/hidden-writer/']) {
      const res = await get(t, url);
      assertHtml(res, 200, url);
      assert.doesNotMatch(res.body, hiddenHeadlines, url);
      assert.doesNotMatch(res.body, hiddenSlugs, url);
    }
    assert.deepEqual(cardHeadlines((await get(t, '/')).body), ['Visible story']);
    assert.deepEqual(cardHeadlines((await get(t, '/tag/shared-topic/')).body), ['Visible story']);
  });

  test('they are in no archive count', async () => {
    const res = await get(t, '/2025/05/visible-story/');
    assertHtml(res, 200);
    assert.deepEqual(archive(res.body), [['May 2025', 1]]);
  });

  test('they are in no feed', async () => {
    for (const url of ['/feed/', '/tag/shared-topic/feed/']) {
      const items = rssItems(await get(t, url));
      assert.deepEqual(items.map((i) => i.title), ['Analysis: Visible story'], url);
    }
    for (const url of ['/feed/atom/', '/tag/shared-topic/feed/atom/']) {
      const entries = atomEntries(await get(t, url));
      assert.deepEqual(entries.map((e) => e.href), [`${BASE}/2025/05/visible-story/`], url);
    }
    assert.deepEqual(rssItems(await get(t, '/tag/secret-topic/feed/')), []);
  });

  test('they are not in the sitemap, nor are tags and authors only they use', async () => {
    const res = await get(t, '/sitemap.xml');
    const locs: string[] = parseXml(res).urlset.url.map((u: { loc: string }) => u.loc);
    assert.ok(locs.includes(`${BASE}/2025/05/visible-story/`));
    assert.ok(locs.includes(`${BASE}/tag/shared-topic/`));
    assert.ok(locs.includes(`${BASE}/author/dana-poe/`));
    assert.ok(!locs.some((l) => hiddenSlugs.test(l)), locs.join('\n'));
    assert.ok(!locs.includes(`${BASE}/tag/secret-topic/`));
    assert.ok(!locs.includes(`${BASE}/author/hidden-writer/`));
  });

  for (const status of ['scheduled', 'published'] as const) {
    test(`an article with status ${status} dated a moment ahead appears when its time comes, without a restart or a write`, async () => {
      const tt = await createTestApp();
      try {
        const au = await createAuthor(tt.ctx, { name: 'Time Keeper' });
        const tag = await createTag(tt.ctx, { name: 'Timely' });
        await createArticle(tt.ctx, input([au], { headline: 'Old story', publishedAt: '2025-05-14T08:00:00Z', tagIds: [tag] }));
        const when = Date.now() + 2000;
        const at = new Date(when).toISOString();
        const monthLabel = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(when));
        const r = await createArticle(tt.ctx, input([au], { headline: 'Timed story', status, publishedAt: at, tagIds: [tag] }));
        const path = r.path!;
        assert.equal(path, `/${at.slice(0, 4)}/${at.slice(5, 7)}/timed-story/`);

        // Before: absent everywhere, and the pages holding that are in the cache.
        const h1 = await get(tt, '/');
        const h2 = await get(tt, '/');
        assert.equal(h2.headers.etag, h1.headers.etag, 'second home request served from the cache');
        assert.ok(tt.cache.get('/'), 'home is cached');
        assert.deepEqual(cardHeadlines(h2.body), ['Old story']);
        await get(tt, '/2025/05/old-story/');
        const oldPage = await get(tt, '/2025/05/old-story/');
        assert.deepEqual(archive(oldPage.body), [['May 2025', 1]]);
        assert.deepEqual(rssItems(await get(tt, '/feed/')).map((i) => i.title), ['Analysis: Old story']);
        assert.deepEqual(rssItems(await get(tt, '/feed/')).map((i) => i.title), ['Analysis: Old story']);
        assert.deepEqual(rssItems(await get(tt, '/tag/timely/feed/')).map((i) => i.title), ['Analysis: Old story']);
        assert.doesNotMatch((await get(tt, '/sitemap.xml')).body, /timed-story/);
        assertHtml(await get(tt, path), 404);
        assert.ok(Date.now() < when, 'the checks before publication took too long to mean anything');

        await sleep(when - Date.now() + 50);

        // After: present on home, in feeds, sitemap, archive counts and at its URL.
        const home = await get(tt, '/');
        assertHtml(home, 200);
        assert.deepEqual(cardHeadlines(home.body), ['Timed story', 'Old story']);
        assert.deepEqual(rssItems(await get(tt, '/feed/')).map((i) => i.title), ['Analysis: Timed story', 'Analysis: Old story']);
        assert.deepEqual(atomEntries(await get(tt, '/feed/atom/')).map((e) => e.href), [BASE + path, `${BASE}/2025/05/old-story/`]);
        assert.deepEqual(rssItems(await get(tt, '/tag/timely/feed/')).map((i) => i.title), ['Analysis: Timed story', 'Analysis: Old story']);
        assert.match((await get(tt, '/sitemap.xml')).body, /timed-story/);
        const again = await get(tt, '/2025/05/old-story/');
        assert.deepEqual(archive(again.body), [
          [monthLabel, 1],
          ['May 2025', 1],
        ]);
        const page = await get(tt, path);
        assertHtml(page, 200);
        assert.match(page.body, /<h1 class="headline">Timed story<\/h1>/);
      } finally {
        await tt.close();
      }
    });
  }
});

describe('feeds, sitemap and robots.txt', () => {
  let t: TestApp;
  const paths: string[] = [];

  before(async () => {
    t = await createTestApp();
    const au = await createAuthor(t.ctx, { name: 'Feed Writer' });
    const economy = await createTag(t.ctx, { name: 'Economy' });
    const other = await createTag(t.ctx, { name: 'Other' });
    const make = async (headline: string, publishedAt: string, tagIds: number[], status: ArticleInput['status'] = 'published') => {
      const r = await createArticle(t.ctx, input([au], { headline, publishedAt, tagIds, primaryTagId: tagIds[0] ?? null, standfirst: `About ${headline}.` }));
      if (status === 'published') paths.push(r.path!);
      return r;
    };
    await make('Rates on hold', '2025-03-01T09:00:00Z', [economy]);
    await make('Budget day', '2025-04-01T09:00:00Z', [other]);
    await make('Inflation eases', '2025-05-01T09:00:00Z', [economy, other]);
    await createArticle(t.ctx, input([au], { headline: 'Unfinished economy draft', status: 'draft', tagIds: [economy] }));
    await savePage(t.ctx, { title: 'Contact', bodyHtml: '<p>Write to us.</p>' });
  });
  after(() => t.close());

  test('/feed/ is RSS 2.0 with every item’s title, link, guid and pubDate, newest first', async () => {
    const res = await get(t, '/feed/');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    const items = rssItems(res);
    assert.deepEqual(items.map((i) => i.title), ['Analysis: Inflation eases', 'Analysis: Budget day', 'Analysis: Rates on hold']);
    assert.deepEqual(items.map((i) => i.link), [`${BASE}/2025/05/inflation-eases/`, `${BASE}/2025/04/budget-day/`, `${BASE}/2025/03/rates-on-hold/`]);
    assert.deepEqual(items.map((i) => i.guid), items.map((i) => i.link));
    assert.deepEqual(items.map((i) => new Date(i.pubDate).toISOString()), ['2025-05-01T09:00:00.000Z', '2025-04-01T09:00:00.000Z', '2025-03-01T09:00:00.000Z']);
    assert.equal(items[0]!.description, 'About Inflation eases.');
    assert.doesNotMatch(res.body, /Unfinished economy draft/);
    const doc = parseXml(res);
    assert.equal(doc.rss.channel.title, 'Test Outlet');
  });

  test('/feed/atom/ is Atom with an entry per article', async () => {
    const res = await get(t, '/feed/atom/');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const entries = atomEntries(res);
    assert.deepEqual(entries.map((e) => e.href), [`${BASE}/2025/05/inflation-eases/`, `${BASE}/2025/04/budget-day/`, `${BASE}/2025/03/rates-on-hold/`]);
    assert.deepEqual(entries.map((e) => e.id), entries.map((e) => e.href));
    assert.equal(entries[0]!.published, '2025-05-01T09:00:00.000Z');
    assert.equal(entries[0]!.title, 'Analysis: Inflation eases');
  });

  test('tag feeds hold only that tag’s articles', async () => {
    const rss = await get(t, '/tag/economy/feed/');
    assert.equal(rss.statusCode, 200);
    assert.equal(rss.headers['content-type'], 'application/rss+xml; charset=utf-8');
    assert.deepEqual(rssItems(rss).map((i) => i.link), [`${BASE}/2025/05/inflation-eases/`, `${BASE}/2025/03/rates-on-hold/`]);
    assert.equal(parseXml(rss).rss.channel.title, 'Test Outlet: Economy');
    const atom = await get(t, '/tag/economy/feed/atom/');
    assert.equal(atom.statusCode, 200);
    assert.equal(atom.headers['content-type'], 'application/atom+xml; charset=utf-8');
    assert.deepEqual(atomEntries(atom).map((e) => e.href), [`${BASE}/2025/05/inflation-eases/`, `${BASE}/2025/03/rates-on-hold/`]);
    const other = await get(t, '/tag/other/feed/atom/');
    assert.deepEqual(atomEntries(other).map((e) => e.href), [`${BASE}/2025/05/inflation-eases/`, `${BASE}/2025/04/budget-day/`]);
  });

  test('the feeds are cached and served again identically', async () => {
    const a = await get(t, '/feed/');
    const b = await get(t, '/feed/');
    assert.ok(a.headers.etag);
    assert.equal(b.headers.etag, a.headers.etag);
    assert.equal(b.headers['content-type'], 'application/rss+xml; charset=utf-8');
    assert.equal(b.body, a.body);
  });

  test('/sitemap.xml lists every published article, and every URL in it answers 200', async () => {
    const res = await get(t, '/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    const doc = parseXml(res);
    assert.equal(doc.urlset['@xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs: string[] = doc.urlset.url.map((u: { loc: string }) => u.loc);
    assert.equal(paths.length, 3);
    for (const p of paths) assert.ok(locs.includes(BASE + p), `sitemap lacks ${p}`);
    for (const p of ['/', '/contact/', '/tag/economy/', '/tag/other/', '/author/feed-writer/']) assert.ok(locs.includes(BASE + p), `sitemap lacks ${p}`);
    assert.doesNotMatch(res.body, /unfinished-economy-draft/);
    assert.equal(new Set(locs).size, locs.length, 'no duplicates');
    for (const loc of locs) {
      assert.ok(loc.startsWith(BASE + '/'), loc);
      const r = await get(t, loc.slice(BASE.length));
      assert.equal(r.statusCode, 200, `${loc} answers ${r.statusCode}`);
    }
    for (const u of doc.urlset.url as { loc: string; lastmod?: string }[]) {
      if (u.lastmod !== undefined) assert.match(u.lastmod, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, u.loc);
    }
  });

  test('/robots.txt names the sitemap', async () => {
    const res = await get(t, '/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.match(res.body, /^Sitemap: http:\/\/news\.test\/sitemap\.xml$/m);
    assert.match(res.body, /^User-agent: \*$/m);
  });

  test('a feed for an unknown tag is 404 HTML', async () => {
    assertHtml(await get(t, '/tag/nope/feed/'), 404);
    assertHtml(await get(t, '/tag/nope/feed/atom/'), 404);
  });
});

describe('slug and date changes, deletion', () => {
  let t: TestApp;
  let author: number;

  before(async () => {
    t = await createTestApp();
    author = await createAuthor(t.ctx, { name: 'Slug Mover' });
  });
  after(() => t.close());

  test('a changed slug leaves a 301; a second change sends the first URL straight to the newest; delete leaves 410', async () => {
    const base = input([author], { headline: 'Moving target', slug: 'first-slug', publishedAt: '2025-05-14T08:00:00Z' });
    const { id, path: p1 } = await createArticle(t.ctx, base);
    assert.equal(p1, '/2025/05/first-slug/');
    // Cached before the move: the move must not leave the old page served from the cache.
    await get(t, p1!);
    assert.equal((await get(t, p1!)).statusCode, 200);

    const { path: p2 } = await updateArticle(t.ctx, id, { ...base, slug: 'second-slug' });
    assert.equal(p2, '/2025/05/second-slug/');
    const r1 = await get(t, p1!);
    assert.equal(r1.statusCode, 301);
    assert.equal(r1.headers.location, p2);
    assertHtml(await get(t, p2!), 200);
    await get(t, p2!);

    // Slug and date change together.
    const { path: p3 } = await updateArticle(t.ctx, id, { ...base, slug: 'third-slug', publishedAt: '2025-06-02T08:00:00Z' });
    assert.equal(p3, '/2025/06/third-slug/');
    for (const old of [p1!, p2!]) {
      const r = await get(t, old);
      assert.equal(r.statusCode, 301, old);
      assert.equal(r.headers.location, p3, `${old} redirects straight to the newest URL`);
    }
    const landed = await get(t, p3!);
    assertHtml(landed, 200);
    assert.match(landed.body, /<h1 class="headline">Moving target<\/h1>/);
    // Without the trailing slash the old URL still finds its redirect.
    const noSlash = await get(t, '/2025/05/first-slug');
    assert.equal(noSlash.statusCode, 301);
    assert.equal(noSlash.headers.location, p3);
    // The sitemap only knows the newest URL.
    const sm = (await get(t, '/sitemap.xml')).body;
    assert.match(sm, /third-slug/);
    assert.doesNotMatch(sm, /first-slug|second-slug/);

    await deleteArticle(t.ctx, id);
    for (const url of [p3!, p1!, p2!]) {
      const gone = await get(t, url);
      assertHtml(gone, 410, url);
      assert.match(gone.body, /This page has been removed/);
      assert.equal(meta(gone.body, 'robots'), 'noindex');
    }
    assert.doesNotMatch((await get(t, '/')).body, /Moving target/);
    assert.doesNotMatch((await get(t, '/sitemap.xml')).body, /third-slug/);
  });

  test('a new article at a URL that was gone takes it back', async () => {
    const { id } = await createArticle(t.ctx, input([author], { headline: 'Short lived', publishedAt: '2025-07-01T08:00:00Z' }));
    await deleteArticle(t.ctx, id);
    assertHtml(await get(t, '/2025/07/short-lived/'), 410);
    await createArticle(t.ctx, input([author], { headline: 'Short lived', publishedAt: '2025-07-03T08:00:00Z' }));
    const res = await get(t, '/2025/07/short-lived/');
    assertHtml(res, 200);
  });

  test('an unpublished edit (back to draft) makes the URL 404, not a redirect', async () => {
    const base = input([author], { headline: 'Pulled back', publishedAt: '2025-08-01T08:00:00Z' });
    const { id, path } = await createArticle(t.ctx, base);
    assertHtml(await get(t, path!), 200);
    await updateArticle(t.ctx, id, { ...base, status: 'draft' });
    assertHtml(await get(t, path!), 404);
    assert.doesNotMatch((await get(t, '/')).body, /Pulled back/);
  });
});

describe('bad URLs never answer 500', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
    const au = await anAuthor(t.ctx);
    await anArticle(t.ctx, { authorIds: [au], headline: 'Something real', publishedAt: '2015-05-01T08:00:00Z' });
  });
  after(() => t.close());

  const urls = [
    '/no-such-page/',
    '/2015/05/no-such-slug/',
    '/2015/13/x/',
    '/2015/00/',
    '/2015/13/',
    '/0000/01/x/',
    '/0000/',
    '/page/0/',
    '/page/-1/',
    '/page/99999999999/',
    '/page/abc/',
    '/page/1.5/',
    '/2015/page/0/',
    '/2015/05/page/abc/',
    '/tag/nope/',
    '/tag/nope/feed/',
    '/tag/nope/feed/atom/',
    '/tag/Bad%20Slug/',
    '/author/nope/page/2/',
    '/..%2F..%2Fetc%2Fpasswd/',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fpackage.json',
    '/assets/site.css',
    '/' + 'a'.repeat(5000),
    '/' + 'a'.repeat(5000) + '/',
    '/2015/05/' + 'a'.repeat(5000) + '/',
    '/tag/' + 'b'.repeat(5000) + '/',
    '/%E0%A4%A/',
    '/2015/05/%E0%A4%A/',
    '/%00/',
    '/2015/05/%00/',
    '/tag/%00/',
    '/tag/%00/feed/',
    '/author/%00/',
    '/2015/05/caf%C3%A9/',
    '/%F0%9F%98%80/',
    '/a/b/c/d/e/f/',
  ];

  for (const url of urls) {
    test(`${url.length > 60 ? url.slice(0, 40) + `… (${url.length} chars)` : url} → 404 or 400 with an HTML page`, async () => {
      const res = await get(t, url);
      assert.ok([400, 404].includes(res.statusCode), `${url.slice(0, 80)} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      assertHtml(res, res.statusCode, url.slice(0, 80));
      assert.match(res.body, /class="error-page"/);
      assert.doesNotMatch(res.body, /root:|"name": "broadside"/);
    });
  }

  test('a real asset is served, and a HEAD to a missing page is 404 too', async () => {
    const home = await get(t, '/');
    const css = tagsNamed(home.body, 'link').find((a) => a.rel === 'stylesheet' && !a.media)!.href!;
    assert.match(css, /^\/assets\/site\.[0-9a-f]{10}\.css$/);
    const res = await get(t, css);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/css/);
    const head = await t.app.inject({ method: 'HEAD', url: '/no-such-page/' });
    assert.equal(head.statusCode, 404);
  });
});

describe('page cache', () => {
  let t: TestApp;
  let author: number;
  let xId: number;
  let xPath: string;
  let yPath: string;
  let xInput: ArticleInput;

  before(async () => {
    t = await createTestApp();
    author = await createAuthor(t.ctx, { name: 'Cache Writer' });
    xInput = input([author], { headline: 'Original headline', slug: 'story-x', publishedAt: '2025-05-10T08:00:00Z' });
    const x = await createArticle(t.ctx, xInput);
    xId = x.id;
    xPath = x.path!;
    yPath = (await createArticle(t.ctx, input([author], { headline: 'Unrelated story', slug: 'story-y', publishedAt: '2025-05-11T08:00:00Z' }))).path!;
  });
  after(() => t.close());

  test('a second request is served from the cache with the same ETag; If-None-Match gives 304', async () => {
    const first = await get(t, xPath);
    assertHtml(first, 200);
    const etag = first.headers.etag as string;
    assert.match(etag, /^"[A-Za-z0-9_-]{22}"$/);
    assert.ok(t.cache.get(xPath), 'page is in the cache after the first request');
    const second = await get(t, xPath);
    assert.equal(second.statusCode, 200);
    assert.equal(second.headers.etag, etag);
    assert.equal(second.body, first.body);
    assert.equal(second.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(second.headers['cache-control'], 'public, max-age=0, must-revalidate');
    const cond = await get(t, xPath, { 'if-none-match': etag });
    assert.equal(cond.statusCode, 304);
    assert.equal(cond.body, '');
    assert.equal(cond.headers.etag, etag);
    const weak = await get(t, xPath, { 'if-none-match': `"nope", W/${etag}` });
    assert.equal(weak.statusCode, 304);
    const stale = await get(t, xPath, { 'if-none-match': '"something-else"' });
    assert.equal(stale.statusCode, 200);
    assert.equal(stale.body, first.body);
  });

  test('a logged-in reader (session cookie) is never served from the cache', async () => {
    await get(t, xPath);
    const res = await get(t, xPath, { cookie: 'broadside_session=abc' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.etag, undefined, 'not stored, not served from the cache');
  });

  test('after updateArticle the next request shows the new headline; an unrelated article stays cached', async () => {
    const y1 = await get(t, yPath);
    assertHtml(y1, 200);
    const yEtag = y1.headers.etag;
    assert.ok(t.cache.get(yPath), 'unrelated page cached');
    await get(t, xPath);
    assert.ok(t.cache.get(xPath));
    await get(t, '/');
    assert.match((await get(t, '/')).body, /Original headline/);

    xInput = { ...xInput, headline: 'Corrected headline' };
    await updateArticle(t.ctx, xId, xInput);

    assert.equal(t.cache.get(xPath), undefined, 'the edited article left the cache');
    const x = await get(t, xPath);
    assertHtml(x, 200);
    assert.match(x.body, /<h1 class="headline">Corrected headline<\/h1>/);
    assert.doesNotMatch(x.body, /Original headline/);
    const home = await get(t, '/');
    assert.match(home.body, /Corrected headline/);
    assert.doesNotMatch(home.body, /Original headline/);

    assert.ok(t.cache.get(yPath), 'an edit to one article does not drop an unrelated article page from the cache');
    const y2 = await get(t, yPath);
    assert.equal(y2.headers.etag, yEtag);
  });

  test('an edit that changes what the sidebar shows does refresh other pages', async () => {
    await get(t, yPath);
    assert.deepEqual(archive((await get(t, yPath)).body), [['May 2025', 2]]);
    xInput = { ...xInput, publishedAt: '2025-04-10T08:00:00Z' };
    await updateArticle(t.ctx, xId, xInput);
    const y = await get(t, yPath);
    assert.deepEqual(archive(y.body), [
      ['May 2025', 1],
      ['April 2025', 1],
    ]);
    xPath = '/2025/04/story-x/';
    assertHtml(await get(t, xPath), 200);
  });

  test('with Accept-Encoding: br the cached page is sent brotli-compressed once compression finishes', async () => {
    const plain = await get(t, xPath);
    assert.equal(plain.statusCode, 200);
    let res: Res | null = null;
    for (let i = 0; i < 100; i++) {
      res = await get(t, xPath, { 'accept-encoding': 'br' });
      if (res.headers['content-encoding'] === 'br') break;
      await sleep(20);
    }
    assert.equal(res!.headers['content-encoding'], 'br', 'brotli within 2 s');
    assert.equal(res!.headers.vary, 'Accept-Encoding');
    assert.equal(brotliDecompressSync(res!.rawPayload).toString('utf8'), plain.body);
    assert.ok(res!.rawPayload.length < Buffer.byteLength(plain.body));
    const gz = await get(t, xPath, { 'accept-encoding': 'gzip, deflate' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body);
    const refused = await get(t, xPath, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(refused.body, plain.body);
  });

  test('error pages are not cached', async () => {
    await get(t, '/2025/05/not-here/');
    assert.equal(t.cache.get('/2025/05/not-here/'), undefined);
    await createArticle(t.ctx, input([author], { headline: 'Not here', publishedAt: '2025-05-20T08:00:00Z' }));
    assertHtml(await get(t, '/2025/05/not-here/'), 200);
  });
});

describe('output escaping', () => {
  let t: TestApp;
  let path: string;

  before(async () => {
    t = await createTestApp();
    const au = await createAuthor(t.ctx, { name: '<b>Eve</b> "Quotes"' });
    const tag = await createTag(t.ctx, { name: '<i>Tag</i>', slug: 'evil-tag', isRegion: true });
    const r = await createArticle(t.ctx, {
      headline: '<script>alert(1)</script>',
      kicker: '"><svg onload=alert(4)>',
      standfirst: '</p><script>alert(5)</script>',
      bodyHtml: '<p>ok</p><script>alert(2)</script><img src=x onerror=alert(3)><a href="javascript:alert(6)">link</a><iframe src="https://evil.example/"></iframe>',
      status: 'published',
      publishedAt: '2025-05-14T08:00:00Z',
      authorIds: [au],
      primaryTagId: tag,
    });
    path = r.path!;
  });
  after(() => t.close());

  test('the slug is made safe', () => {
    assert.equal(path, '/2025/05/script-alert-1-script/');
  });

  test('the article page carries no script or event handler from the content', async () => {
    const res = await get(t, path);
    assertHtml(res, 200);
    const html = res.body;
    assert.doesNotMatch(html, /<script>alert/i);
    assert.doesNotMatch(html, /onerror/i);
    assert.doesNotMatch(html, /<svg/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /evil\.example/);
    assert.doesNotMatch(html, /<b>Eve<\/b>|<i>Tag<\/i>/);
    // The only script elements are the JSON-LD data block and the comment form's own external script.
    const scripts = tagsNamed(html, 'script');
    assert.deepEqual(scripts.filter((a) => a.type === 'application/ld+json').length, 1);
    for (const s of scripts.filter((a) => a.type !== 'application/ld+json')) assert.match(s.src ?? '', /^\/assets\/comments\.[0-9a-f]+\.js$/);
    const h1 = /<h1 class="headline">([\s\S]*?)<\/h1>/.exec(html)!;
    assert.match(h1[1]!, /^&lt;script>alert\(1\)&lt;\/script>$/);
    assert.equal(textOf(h1[1]!), '<script>alert(1)</script>');
    assert.equal(textOf(one(html, 'kicker')), '"><svg onload=alert(4)>');
    assert.equal(textOf(one(html, 'standfirst')), '</p><script>alert(5)</script>');
    assert.match(one(html, 'article-body'), /<p>ok<\/p>/);
    assert.equal(meta(html, 'og:title'), '"><svg onload=alert(4)>: <script>alert(1)</script>');
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    assert.equal(ld.headline, '<script>alert(1)</script>');
    assert.equal(ld.author[0].name, '<b>Eve</b> "Quotes"');
  });

  test('listings escape too', async () => {
    for (const url of ['/', '/tag/evil-tag/', '/2025/05/']) {
      const res = await get(t, url);
      assertHtml(res, 200, url);
      assert.doesNotMatch(res.body, /<script>alert|<svg|<b>Eve|<i>Tag/i, url);
      assert.deepEqual(cardHeadlines(res.body), ['<script>alert(1)</script>'], url);
    }
  });

  test('feeds stay well-formed XML and carry the text, not live markup', async () => {
    for (const url of ['/feed/', '/tag/evil-tag/feed/']) {
      const res = await get(t, url);
      const items = rssItems(res);
      assert.equal(items.length, 1, url);
      // Feed readers take titles and summaries as HTML: the text must arrive escaped.
      assert.doesNotMatch(items[0]!.title, /<script|<svg/);
      assert.equal(decode(items[0]!.title), '"><svg onload=alert(4)>: <script>alert(1)</script>');
      assert.equal(decode(items[0]!.description!), '</p><script>alert(5)</script>');
      assert.doesNotMatch(res.body, /onerror|javascript:|evil\.example/);
    }
    const entries = atomEntries(await get(t, '/feed/atom/'));
    assert.equal(entries.length, 1);
    assert.doesNotMatch(entries[0]!.title, /<script|<svg/);
    assert.equal(decode(entries[0]!.title), '"><svg onload=alert(4)>: <script>alert(1)</script>');
    const sm = await get(t, '/sitemap.xml');
    parseXml(sm);
  });

  test('headlines with CDATA terminators do not break the feeds', async () => {
    const au = await createAuthor(t.ctx, { name: 'Cdata Writer' });
    await createArticle(t.ctx, input([au], { headline: 'One ]]> two ]]> three & <four>', kicker: 'K ]]> ]]>', standfirst: 'S ]]> ]]> <x>', bodyHtml: '<p>a ]]> b ]]> c</p><p title="]]>]]>">d</p>', publishedAt: '2025-05-20T08:00:00Z' }));
    const rss = await get(t, '/feed/');
    const items = rssItems(rss);
    assert.equal(items.length, 2);
    assert.equal(decode(items[0]!.title), 'K ]]> ]]>: One ]]> two ]]> three & <four>');
    const atom = atomEntries(await get(t, '/feed/atom/'));
    assert.equal(atom.length, 2);
    assert.equal(decode(atom[0]!.title), 'K ]]> ]]>: One ]]> two ]]> three & <four>');
  });
});

describe('health check', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('/healthz answers 200 {status: ok}, never cached', async () => {
    const res = await get(t, '/healthz');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(t.cache.get('/healthz'), undefined);
  });
});
