// Tags, authors, pages and site settings through the admin API, and what the public site makes of them.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { engineName } from '../../../../test/db.js';
import { api, countRows, expectStatus, person, type Person } from './testing.js';

const get = (t: TestApp, url: string) => t.app.inject({ method: 'GET', url });

function assertBad(res: { statusCode: number; body: string; json(): { error: { code: string; field?: string } } }, field: string, what = field) {
  assert.equal(res.statusCode, 400, `${what}: ${res.body}`);
  assert.equal(res.json().error.code, 'BROADSIDE_E_BAD_INPUT', what);
  assert.equal(res.json().error.field, field, what);
}

describe(`admin: tags and authors (${engineName})`, () => {
  let t: TestApp;
  let ed: Person;
  let writer: Person;
  before(async () => {
    t = await createTestApp();
    ed = await person(t, 'editor');
    writer = await person(t, 'author', 'Lina Writer');
  });
  after(() => t.close());

  test('tags: create, list with counts, region flag in the sidebar, bad input', async () => {
    const tag = expectStatus(await api(t, ed, 'POST', 'tags', { name: 'Mosul', description: 'The city.', isRegion: true }), 201).json();
    assert.equal(tag.slug, 'mosul');
    assert.equal(tag.isRegion, true);
    assert.equal(tag.path, '/tag/mosul/');
    expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'In Mosul', status: 'published', publishedAt: '2025-02-01T08:00:00Z', tagIds: [tag.id] }), 201);
    const list = expectStatus(await api(t, writer, 'GET', 'tags'), 200).json().items;
    assert.equal(list.find((x: { id: number }) => x.id === tag.id).articleCount, 1);
    assert.ok((await get(t, '/')).body.includes('<a href="/tag/mosul/">Mosul</a>'), 'regions are listed');

    const dup = await api(t, ed, 'POST', 'tags', { name: 'Mosul again', slug: 'mosul' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.field, 'slug');
    const before = await countRows(t, 'tags');
    assertBad(await api(t, ed, 'POST', 'tags', {}), 'name', 'missing name');
    assertBad(await api(t, ed, 'POST', 'tags', { name: '' }), 'name', 'empty name');
    assertBad(await api(t, ed, 'POST', 'tags', { name: 'x', isRegion: 'yes' }), 'isRegion');
    assertBad(await api(t, ed, 'POST', 'tags', { name: 'x', colour: 'red' }), 'colour');
    assertBad(await api(t, ed, 'POST', 'tags', { name: 'x', slug: 'Bad Slug' }), 'slug');
    assertBad(await api(t, ed, 'PUT', `tags/${tag.id}`, { slug: 'no spaces' }), 'slug');
    assertBad(await api(t, ed, 'PUT', `tags/${tag.id}`, { name: 'x'.repeat(121) }), 'name');
    assertBad(await api(t, ed, 'PUT', 'tags/0', { name: 'x' }), 'id');
    assert.equal((await api(t, ed, 'PUT', 'tags/999999', { name: 'x' })).statusCode, 404);
    assert.equal(await countRows(t, 'tags'), before);
  });

  test('renaming a tag’s slug leaves a 301 from /tag/old/; turning the region flag off updates every page', async () => {
    const tag = expectStatus(await api(t, ed, 'POST', 'tags', { name: 'Erbil', isRegion: true }), 201).json();
    expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'In Erbil', status: 'published', publishedAt: '2025-02-02T08:00:00Z', tagIds: [tag.id] }), 201);
    assert.equal((await get(t, '/tag/erbil/')).statusCode, 200);
    assert.ok((await get(t, '/')).body.includes('href="/tag/erbil/"'));

    const renamed = expectStatus(await api(t, ed, 'PUT', `tags/${tag.id}`, { name: 'Hewlêr', slug: 'hewler', isRegion: false }), 200).json();
    assert.equal(renamed.slug, 'hewler');
    assert.equal(renamed.name, 'Hewlêr');
    assert.equal(renamed.isRegion, false);
    const moved = await get(t, '/tag/erbil/');
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, '/tag/hewler/');
    assert.equal((await get(t, '/tag/erbil/feed/')).headers.location, '/tag/hewler/feed/');
    assert.equal((await get(t, '/tag/hewler/')).statusCode, 200);
    const home = (await get(t, '/')).body;
    assert.ok(!home.includes('href="/tag/erbil/"') && !home.includes('href="/tag/hewler/">'), 'no longer a region');

    // And back: no redirect loop, no chain.
    expectStatus(await api(t, ed, 'PUT', `tags/${tag.id}`, { slug: 'erbil' }), 200);
    assert.equal((await get(t, '/tag/erbil/')).statusCode, 200);
    assert.equal((await get(t, '/tag/hewler/')).headers.location, '/tag/erbil/');
  });

  test('deleting a tag takes it off its articles and leaves 410', async () => {
    const tag = expectStatus(await api(t, ed, 'POST', 'tags', { name: 'Doomed' }), 201).json();
    const a = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Tagged', primaryTagId: tag.id }), 201).json();
    expectStatus(await api(t, ed, 'DELETE', `tags/${tag.id}`), 204);
    const after = expectStatus(await api(t, ed, 'GET', `articles/${a.id}`), 200).json();
    assert.equal(after.primaryTagId, null);
    assert.deepEqual(after.tagIds, []);
    assert.equal((await get(t, '/tag/doomed/')).statusCode, 410);
    assert.equal((await api(t, ed, 'DELETE', `tags/${tag.id}`)).statusCode, 404);
  });

  test('authors: editors create and edit bylines; everyone edits their own; a new slug leaves a 301', async () => {
    const guest = expectStatus(await api(t, ed, 'POST', 'authors', { name: 'Guest Writer', bio: 'Writes sometimes.' }), 201).json();
    assert.equal(guest.slug, 'guest-writer');
    assert.equal(guest.path, '/author/guest-writer/');
    const list = expectStatus(await api(t, writer, 'GET', 'authors'), 200).json().items;
    assert.ok(list.some((x: { id: number }) => x.id === guest.id));
    assert.ok(!JSON.stringify(list).includes('@'), 'no email addresses');

    expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'By the guest', status: 'published', publishedAt: '2025-02-03T08:00:00Z', authorIds: [guest.id] }), 201);
    const moved = expectStatus(await api(t, ed, 'PUT', `authors/${guest.id}`, { slug: 'guest', name: 'A Guest' }), 200).json();
    assert.equal(moved.slug, 'guest');
    const r = await get(t, '/author/guest-writer/');
    assert.equal(r.statusCode, 301);
    assert.equal(r.headers.location, '/author/guest/');
    assert.ok((await get(t, '/author/guest/')).body.includes('A Guest'));

    const own = expectStatus(await api(t, writer, 'PUT', `authors/${writer.authorId}`, { bio: 'Covers energy.' }), 200).json();
    assert.equal(own.bio, 'Covers energy.');
    const notOwn = await api(t, writer, 'PUT', `authors/${guest.id}`, { bio: 'Hijacked.' });
    assert.equal(notOwn.statusCode, 403);
    assert.equal((await api(t, writer, 'POST', 'authors', { name: 'Self-made' })).statusCode, 403);

    const dup = await api(t, ed, 'PUT', `authors/${guest.id}`, { slug: (await api(t, ed, 'GET', `authors`)).json().items.find((x: { id: number }) => x.id === writer.authorId).slug });
    assert.equal(dup.statusCode, 409);
    assertBad(await api(t, ed, 'POST', 'authors', { name: 'x', bio: 7 }), 'bio');
    assertBad(await api(t, ed, 'POST', 'authors', { bio: 'no name' }), 'name');
    assertBad(await api(t, ed, 'PUT', `authors/${guest.id}`, { email: 'guest@example.org' }), 'email');
  });
});

