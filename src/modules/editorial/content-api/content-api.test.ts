// The read-only Content API: API keys made by administrators (valid, revoked, missing), CORS for any origin,
// and nothing private in what it answers.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { engineName } from '../../../../test/db.js';
import { api, expectStatus, person, type Person } from '../articles/testing.js';

describe(`content API (${engineName})`, () => {
  let t: TestApp;
  let admin: Person;
  let ed: Person;
  let key: string;
  let keyId: number;
  const ids: Record<string, number> = {};
  before(async () => {
    t = await createTestApp();
    admin = await person(t, 'administrator', 'Ada Admin');
    ed = await person(t, 'editor', 'Eda Editor');
    const tag = expectStatus(await api(t, ed, 'POST', 'tags', { name: 'Basra', isRegion: true }), 201).json();
    const mk = async (k: string, body: object) => (ids[k] = expectStatus(await api(t, ed, 'POST', 'articles', body), 201).json().id);
    await mk('old', { headline: 'Older story', status: 'published', publishedAt: '2025-01-01T08:00:00Z', bodyHtml: '<p>Old body.</p>' });
    await mk('new', { headline: 'Newer story', status: 'published', publishedAt: '2025-03-01T08:00:00Z', bodyHtml: '<p>New body.</p>', tagIds: [tag.id], kicker: 'Basra' });
    await mk('draft', { headline: 'Secret draft', bodyHtml: '<p>Not yet.</p>' });
    await mk('future', { headline: 'Embargoed story', status: 'scheduled', publishedAt: '2099-01-01T00:00:00Z' });
    await mk('trashed', { headline: 'Trashed story', status: 'published', publishedAt: '2025-02-01T08:00:00Z' });
    expectStatus(await api(t, ed, 'POST', `articles/${ids.trashed}/trash`), 200);
    expectStatus(await api(t, ed, 'POST', 'pages', { title: 'About', status: 'published', bodyHtml: '<p>About us.</p>' }), 201);
    expectStatus(await api(t, ed, 'POST', 'pages', { title: 'Draft page' }), 201);
    const made = expectStatus(await api(t, admin, 'POST', 'api-keys', { name: 'Mobile app' }), 201).json();
    key = made.key;
    keyId = made.id;
  });
  after(() => t.close());

  const bearer = (url: string, k = key) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${k}` } });

  test('a key is shown once; only its SHA-256 is stored; the list never shows it', async () => {
    assert.match(key, /^bsk_[A-Za-z0-9_-]{43}$/);
    const row = await t.ctx.db.selectFrom('api_keys').selectAll().where('id', '=', keyId).executeTakeFirstOrThrow();
    assert.equal(row.key_hash, createHash('sha256').update(key).digest('hex'));
    assert.ok(!Object.values(row).includes(key));
    const list = expectStatus(await api(t, admin, 'GET', 'api-keys'), 200);
    assert.ok(!list.body.includes(key.slice(10)), 'the key is not in the list');
    assert.ok(!list.body.includes(row.key_hash), 'nor its hash');
    const item = list.json().items.find((k: { id: number }) => k.id === keyId);
    assert.equal(item.name, 'Mobile app');
    assert.equal(item.prefix, key.slice(0, 10));
    assert.equal(item.revokedAt, null);
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x', scope: 'all' }, 'scope'],
    ] as [unknown, string][]) {
      const res = await api(t, admin, 'POST', 'api-keys', body);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.field, field);
    }
  });

  test('no key, or an unknown one: 401 with CORS headers; Bearer and ?key= both work', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/content/articles' });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error.code, 'BROADSIDE_E_UNAUTHENTICATED');
    assert.equal(none.headers['access-control-allow-origin'], '*');
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    const wrong = await bearer('/api/content/articles', 'bsk_' + 'x'.repeat(43));
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.json().error.message, /not valid/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/content/articles', headers: { authorization: 'Basic abc' } })).statusCode, 401);

    const ok = await bearer('/api/content/articles');
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['access-control-allow-origin'], '*');
    assert.equal(ok.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.equal(ok.headers['set-cookie'], undefined);
    const q = await t.app.inject({ method: 'GET', url: `/api/content/articles?key=${encodeURIComponent(key)}` });
    assert.equal(q.statusCode, 200);
    const row = await t.ctx.db.selectFrom('api_keys').select('last_used_at').where('id', '=', keyId).executeTakeFirstOrThrow();
    assert.ok(row.last_used_at, 'use is recorded');
  });

  test('a browser’s preflight is answered for any origin', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/api/content/articles', headers: { origin: 'https://app.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(String(res.headers['access-control-allow-headers']), /Authorization/i);
  });

  test('only published articles: no drafts, no embargoed ones, nothing in the trash', async () => {
    const body = expectStatus(await bearer('/api/content/articles'), 200).json();
    assert.deepEqual(body.items.map((a: { id: number }) => a.id), [ids.new, ids.old]);
    assert.equal(body.total, 2);
    const a = body.items[0];
    assert.equal(a.headline, 'Newer story');
    assert.equal(a.url, `http://news.test${a.path}`);
    assert.deepEqual(a.authors, [{ id: ed.authorId, slug: a.authors[0].slug, name: 'Eda Editor' }]);
    assert.equal(a.bodyHtml, undefined, 'lists carry no bodies');
    assert.equal(a.readingMinutes, 1);
    const raw = JSON.stringify(body);
    for (const secret of ['Secret draft', 'Embargoed', 'Trashed', '@example.org']) assert.ok(!raw.includes(secret), secret);

    const one = expectStatus(await bearer(`/api/content/articles/${ids.new}`), 200).json();
    assert.equal(one.bodyHtml, '<p>New body.</p>');
    assert.deepEqual(one.tags.map((x: { slug: string }) => x.slug), ['basra']);
    for (const hidden of [ids.draft, ids.future, ids.trashed, 999999]) {
      const r = await bearer(`/api/content/articles/${hidden}`);
      assert.equal(r.statusCode, 404, String(hidden));
    }
    const bad = await bearer('/api/content/articles/abc');
    assert.equal(bad.statusCode, 400);
  });

  test('filters and pages; tags, authors and published pages', async () => {
    assert.deepEqual(expectStatus(await bearer('/api/content/articles?tag=basra'), 200).json().items.map((a: { id: number }) => a.id), [ids.new]);
    assert.equal(expectStatus(await bearer(`/api/content/articles?author=${ed.authorId}`), 200).json().total, 2);
    const p2 = expectStatus(await bearer('/api/content/articles?perPage=1&page=2'), 200).json();
    assert.deepEqual([p2.items.map((a: { id: number }) => a.id), p2.page, p2.pages], [[ids.old], 2, 2]);
    assert.equal((await bearer('/api/content/articles?tag=nowhere')).statusCode, 404);
    const badPage = await bearer('/api/content/articles?perPage=1000');
    assert.equal(badPage.statusCode, 400);
    assert.equal(badPage.json().error.field, 'perPage');

    const tags = expectStatus(await bearer('/api/content/tags'), 200).json().items;
    assert.deepEqual(tags.map((x: { slug: string; isRegion: boolean }) => [x.slug, x.isRegion]), [['basra', true]]);
    const authors = expectStatus(await bearer('/api/content/authors'), 200);
    assert.ok(authors.json().items.some((x: { name: string }) => x.name === 'Eda Editor'));
    assert.ok(!authors.body.includes('@'), 'no email addresses');
    const pages = expectStatus(await bearer('/api/content/pages'), 200).json().items;
    assert.deepEqual(pages.map((p: { slug: string }) => p.slug), ['about']);
  });

  test('a revoked key stops working at once', async () => {
    const other = expectStatus(await api(t, admin, 'POST', 'api-keys', { name: 'Partner site' }), 201).json();
    assert.equal((await bearer('/api/content/tags', other.key)).statusCode, 200);
    expectStatus(await api(t, admin, 'DELETE', `api-keys/${other.id}`), 204);
    const res = await bearer('/api/content/tags', other.key);
    assert.equal(res.statusCode, 401);
    const listed = expectStatus(await api(t, admin, 'GET', 'api-keys'), 200).json().items.find((k: { id: number }) => k.id === other.id);
    assert.ok(listed.revokedAt);
    assert.equal((await bearer('/api/content/tags')).statusCode, 200, 'other keys still work');
    assert.equal((await api(t, admin, 'DELETE', 'api-keys/999999')).statusCode, 404);
    assert.equal((await api(t, ed, 'DELETE', `api-keys/${keyId}`)).statusCode, 403);
  });
});
