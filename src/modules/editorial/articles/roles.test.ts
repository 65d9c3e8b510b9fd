// Who may do what through the article admin: contributors write drafts of their own, authors also publish,
// trash and delete their own, editors everything with articles, tags and pages, administrators settings and keys.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { engineName } from '../../../../test/db.js';
import { call } from '../auth/testing.js';
import { api, expectStatus, person, type Person } from './testing.js';

describe(`article admin: roles (${engineName})`, () => {
  let t: TestApp;
  let contributor: Person;
  let author: Person;
  let author2: Person;
  let editor: Person;
  let admin: Person;
  let editorsArticle: number;
  before(async () => {
    t = await createTestApp();
    contributor = await person(t, 'contributor');
    author = await person(t, 'author');
    author2 = await person(t, 'author');
    editor = await person(t, 'editor');
    admin = await person(t, 'administrator');
    editorsArticle = expectStatus(await api(t, editor, 'POST', 'articles', { headline: 'The editor’s own' }), 201).json().id;
  });
  after(() => t.close());

  const forbidden = (res: { statusCode: number; json(): { error: { code: string } } }, what: string) => {
    assert.equal(res.statusCode, 403, what);
    assert.equal(res.json().error.code, 'BROADSIDE_E_FORBIDDEN', what);
  };

  test('nobody signed in: 401 everywhere; a write without the CSRF token: 403', async () => {
    for (const [method, url] of [
      ['GET', 'articles'],
      ['POST', 'articles'],
      ['GET', `articles/${editorsArticle}`],
      ['PUT', `articles/${editorsArticle}`],
      ['GET', 'tags'],
      ['GET', 'settings'],
      ['PUT', 'settings'],
      ['GET', 'api-keys'],
    ] as const) {
      const res = await api(t, null, method, url, method === 'GET' ? undefined : {});
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.equal(res.json().error.code, 'BROADSIDE_E_UNAUTHENTICATED');
    }
    const noCsrf = await call(t, 'POST', 'articles', { cookie: editor.cookie, body: { headline: 'Forged' } });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().error.code, 'BROADSIDE_E_CSRF');
  });

  test('a contributor writes and edits drafts of their own, and nothing more', async () => {
    const a = expectStatus(await api(t, contributor, 'POST', 'articles', { headline: 'Contributor draft' }), 201).json();
    assert.deepEqual(a.authorIds, [contributor.authorId]);
    expectStatus(await api(t, contributor, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'Contributor draft, edited' }), 200);
    expectStatus(await api(t, contributor, 'POST', `articles/${a.id}/autosave`, { fields: { headline: 'typing' } }), 200);
    expectStatus(await api(t, contributor, 'GET', `articles/${a.id}/preview`), 200);

    forbidden(await api(t, contributor, 'POST', 'articles', { headline: 'Straight out', status: 'published' }), 'create published');
    forbidden(await api(t, contributor, 'POST', 'articles', { headline: 'Later', status: 'scheduled', publishedAt: '2099-01-01T00:00:00Z' }), 'create scheduled');
    forbidden(await api(t, contributor, 'PUT', `articles/${a.id}`, { revision: 2, status: 'published' }), 'save as published');
    forbidden(await api(t, contributor, 'POST', `articles/${a.id}/publish`), 'publish');
    forbidden(await api(t, contributor, 'POST', `articles/${a.id}/trash`), 'trash');
    forbidden(await api(t, contributor, 'POST', 'articles', { headline: 'Under someone else', authorIds: [editor.authorId] }), 'others’ byline only');
    forbidden(await api(t, contributor, 'PUT', `articles/${a.id}`, { revision: 2, authorIds: [editor.authorId] }), 'give the article away');
    forbidden(await api(t, contributor, 'GET', `articles/${editorsArticle}`), 'read another’s');
    forbidden(await api(t, contributor, 'PUT', `articles/${editorsArticle}`, { revision: 1, headline: 'Mine now' }), 'edit another’s');
    forbidden(await api(t, contributor, 'GET', `articles/${editorsArticle}/preview`), 'preview another’s');
    forbidden(await api(t, contributor, 'GET', `articles/${editorsArticle}/revisions`), 'history of another’s');
    forbidden(await api(t, contributor, 'POST', 'tags', { name: 'New tag' }), 'tags');
    forbidden(await api(t, contributor, 'GET', 'pages'), 'pages');
    const bulk = expectStatus(await api(t, contributor, 'POST', 'articles/bulk', { ids: [a.id, editorsArticle], action: 'publish' }), 200).json().results;
    assert.deepEqual(bulk.map((r: { ok: boolean; error: { code: string } }) => r.error.code), ['BROADSIDE_E_FORBIDDEN', 'BROADSIDE_E_FORBIDDEN']);

    const list = expectStatus(await api(t, contributor, 'GET', 'articles'), 200).json();
    assert.deepEqual(list.items.map((i: { id: number }) => i.id), [a.id], 'only their own');
    assert.equal(expectStatus(await api(t, editor, 'GET', `articles/${a.id}`), 200).json().status, 'draft');
  });

  test('an author publishes, trashes and deletes their own, not others’', async () => {
    const own = expectStatus(await api(t, author, 'POST', 'articles', { headline: 'Author piece', status: 'published', publishedAt: '2025-05-01T08:00:00Z' }), 201).json();
    assert.equal(own.status, 'published');
    const theirs = expectStatus(await api(t, author2, 'POST', 'articles', { headline: 'Colleague piece' }), 201).json();
    expectStatus(await api(t, author, 'POST', `articles/${own.id}/unpublish`), 200);
    expectStatus(await api(t, author, 'POST', `articles/${own.id}/publish`), 200);
    forbidden(await api(t, author, 'POST', `articles/${theirs.id}/publish`), 'publish another’s');
    forbidden(await api(t, author, 'POST', `articles/${theirs.id}/trash`), 'trash another’s');
    forbidden(await api(t, author, 'PUT', `articles/${theirs.id}`, { revision: 1, headline: 'x' }), 'edit another’s');
    // Shared byline: both may work on it.
    const shared = expectStatus(await api(t, author, 'POST', 'articles', { headline: 'Joint piece', authorIds: [author.authorId, author2.authorId] }), 201).json();
    expectStatus(await api(t, author2, 'PUT', `articles/${shared.id}`, { revision: 1, headline: 'Joint piece, edited' }), 200);
    expectStatus(await api(t, author, 'POST', `articles/${own.id}/trash`), 200);
    expectStatus(await api(t, author, 'DELETE', `articles/${own.id}`), 204);

    const list = expectStatus(await api(t, author2, 'GET', 'articles'), 200).json();
    assert.deepEqual(list.items.map((i: { id: number }) => i.id).sort(), [theirs.id, shared.id].sort());
    forbidden(await api(t, author, 'PUT', 'settings', { title: 'Mine' }), 'settings');
    forbidden(await api(t, author, 'POST', 'authors', { name: 'Guest' }), 'authors');
  });

  test('an editor does everything with articles, tags and pages, but not settings or keys', async () => {
    const theirs = expectStatus(await api(t, contributor, 'POST', 'articles', { headline: 'Needs an editor' }), 201).json();
    expectStatus(await api(t, editor, 'PUT', `articles/${theirs.id}`, { revision: 1, headline: 'Edited by the editor' }), 200);
    expectStatus(await api(t, editor, 'POST', `articles/${theirs.id}/publish`), 200);
    const all = expectStatus(await api(t, editor, 'GET', 'articles'), 200).json();
    assert.ok(all.total >= 4, 'sees everyone’s');
    expectStatus(await api(t, editor, 'POST', 'tags', { name: 'Editor tag' }), 201);
    expectStatus(await api(t, editor, 'POST', 'pages', { title: 'Editor page' }), 201);
    expectStatus(await api(t, editor, 'GET', 'settings'), 200);
    forbidden(await api(t, editor, 'PUT', 'settings', { title: 'Editor title' }), 'settings');
    forbidden(await api(t, editor, 'GET', 'api-keys'), 'list keys');
    forbidden(await api(t, editor, 'POST', 'api-keys', { name: 'x' }), 'make keys');
  });

  test('an administrator changes settings and keys', async () => {
    expectStatus(await api(t, admin, 'PUT', 'settings', { description: 'Admin description' }), 200);
    expectStatus(await api(t, admin, 'POST', 'api-keys', { name: 'App' }), 201);
  });
});