describe(`admin: pages (${engineName})`, () => {
  let t: TestApp;
  let ed: Person;
  before(async () => {
    t = await createTestApp();
    ed = await person(t, 'editor');
  });
  after(() => t.close());

  test('a page: draft by default, published on the site and in the nav, moved with a 301, deleted with 410', async () => {
    const draft = expectStatus(await api(t, ed, 'POST', 'pages', { title: 'About us', bodyHtml: '<p>Who we are.</p><script>x</script>' }), 201).json();
    assert.equal(draft.status, 'draft');
    assert.equal(draft.bodyHtml, '<p>Who we are.</p>');
    assert.equal((await get(t, '/about-us/')).statusCode, 404);

    const live = expectStatus(await api(t, ed, 'PUT', `pages/${draft.id}`, { status: 'published' }), 200).json();
    assert.equal(live.status, 'published');
    assert.equal((await get(t, '/about-us/')).statusCode, 200);
    assert.ok((await get(t, '/')).body.includes('<a href="/about-us/">About us</a>'), 'in the navigation');

    expectStatus(await api(t, ed, 'PUT', `pages/${draft.id}`, { slug: 'about', title: 'About' }), 200);
    const moved = await get(t, '/about-us/');
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, '/about/');
    assert.ok((await get(t, '/about/')).body.includes('Who we are.'));

    const list = expectStatus(await api(t, ed, 'GET', 'pages'), 200).json().items;
    assert.deepEqual(list.map((p: { slug: string }) => p.slug), ['about']);

    expectStatus(await api(t, ed, 'DELETE', `pages/${draft.id}`), 204);
    assert.equal((await get(t, '/about/')).statusCode, 410);
    assert.ok(!(await get(t, '/')).body.includes('href="/about/"'));
  });

  test('bad page input: reserved or taken slugs, unknown fields, wrong types', async () => {
    const p = expectStatus(await api(t, ed, 'POST', 'pages', { title: 'Contact', status: 'published' }), 201).json();
    const dup = await api(t, ed, 'POST', 'pages', { title: 'Contact' });
    assert.equal(dup.statusCode, 409);
    const before = await countRows(t, 'pages');
    assertBad(await api(t, ed, 'POST', 'pages', { title: 'Tags', slug: 'tag' }), 'slug', 'reserved');
    assertBad(await api(t, ed, 'POST', 'pages', { title: 'Year', slug: '2024' }), 'slug', 'a year');
    assertBad(await api(t, ed, 'POST', 'pages', { title: '' }), 'title');
    assertBad(await api(t, ed, 'POST', 'pages', { title: 'x', status: 'hidden' }), 'status');
    assertBad(await api(t, ed, 'POST', 'pages', { title: 'x', position: -1 }), 'position');
    assertBad(await api(t, ed, 'PUT', `pages/${p.id}`, { slug: 'admin' }), 'slug', 'reserved on edit');
    assertBad(await api(t, ed, 'PUT', `pages/${p.id}`, { layout: 'wide' }), 'layout');
    assert.equal(await countRows(t, 'pages'), before);
    assert.equal((await get(t, '/contact/')).statusCode, 200, 'unchanged');
  });
});

