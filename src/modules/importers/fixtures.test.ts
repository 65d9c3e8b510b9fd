// The real WordPress exports in ../shared/fixtures/wxr, imported on this engine and checked against what each
// file holds (counts, statuses, dates, threading, kickers, shortcodes, redirects). Skipped when absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createTestDb, engineName, type TestDb } from '../../../test/db.js';
import { createTestApp } from '../../../test/app.js';
import { plainCtx } from '../../platform/context/index.js';
import { importWordPress, type ImportOptions } from './index.js';
import { fixturesDir } from './testing.js';

const dir = fixturesDir();
const skip = dir ? false : 'the WordPress fixtures (../shared/fixtures/wxr) are not here';
const fx = (name: string) => join(dir ?? '', `${name}.xml`);

async function imported(name: string, opts: Partial<ImportOptions> = {}) {
  const db = await createTestDb();
  const ctx = plainCtx(db.db, db.engine);
  const report = await importWordPress(ctx, { file: fx(name), ...opts });
  return { db, ctx, report };
}

async function count(db: TestDb, table: 'articles' | 'pages' | 'comments' | 'authors' | 'tags' | 'redirects' | 'import_map'): Promise<number> {
  const r = await db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function article(db: TestDb, slug: string) {
  return db.db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
}

async function redirect(db: TestDb, from: string): Promise<string | null> {
  return (await db.db.selectFrom('redirects').select('to_path').where('from_path', '=', from).executeTakeFirst())?.to_path ?? null;
}

test(`small-export (WXR 1.1): authors, terms, posts, pages, a comment, statuses and dates [${engineName}]`, { skip }, async () => {
  const { db, report } = await imported('small-export');
  try {
    assert.equal(report.completed, true);
    assert.equal(report.error, null);
    assert.equal(report.wxrVersion, '1.1');
    assert.equal(await count(db, 'authors'), 3);
    // 30 categories and 3 tags, all declared (the unused one too).
    assert.equal(await count(db, 'tags'), 33);
    assert.equal(await count(db, 'articles'), 6);
    assert.equal(await count(db, 'pages'), 5);
    assert.equal(await count(db, 'comments'), 1);
    const hello = await article(db, 'hello-world');
    assert.equal(hello.status, 'published');
    assert.equal(hello.published_at, '2011-01-18T07:40:14.000Z');
    assert.equal(hello.month_key, '2011-01');
    // Post 13 was private: a draft here, with a warning naming its line.
    const priv = await article(db, 'private-post');
    assert.equal(priv.status, 'draft');
    assert.ok(report.warnings.some((w) => /post 13 was private/.test(w.message) && w.line > 0));
    const draftPage = await db.db.selectFrom('pages').selectAll().where('title', '=', 'Draft Page').executeTakeFirstOrThrow();
    assert.equal(draftPage.status, 'draft');
    const c = await db.db.selectFrom('comments').selectAll().executeTakeFirstOrThrow();
    assert.equal(c.author_name, 'Mr WordPress');
    assert.equal(c.status, 'approved');
    assert.equal(c.article_id, hello.id);
    assert.equal(c.created_at, '2011-01-18T07:40:14.000Z');
    assert.match(c.body, /^Hi, this is a comment\.\nTo delete a comment, just log in and view the post's comments\./);
    // Categories of "Many Categories" are its tags; the primary one is its first real category.
    const many = await article(db, 'many-categories');
    const tags = await db.db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.slug').where('article_id', '=', many.id).execute();
    assert.ok(tags.length >= 20, `many categories: ${tags.length}`);
    // Old addresses: plain permalinks (?p=, ?page_id=), nested categories, authors, feeds.
    assert.equal(await redirect(db, '/?p=1'), '/2011/01/hello-world/');
    assert.equal(await redirect(db, '/?page_id=2'), '/sample-page/');
    assert.equal(await redirect(db, '/category/bar/foo-bar/'), '/tag/foo-bar/');
    assert.equal(await redirect(db, '/?cat=5'), '/tag/foo-bar/');
    assert.equal(await redirect(db, '/?author=2'), '/author/editor/');
    assert.equal(await redirect(db, '/feed/rss2/'), '/feed/');
    assert.equal(await redirect(db, '/2011/01/18/'), '/2011/01/');
    assert.equal(await redirect(db, '/?m=201101'), '/2011/01/');
    // A private post has no public address, so nothing points at it.
    assert.equal(await redirect(db, '/?p=13'), null);
  } finally {
    await db.close();
  }
});

test(`theme unit test data (WXR 1.2): counts, statuses, threading, kicker split, shortcodes, embeds, redirects [${engineName}]`, { skip }, async () => {
  const { db, report } = await imported('theme-unit-test-data', { splitKicker: true });
  try {
    assert.equal(report.completed, true);
    // 56 published posts, 1 scheduled, 1 draft; 21 pages; 37 attachments; 70 menu items not imported.
    assert.equal(await count(db, 'articles'), 58);
    assert.equal(await count(db, 'pages'), 21);
    assert.equal(report.attachments.recorded, 37);
    assert.equal(report.skippedTypes['nav_menu_item items'], 70);
    const byStatus = await db.db.selectFrom('articles').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute();
    const s = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    // The password-protected post is a draft here (it had a password for a reason).
    assert.deepEqual(s, { published: 55, scheduled: 1, draft: 2 });
    const scheduled = await article(db, 'scheduled');
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.published_at, '2030-01-01T19:00:18.000Z');

    // "Template: Comments": 20 comments, one thread nine replies deep, each reply under its parent.
    const tc = await db.db.selectFrom('articles').selectAll().where('headline', '=', 'Comments').where('kicker', '=', 'Template').executeTakeFirstOrThrow();
    const comments = await db.db.selectFrom('comments').selectAll().where('article_id', '=', tc.id).orderBy('created_at').execute();
    assert.equal(comments.length, 20);
    const byId = new Map(comments.map((c) => [Number(c.id), c]));
    let deepest = 0;
    for (const c of comments) {
      let d = 0;
      for (let p = c.parent_id; p !== null; p = byId.get(Number(p))!.parent_id) d++;
      deepest = Math.max(deepest, d);
    }
    assert.equal(deepest, 9);
    const replyTo904 = comments.find((c) => c.author_name === 'Jane Bloggs' && c.created_at === '2013-03-14T15:01:21.000Z')!;
    assert.equal(byId.get(Number(replyTo904.parent_id))!.created_at, '2013-03-14T14:57:01.000Z');
    // Comment 1015 was waiting for approval, and still is; emails are kept (lowercased) for moderation.
    assert.equal(comments.filter((c) => c.status === 'pending').length, 1);
    // Pingbacks and trackbacks are not comments here; nor do pages take comments.
    assert.equal(report.comments.skipped, 9);

    // Kicker split: "Post Format: Gallery" → kicker "Post Format", headline "Gallery".
    const gallery = await article(db, 'post-format-gallery');
    assert.equal(gallery.kicker, 'Post Format');
    assert.equal(gallery.headline, 'Gallery');
    assert.match(gallery.body_html, /<div class="gallery">\s*<figure class="image"><img src="https:\/\/wpthemetestdata\.files\.wordpress\.com\/2008\/06\/canola2\.jpg" alt="canola"/);
    assert.doesNotMatch(gallery.body_html, /\[gallery/);
    // [caption] → a figure with its caption.
    const caption = await article(db, 'post-format-image-caption');
    assert.match(caption.body_html, /<figure class="image"><a href="[^"]+100_5478\.jpg"><img [^>]*alt="Bell on Wharf"[^>]*\/><\/a>\s*<figcaption>Bell on wharf in San Francisco<\/figcaption>\s*<\/figure>/);
    // A YouTube URL alone on its line → the privacy-enhanced player.
    const yt = await article(db, 'post-format-video-youtube');
    assert.match(yt.body_html, /<div class="embed"><iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]+"/);
    // Markup in a title is text here.
    const markup = await db.db.selectFrom('articles').select(['kicker', 'headline']).where('slug', '=', 'markup-title-with-markup').executeTakeFirstOrThrow();
    assert.deepEqual(markup, { kicker: 'Markup', headline: 'Title With Markup' });
    // A long title with no colon stays whole.
    assert.ok((await article(db, 'title-should-not-overflow-the-content-area')).headline.startsWith('Taumatawhakatangihangakoauauotamateaturipukakapiki'));
    // No script, style or handler survived the sanitiser anywhere.
    const bodies = await db.db.selectFrom('articles').select('body_html').execute();
    for (const b of bodies) assert.doesNotMatch(b.body_html, /<script|<style|\son\w+=|javascript:/i);
    // The sticky post is sticky here too, and listed; no other article is.
    assert.deepEqual(report.sticky, ['/2012/01/template-sticky/']);
    const stuck = await db.db.selectFrom('articles').select('slug').where('sticky', '=', 1).execute();
    assert.deepEqual(stuck.map((r) => r.slug), ['template-sticky']);
    // Pretty permalinks, their feeds, ?p= and day archives answer 301.
    assert.equal(await redirect(db, '/2012/01/07/template-sticky/'), '/2012/01/template-sticky/');
    assert.equal(await redirect(db, '/2012/01/07/template-sticky/feed/'), '/2012/01/template-sticky/feed/');
    assert.equal(await redirect(db, '/?p=1241'), '/2012/01/template-sticky/');
    assert.equal(await redirect(db, '/2012/01/07/'), '/2012/01/');
    // The search index holds the published and scheduled articles, not the drafts.
    const indexed =
      db.engine === 'sqlite'
        ? Number((await db.db.selectFrom('article_fts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
        : Number((await db.db.selectFrom('article_search').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(indexed, 56);
  } finally {
    await db.close();
  }
});

test(`WXR 1.0 and 1.1 files: posts, pages, tags from categories and tags, nested category addresses [${engineName}]`, { skip }, async () => {
  const a = await imported('valid-wxr-1.0');
  try {
    assert.equal(a.report.wxrVersion, '1.0');
    assert.equal(await count(a.db, 'articles'), 3);
    assert.equal(await count(a.db, 'pages'), 3);
    assert.equal(await count(a.db, 'comments'), 1);
    // alpha, beta, parent, uncategorized, child + chicken, face, news, roar.
    assert.equal(await count(a.db, 'tags'), 9);
    assert.equal(await redirect(a.db, '/category/parent/child/'), '/tag/child/');
    assert.equal(await redirect(a.db, '/?page_id=10'), '/parent-page/');
    const alpha = await article(a.db, 'alpha-post');
    const tags = (await a.db.db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.slug').where('article_id', '=', alpha.id).orderBy('position').execute()).map((t) => t.slug);
    assert.deepEqual(tags, ['alpha', 'news', 'roar']);
    assert.equal(alpha.primary_tag_id !== null, true);
  } finally {
    await a.db.close();
  }
  const b = await imported('valid-wxr-1.1');
  try {
    assert.equal(await count(b.db, 'articles'), 1);
    assert.equal(await count(b.db, 'pages'), 1);
    assert.equal(await count(b.db, 'comments'), 1);
    // The custom taxonomy term (post_tax) has no place here: reported, not a tag.
    assert.equal(await count(b.db, 'tags'), 2);
    assert.ok(Object.keys(b.report.skippedTypes).some((k) => k.includes('post_tax')));
    const author = await b.db.db.selectFrom('authors').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([author.slug, author.name], ['john', 'John Doe']);
  } finally {
    await b.db.close();
  }
});

test(`namespaces are matched by address, not prefix: hijacked and fake elements are ignored [${engineName}]`, { skip }, async () => {
  const { db, report } = await imported('namespace-edge-cases');
  try {
    const titles = (await db.db.selectFrom('articles').select('headline').orderBy('headline').execute()).map((r) => r.headline);
    assert.deepEqual(titles, ['Empty Namespace', 'Mixed Namespaces', 'Namespace Bomb', 'No Prefix', 'Unicode Namespace']);
    // The item whose wp: prefix was bound elsewhere has no WordPress id: left out, with its line.
    assert.ok(report.warnings.some((w) => /Hijacked Namespace/.test(w.message)));
    const logins = (await db.db.selectFrom('authors').select('slug').orderBy('slug').execute()).map((r) => r.slug);
    assert.ok(logins.includes('real-user') && logins.includes('version-conflict'));
    assert.ok(!logins.includes('fake-ns-user') && !logins.includes('custom-user'));
    const slugs = (await db.db.selectFrom('tags').select('slug').orderBy('slug').execute()).map((r) => r.slug);
    assert.deepEqual(slugs, ['new-version', 'old-version']);
    // An entity reference inside CDATA is text, never expanded.
    assert.match((await article(db, 'namespace-bomb')).body_html, /&amp;lol1;/);
  } finally {
    await db.close();
  }
});

test(`content forms: blank lines, line breaks, several CDATA sections, backslashes, "]] >" [${engineName}]`, { skip }, async () => {
  const cases: [string, RegExp][] = [
    ['blank-lines', /^<p>first paragraph<\/p>\s*<p>second paragraph<\/p>$/],
    ['post-content-blank-lines', /^<p>This is an example of a WordPress post\.<br \/>\s*It has lines with text \(and one blank line\)\.<\/p>\s*<p>And more lines with text\.<\/p>$/],
    ['multiple-cdata', /^<p>line oneline twoline three<\/p>$/],
    ['backslashes', /^<p>C:\\xampp\\htdocs\\wp-content<\/p>$/],
    ['slashes', /^<p>Slashes aren\\'t \\"cool\\"<\/p>$/],
    ['cdata-edge', /^<p>ends with sequence \]\] &gt;<\/p>$/],
  ];
  for (const [name, re] of cases) {
    const { db } = await imported(name);
    try {
      const a = await db.db.selectFrom('articles').select('body_html').executeTakeFirstOrThrow();
      assert.match(a.body_html, re, name);
    } finally {
      await db.close();
    }
  }
});

test(`awkward text: zero-width and direction-override characters, authors on several lines, an item with no author [${engineName}]`, { skip }, async () => {
  const u = await imported('wxr-utf-8-challenges');
  try {
    const a = await u.db.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
    assert.doesNotMatch(a.headline, /[\u202a-\u202e\u2066-\u2069]/);
    assert.match(a.headline, /^"The Road Not Taken" by Robert Frost 🌲$/);
    assert.match(a.body_html, /🚀🌟💫/);
    assert.doesNotMatch(a.body_html, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    assert.ok(a.slug.length > 0 && /^[a-z0-9-]+$/.test(a.slug));
  } finally {
    await u.db.close();
  }
  const m = await imported('authors-multiline');
  try {
    const slugs = (await m.db.db.selectFrom('authors').select('slug').orderBy('slug').execute()).map((r) => r.slug);
    assert.deepEqual(slugs, ['alice', 'bob', 'carol']);
    const a = await m.db.db.selectFrom('articles').select('id').executeTakeFirstOrThrow();
    const by = await m.db.db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select('authors.slug').where('article_id', '=', a.id).execute();
    assert.deepEqual(by.map((r) => r.slug), ['alice']);
  } finally {
    await m.db.close();
  }
  const n = await imported('missing-tags');
  try {
    const by = await n.db.db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select('authors.name').execute();
    assert.deepEqual(by.map((r) => r.name), ['No Authors']);
    assert.ok(n.report.warnings.some((w) => /without an author/.test(w.message)));
  } finally {
    await n.db.close();
  }
});

test(`broken files stop with the line and column, and nothing is written [${engineName}]`, { skip }, async () => {
  const cases: [string, number, RegExp][] = [
    ['malformed', 90, /not well formed/],
    ['malformed-simple', 14, /unclosed tag: item/],
    ['invalid-version-tag', 33, /WXR version is "abc"/],
    ['missing-version-tag', 35, /no WXR version/],
    ['crazy-cdata', 18, /"\]\]>" is disallowed/],
  ];
  for (const [name, line, re] of cases) {
    const { db, report } = await imported(name);
    try {
      assert.ok(report.error, name);
      assert.equal(report.error!.line, line, name);
      assert.ok(report.error!.column >= 0);
      assert.match(report.error!.message, re, name);
      assert.equal(report.completed, false);
      for (const t of ['articles', 'pages', 'authors', 'tags', 'comments', 'import_map'] as const) assert.equal(await count(db, t), 0, `${name}: ${t}`);
    } finally {
      await db.close();
    }
  }
});

test(`attachments: recorded with their addresses and reported; a featured image becomes the lead figure [${engineName}]`, { skip }, async () => {
  const { db, report } = await imported('wxr-flat-attachment-same-site');
  try {
    assert.equal(report.attachments.recorded, 1);
    assert.equal(report.filesLeftInPlace[0]!.url, 'https://wpthemetestdata.files.wordpress.com/2008/06/canola2.jpg');
    const row = await db.db.selectFrom('import_map').selectAll().where('kind', '=', 'attachment').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(row.extra!).url, 'https://wpthemetestdata.files.wordpress.com/2008/06/canola2.jpg');
    const a = await article(db, 'post-with-attachment');
    assert.match(a.body_html, /<img src="https:\/\/wpthemetestdata\.files\.wordpress\.com\/2008\/06\/canola2\.jpg" alt="canola"/);
  } finally {
    await db.close();
  }
  const t = await imported('theme-unit-test-data');
  try {
    // "Template: Featured Image (Horizontal)" names attachment 1022 as its thumbnail.
    const f = await article(t.db, 'template-featured-image-horizontal');
    assert.match(f.body_html, /^<figure class="image"><img src="[^"]+featured-image-horizontal\.jpg"/);
  } finally {
    await t.db.close();
  }
});

test(`the old addresses answer 301 over HTTP, ?p= forms included, even with the home page cached [${engineName}]`, { skip }, async () => {
  const t = await createTestApp();
  try {
    const report = await importWordPress(t.ctx, { file: fx('theme-unit-test-data') });
    assert.equal(report.completed, true);
    const home = await t.app.inject({ url: '/' });
    assert.equal(home.statusCode, 200);
    // The sticky post (from January 2012) leads the home page, marked for themes.
    const firstCard = /<li class="([^"]*)">[\s\S]*?<h2 class="card-headline"><a href="([^"]*)"/.exec(home.body);
    assert.deepEqual(firstCard?.slice(1), ['article-card sticky', '/2012/01/template-sticky/']);
    const cases: [string, string][] = [
      ['/?p=1241', '/2012/01/template-sticky/'],
      ['/?p=1241&replytocom=5', '/2012/01/template-sticky/'],
      ['/2012/01/07/template-sticky/', '/2012/01/template-sticky/'],
      ['/?page_id=2', '/about/'],
      ['/category/parent-category/child-category-01/', '/tag/child-category-01/'],
      ['/2012/01/07/', '/2012/01/'],
      ['/?m=201201', '/2012/01/'],
      ['/feed/rss2/', '/feed/'],
      ['/?feed=rss2', '/feed/'],
    ];
    for (const [from, to] of cases) {
      const r = await t.app.inject({ url: from });
      assert.equal(r.statusCode, 301, from);
      assert.equal(r.headers.location, to, from);
      assert.equal((await t.app.inject({ url: to })).statusCode, 200, to);
    }
    // Another query string on the home page is still the (cached) home page; odd values are no error.
    assert.equal((await t.app.inject({ url: '/?utm_source=x' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/?p=%00' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/?tag=%00' })).statusCode, 200);
  } finally {
    await t.close();
  }
});
