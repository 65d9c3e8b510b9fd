// Search through HTTP: the page (works without JavaScript: a form and links), the JSON API, OpenSearch and
// related articles on article pages. Real database (SQLite, or PostgreSQL when DATABASE_URL is set).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { engineName } from '../../../test/db.js';
import { createAuthor } from '../content/operations/createAuthor.js';
import { createTag } from '../content/operations/createTag.js';
import { createArticle } from '../content/operations/createArticle.js';
import { updateArticle } from '../content/operations/updateArticle.js';
import type { ArticleInput } from '../content/operations/articleInput.js';

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const BASE = 'http://news.test';

function get(t: TestApp, url: string, headers: Record<string, string> = {}): Promise<Res> {
  return t.app.inject({ method: 'GET', url, headers });
}

const ATTRS = '(?:[^>"]|"[^"]*")*';
function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&amp;/g, '&');
}
function attrsOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const inner = tag.replace(/^<[a-z0-9]+/i, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? '');
  return out;
}
function tagsNamed(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b${ATTRS}>`, 'gi'))].map((m) => attrsOf(m[0]));
}
/** Outer HTML of the elements with this class (no nesting of the same tag name inside them here). */
function byClass(html: string, cls: string, tag = '[a-z0-9]+'): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`<(${tag})\\b${ATTRS}>`, 'gi'))) {
    if (!(attrsOf(m[0]).class ?? '').split(/\s+/).includes(cls)) continue;
    const close = html.indexOf(`</${m[1]}>`, m.index!);
    out.push(html.slice(m.index!, close + m[1]!.length + 3));
  }
  return out;
}
function textOf(html: string): string {
  return decode(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}
function headLinks(html: string, rel: string): Record<string, string>[] {
  return tagsNamed(html.slice(0, html.indexOf('</head>')), 'link').filter((a) => a.rel === rel);
}
function assertPage(res: Res, status: number, what: string) {
  assert.equal(res.statusCode, status, `${what}: status ${res.statusCode}: ${res.body.slice(0, 200)}`);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/, what);
  assert.match(res.body, /^<!doctype html>\s*<html/i, what);
  assert.equal(byClass(res.body, 'search-page-form', 'form').length, 1, `${what}: the search form`);
}
/** Headlines of the results, in order. */
function results(html: string): string[] {
  return byClass(html, 'card-headline', 'h2').map(textOf);
}

describe(`search pages (${engineName})`, () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const inputs: Record<string, ArticleInput> = {};
  let paths: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ pageSize: 2 });
    const lina = await createAuthor(t.ctx, { name: 'Lina Haddad' });
    const omar = await createAuthor(t.ctx, { name: 'Omar Aziz' });
    const kurdistan = await createTag(t.ctx, { name: 'Kurdistan', isRegion: true });
    const energy = await createTag(t.ctx, { name: 'Energy' });
    const add = async (key: string, input: ArticleInput) => {
      const r = await createArticle(t.ctx, input);
      ids[key] = r.id;
      inputs[key] = input;
      paths = { ...paths, [key]: r.path! };
    };
    await add('deal', {
      headline: 'Pipeline deal signed in Erbil',
      kicker: 'Oil',
      standfirst: 'A long-awaited agreement on pipeline exports.',
      bodyHtml: '<p>Officials met on Monday.</p>',
      status: 'published',
      publishedAt: '2025-05-01T08:00:00Z',
      authorIds: [lina],
      primaryTagId: kurdistan,
      tagIds: [energy],
    });
    await add('talks', {
      headline: 'Budget talks stall',
      bodyHtml: '<p>The pipeline was mentioned, then the pipeline again.</p>',
      status: 'published',
      publishedAt: '2025-05-02T08:00:00Z',
      authorIds: [omar],
      tagIds: [energy],
    });
    await add('hack', {
      headline: 'Ministry website defaced <b>again</b>',
      bodyHtml: '<p>Hackers left &lt;script&gt;alert(1)&lt;/script&gt; on the pipeline ministry’s page.</p>',
      status: 'published',
      publishedAt: '2024-04-01T08:00:00Z',
      authorIds: [omar],
      primaryTagId: kurdistan,
    });
    await add('gas', {
      headline: 'Gas prices in Kurdistan rise',
      bodyHtml: '<p>Energy costs, pipeline tariffs and gas.</p>',
      status: 'published',
      publishedAt: '2025-03-01T08:00:00Z',
      authorIds: [lina],
      primaryTagId: kurdistan,
      tagIds: [energy],
    });
  });
  after(() => t.close());

  test('every public page has the search form in its header and the OpenSearch link in its head', async () => {
    for (const url of ['/', paths.deal!, '/tag/energy/', '/author/lina-haddad/', '/no/such/page/', '/search/', '/search/?q=gas']) {
      const res = await get(t, url);
      const header = res.body.slice(res.body.indexOf('<header class="site-header">'), res.body.indexOf('</header>'));
      const form = tagsNamed(header, 'form');
      assert.deepEqual(form, [{ class: 'search-form', role: 'search', action: '/search/', method: 'get' }], url);
      const label = tagsNamed(header, 'label')[0]!;
      assert.equal(label.class, 'visually-hidden');
      const input = tagsNamed(header, 'input')[0]!;
      assert.equal(input.name, 'q');
      assert.equal(input.id, label.for);
      assert.equal(tagsNamed(header, 'button')[0]?.type, 'submit');
      assert.deepEqual(headLinks(res.body, 'search'), [{ rel: 'search', type: 'application/opensearchdescription+xml', title: 'Test Outlet', href: `${BASE}/opensearch.xml` }], url);
    }
  });

  test('results: ranked, counted, highlighted, with kicker, headline, byline and date; never cached, never indexed', async () => {
    const res = await get(t, '/search/?q=pipeline');
    assertPage(res, 200, 'search');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['surrogate-key'], undefined);
    assert.ok(tagsNamed(res.body, 'meta').some((m) => m.name === 'robots' && m.content === 'noindex'));
    assert.equal(textOf(byClass(res.body, 'search-count')[0]!), '4 results for “pipeline”');
    assert.deepEqual(results(res.body), ['Pipeline deal signed in Erbil', 'Budget talks stall']);
    const first = byClass(res.body, 'search-result', 'li')[0]!;
    assert.match(first, /<h2 class="card-headline"><a href="\/2025\/05\/pipeline-deal-signed-in-erbil\/"><mark>Pipeline<\/mark> deal signed in Erbil<\/a><\/h2>/);
    assert.equal(textOf(byClass(first, 'kicker')[0]!), 'Oil');
    assert.equal(textOf(byClass(first, 'byline')[0]!), 'By Lina Haddad');
    assert.deepEqual(tagsNamed(first, 'time').map((x) => x.datetime), ['2025-05-01T08:00:00.000Z']);
    assert.match(byClass(first, 'snippet')[0]!, /A long-awaited agreement on <mark>pipeline<\/mark> exports\./);
    assert.equal(tagsNamed(res.body, 'input').find((i) => i.id === 'search-q')?.value, 'pipeline');
    assert.equal(t.cache.get('/search/'), undefined);
  });

  test('pagination: rel next/prev in the head and in the page, keeping the query and filters', async () => {
    const p1 = await get(t, '/search/?q=pipeline&tag=energy');
    assert.deepEqual(results(p1.body).length, 2);
    assert.deepEqual(headLinks(p1.body, 'next').map((l) => l.href), [`${BASE}/search/?q=pipeline&tag=energy&page=2`]);
    assert.deepEqual(headLinks(p1.body, 'prev'), []);
    const p2 = await get(t, '/search/?q=pipeline&tag=energy&page=2');
    assertPage(p2, 200, 'page 2');
    assert.equal(results(p2.body).length, 1);
    assert.deepEqual(headLinks(p2.body, 'prev').map((l) => l.href), [`${BASE}/search/?q=pipeline&tag=energy`]);
    assert.deepEqual(tagsNamed(byClass(p2.body, 'pagination', 'nav')[0]!, 'a').map((a) => [a.rel, a.href]), [['prev', '/search/?q=pipeline&tag=energy']]);
    assert.ok(textOf(p2.body).includes('Page 2 of 2'));
    const far = await get(t, '/search/?q=pipeline&page=50');
    assertPage(far, 200, 'past the end');
    assert.ok(textOf(far.body).includes('There are no results on page 50'));
  });

  test('filters show as chips, each a link that drops that filter; a filter alone lists newest first', async () => {
    const res = await get(t, '/search/?q=pipeline&tag=kurdistan&author=lina-haddad&from=2025-01&to=2025');
    assertPage(res, 200, 'filtered');
    const chips = byClass(res.body, 'chip', 'a').map((c) => [textOf(c), attrsOf(c.slice(0, c.indexOf('>') + 1)).href]);
    assert.deepEqual(chips, [
      ['Region: Kurdistan ×', '/search/?q=pipeline&author=lina-haddad&from=2025-01&to=2025'],
      ['Author: Lina Haddad ×', '/search/?q=pipeline&tag=kurdistan&from=2025-01&to=2025'],
      ['From: January 2025 ×', '/search/?q=pipeline&tag=kurdistan&author=lina-haddad&to=2025'],
      ['To: 2025 ×', '/search/?q=pipeline&tag=kurdistan&author=lina-haddad&from=2025-01'],
    ]);
    assert.deepEqual(results(res.body), ['Pipeline deal signed in Erbil', 'Gas prices in Kurdistan rise']);
    const alone = await get(t, '/search/?tag=kurdistan');
    assert.equal(textOf(byClass(alone.body, 'search-count')[0]!), '3 articles match these filters');
    assert.deepEqual(results(alone.body), ['Pipeline deal signed in Erbil', 'Gas prices in Kurdistan rise']);
    const year = await get(t, '/search/?year=2024');
    assert.deepEqual(results(year.body), ['Ministry website defaced <b>again</b>']);
    const unknown = await get(t, '/search/?q=pipeline&tag=atlantis');
    assertPage(unknown, 200, 'unknown tag');
    assert.ok(textOf(unknown.body).includes('There is no region or tag called “atlantis”.'));
  });

  test('stored text and the query are escaped; only <mark> is markup', async () => {
    const res = await get(t, '/search/?q=hackers');
    const card = byClass(res.body, 'search-result', 'li')[0]!;
    // preact escapes "<" and "&" in text, which is what keeps text from becoming markup.
    assert.ok(card.includes('&lt;script>alert(1)&lt;/script>'));
    assert.ok(card.includes('Ministry website defaced &lt;b>again&lt;/b>'));
    assert.ok(textOf(card).includes('Hackers left <script>alert(1)</script> on the pipeline ministry’s page.'));
    assert.ok(!/<script>alert|<b>again/.test(res.body));
    const q = await get(t, `/search/?q=${encodeURIComponent('"><script>alert(2)</script>')}`);
    assertPage(q, 200, 'markup in the query');
    assert.ok(!q.body.includes('<script>alert(2)'));
    assert.ok(textOf(q.body).includes('“"><script>alert(2)</script>”'), 'shown back as text');
    assert.equal(tagsNamed(q.body, 'input').find((i) => i.id === 'search-q')?.value, '"><script>alert(2)</script>');
  });

  test('an unpublished article leaves the results at once (the page is not cached)', async () => {
    assert.ok(results((await get(t, '/search/?q=budget')).body).includes('Budget talks stall'));
    await updateArticle(t.ctx, ids.talks!, { ...inputs.talks!, status: 'draft', publishedAt: null });
    assert.deepEqual(results((await get(t, '/search/?q=budget')).body), []);
    assert.ok(textOf((await get(t, '/search/?q=budget')).body).includes('0 results for “budget”'));
    await updateArticle(t.ctx, ids.talks!, inputs.talks!);
    assert.deepEqual(results((await get(t, '/search/?q=budget')).body), ['Budget talks stall']);
  });

  test('hostile input: always a page, 200 or 400, never a 500', async () => {
    const cases: [string, number][] = [
      ['/search/', 200],
      ['/search/?q=', 200],
      ['/search/?q=%20%20', 200],
      [`/search/?q=${'x'.repeat(10_000)}`, 400],
      [`/search/?q=${encodeURIComponent('"pipeline')}`, 200],
      [`/search/?q=${encodeURIComponent('NEAR(pipeline erbil')}`, 200],
      ['/search/?q=*', 200],
      ['/search/?q=:', 200],
      ['/search/?q=%5E', 200],
      ['/search/?q=%22', 200],
      ['/search/?q=AND', 200],
      ['/search/?q=NOT%20pipeline', 200],
      ['/search/?q=(((', 200],
      [`/search/?q=${encodeURIComponent("'; drop table articles; --")}`, 200],
      ['/search/?q=pipe%00line', 200],
      ['/search/?q=%ED%A0%80', 200],
      ['/search/?q=%F0%9F', 200],
      ['/search/?q=%zz', 200],
      ['/search/?q=a&q=b', 200],
      ['/search/?q[x]=1', 200],
      ['/search/?q=gas&page=abc', 400],
      ['/search/?q=gas&page=0', 400],
      ['/search/?q=gas&page=99999999999999', 400],
      ['/search/?q=gas&from=yesterday', 400],
      ['/search/?q=gas&from=2025&to=2024', 400],
      ['/search/?q=gas&tag=%00', 400],
      ['/search/?q=gas&author=Robert%27);', 400],
      ['/search/?year=0000', 400],
    ];
    for (const [url, status] of cases) {
      const res = await get(t, url);
      assertPage(res, status, url);
      if (status === 400) assert.equal(byClass(res.body, 'search-error', 'p').length, 1, `${url}: says what is wrong`);
    }
    const long = await get(t, `/search/?q=${'x'.repeat(10_000)}`);
    assert.ok(textOf(long.body).includes('A search can be at most 500 characters long'));
    assert.equal((await get(t, '/search/?q=pipeline')).statusCode, 200, 'the articles table is still there');
  });

  test('related articles at the foot of an article, and the page depends on them by cache tag', async () => {
    // The first view queues the job that works the list out; once it has run, the cached page is dropped.
    const first = await get(t, paths.deal!);
    assert.equal(byClass(first.body, 'related', 'aside').length, 0);
    assert.ok((await t.jobs.runDueJobs(t.ctx, 50)) >= 1);
    const res = await get(t, paths.deal!);
    assert.equal(res.statusCode, 200);
    const aside = byClass(res.body, 'related', 'aside')[0]!;
    assert.ok(aside, 'has a related list');
    const links = tagsNamed(aside, 'a').map((a) => a.href);
    assert.ok(links.length >= 2 && links.length <= 4, links.join());
    assert.ok(!links.includes(paths.deal!), 'not itself');
    assert.equal(links[0], paths.gas, 'same region, same topic, same words first');
    const keys = String(res.headers['surrogate-key']).split(' ');
    assert.ok(keys.includes(`article:${ids.gas}`), keys.join(' '));
    // The related article is unpublished: the cached article page is dropped and the list no longer has it.
    await updateArticle(t.ctx, ids.gas!, { ...inputs.gas!, status: 'draft', publishedAt: null });
    const again = await get(t, paths.deal!);
    assert.ok(!tagsNamed(byClass(again.body, 'related', 'aside')[0] ?? '', 'a').some((a) => a.href === paths.gas));
    await updateArticle(t.ctx, ids.gas!, inputs.gas!);
  });

  test('OpenSearch description', async () => {
    const res = await get(t, '/opensearch.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/opensearchdescription+xml; charset=utf-8');
    assert.equal(XMLValidator.validate(res.body), true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(res.body).OpenSearchDescription;
    assert.equal(doc['@xmlns'], 'http://a9.com/-/spec/opensearch/1.1/');
    assert.equal(doc.ShortName, 'Test Outlet');
    const urls = (doc.Url as Record<string, string>[]).map((u) => [u['@type'], u['@template']]);
    assert.deepEqual(urls[0], ['text/html', `${BASE}/search/?q={searchTerms}`]);
    assert.deepEqual(urls[1], ['application/json', `${BASE}/api/search?q={searchTerms}&page={startPage?}`]);
  });
});

describe(`search API (${engineName})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    const a = await createAuthor(t.ctx, { name: 'Lina Haddad' });
    await createArticle(t.ctx, {
      headline: 'Pipeline deal signed',
      kicker: 'Oil',
      standfirst: 'Exports resume.',
      bodyHtml: '<p>The &lt;pipeline&gt; &amp; the port.</p>',
      status: 'published',
      publishedAt: '2025-05-01T08:00:00Z',
      authorIds: [a],
    });
  });
  after(() => t.close());

  test('GET /api/search answers JSON: total, page, pages, items with an escaped, marked snippet', async () => {
    const res = await get(t, '/api/search?q=pipeline');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['x-ratelimit-limit'], '60');
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['total', 'totalExact', 'page', 'pages', 'items']);
    assert.equal(body.total, 1);
    assert.equal(body.totalExact, true);
    assert.equal(body.page, 1);
    assert.equal(body.pages, 1);
    assert.deepEqual(body.items[0], {
      id: body.items[0].id,
      url: `${BASE}/2025/05/pipeline-deal-signed/`,
      kicker: 'Oil',
      headline: 'Pipeline deal signed',
      standfirst: 'Exports resume.',
      publishedAt: '2025-05-01T08:00:00.000Z',
      authors: [{ name: 'Lina Haddad', slug: 'lina-haddad', url: `${BASE}/author/lina-haddad/` }],
      snippet: 'Exports resume.\nThe &lt;<mark>pipeline</mark>&gt; &amp; the port.'.replace('\n', ' '),
    });
  });

  test('bad input is a JSON 400 with a stable code and the field', async () => {
    for (const [url, field] of [
      ['/api/search', 'q'],
      ['/api/search?q=x&from=never', 'from'],
      ['/api/search?q=x&page=-1', 'page'],
      [`/api/search?q=${'y'.repeat(600)}`, 'q'],
    ] as const) {
      const res = await get(t, url);
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.code, 'BROADSIDE_E_BAD_INPUT', url);
      assert.equal(res.json().error.field, field, url);
    }
    const nasty = await get(t, `/api/search?q=${encodeURIComponent('NEAR( "x * ^ : \'; drop table articles; --')}%00`);
    assert.equal(nasty.statusCode, 200);
    assert.equal(nasty.json().total, 0);
  });

  test('60 searches a minute per address; the HTML search page is not limited by it', async () => {
    let last: Res | null = null;
    for (let i = 0; i < 61; i++) last = await get(t, `/api/search?q=pipeline${i % 2 ? '' : '+deal'}`);
    assert.equal(last!.statusCode, 429);
    assert.equal(last!.json().error.code, 'BROADSIDE_E_RATE_LIMITED');
    assert.match(last!.json().error.message, /at most 60 a minute/);
    assert.ok(Number(last!.headers['retry-after']) > 0);
    const other = await t.app.inject({ method: 'GET', url: '/api/search?q=pipeline', remoteAddress: '192.0.2.7' });
    assert.equal(other.statusCode, 200, 'another address has its own allowance');
    assert.equal((await get(t, '/search/?q=pipeline')).statusCode, 200);
  });
});