describe(`admin: settings (${engineName})`, () => {
  let t: TestApp;
  let admin: Person;
  before(async () => {
    // No title from the environment: the settings decide it.
    t = await createTestApp({ title: '' });
    admin = await person(t, 'administrator');
  });
  after(() => t.close());

  test('a settings change shows on the public home page on the next request', async () => {
    const first = await get(t, '/');
    assert.equal(first.statusCode, 200);
    assert.ok(!first.body.includes('Reporting from the Tigris'));
    assert.ok((await get(t, '/')).headers.etag, 'the home page is served from the page cache');

    const s = expectStatus(
      await api(t, admin, 'PUT', 'settings', {
        title: 'Tigris Times',
        description: 'Reporting from the Tigris',
        navigation: [{ label: 'Support us', url: '/support/' }, { label: 'Newsletter', url: 'https://news.example.org/letter' }],
        appeal: { title: 'Fund us', text: 'We are reader-funded.' },
        logoMediaId: null,
      }),
      200,
    ).json();
    assert.equal(s.title, 'Tigris Times');
    assert.deepEqual(s.navigation, [{ label: 'Support us', url: '/support/' }, { label: 'Newsletter', url: 'https://news.example.org/letter' }]);
    assert.deepEqual(s.appeal, { title: 'Fund us', text: 'We are reader-funded.' });

    const next = await get(t, '/');
    assert.ok(next.body.includes('Reporting from the Tigris'), 'description');
    assert.ok(next.body.includes('<title>Tigris Times</title>'), 'title');
    const read = expectStatus(await api(t, admin, 'GET', 'settings'), 200).json();
    assert.deepEqual(read, s);
    const row = await t.ctx.db.selectFrom('settings').select('value').where('key', '=', 'site.title').executeTakeFirstOrThrow();
    assert.equal(row.value, 'Tigris Times');

    // Only what is sent changes.
    const partial = expectStatus(await api(t, admin, 'PUT', 'settings', { description: 'New line' }), 200).json();
    assert.equal(partial.title, 'Tigris Times');
    assert.equal(partial.description, 'New line');
  });

  test('bad settings are refused and nothing changes', async () => {
    const before = expectStatus(await api(t, admin, 'GET', 'settings'), 200).json();
    assertBad(await api(t, admin, 'PUT', 'settings', { title: '' }), 'title');
    assertBad(await api(t, admin, 'PUT', 'settings', { theme: 'dark' }), 'theme');
    assertBad(await api(t, admin, 'PUT', 'settings', { navigation: [{ label: 'x' }] }), 'navigation[0].url');
    assertBad(await api(t, admin, 'PUT', 'settings', { navigation: [{ label: 'x', url: 'javascript:alert(1)' }] }), 'navigation[0].url');
    assertBad(await api(t, admin, 'PUT', 'settings', { navigation: [{ label: 'x', url: '//evil.example' }] }), 'navigation[0].url');
    assertBad(await api(t, admin, 'PUT', 'settings', { title: 'Valid', appeal: { title: 'Only a title' } }), 'appeal.text');
    assertBad(await api(t, admin, 'PUT', 'settings', { logoMediaId: 12345 }), 'logoMediaId');
    assertBad(await api(t, admin, 'PUT', 'settings', { logoMediaId: 'logo.png' }), 'logoMediaId');
    assert.deepEqual(expectStatus(await api(t, admin, 'GET', 'settings'), 200).json(), before);
  });
});
