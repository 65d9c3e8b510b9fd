// The article admin through HTTP: real database (SQLite, or PostgreSQL when DATABASE_URL is set), real sign-in,
// requests injected into the app. Saves, conflicts, revisions, autosave, publishing, trash, preview, bulk.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { engineName } from '../../../../test/db.js';
import { api, countRows, expectStatus, IMG_NO_ALT, IMG_WITH_ALT, person, type Person } from './testing.js';

const get = (t: TestApp, url: string) => t.app.inject({ method: 'GET', url });

describe(`article admin: create, save, conflicts (${engineName})`, () => {
  let t: TestApp;
  let ed1: Person;
  let ed2: Person;
  before(async () => {
    t = await createTestApp();
    ed1 = await person(t, 'editor', 'Rana Editor');
    ed2 = await person(t, 'editor', 'Karim Editor');
  });
  after(() => t.close());

  test('a new article is a draft under the writer’s byline, at revision 1 with a first revision row', async () => {
    const res = expectStatus(await api(t, ed1, 'POST', 'articles', { headline: 'Water in Basra', bodyHtml: '<p>One two three four five.</p>' }), 201);
    const a = res.json();
    assert.equal(a.status, 'draft');
    assert.equal(a.revision, 1);
    assert.deepEqual(a.authorIds, [ed1.authorId]);
    assert.equal(a.slug, 'water-in-basra');
    assert.equal(a.path, null);
    assert.equal(a.wordCount, 5);
    assert.equal(a.readingMinutes, 1);
    assert.equal(a.trashedAt, null);
    assert.equal(a.autosave, null);
    const revs = expectStatus(await api(t, ed1, 'GET', `articles/${a.id}/revisions`), 200).json().items;
    assert.equal(revs.length, 1);
    assert.equal(revs[0].kind, 'save');
    assert.equal(revs[0].revision, 1);
    assert.deepEqual(revs[0].author, { id: ed1.id, name: 'Rana Editor' });
  });

  test('reading time is words / 230, rounded', async () => {
    const words = Array.from({ length: 700 }, (_, i) => `w${i}`).join(' ');
    const a = expectStatus(await api(t, ed1, 'POST', 'articles', { headline: 'Long read', bodyHtml: `<p>${words}</p>` }), 201).json();
    assert.equal(a.wordCount, 700);
    assert.equal(a.readingMinutes, 3);
  });

  test('bad input on create: a clear 400 naming the field, and nothing written', async () => {
    const before = await countRows(t, 'articles');
    const revs = await countRows(t, 'revisions');
    const cases: [unknown, string, RegExp][] = [
      [{}, 'headline', /required/],
      [{ headline: 'x', colour: 'red' }, 'colour', /not a field/],
      [{ headline: 42 }, 'headline', /text/],
      [{ headline: '   ' }, 'headline', /empty/],
      [{ headline: 'x', authorIds: 'me' }, 'authorIds', /list/],
      [{ headline: 'x', authorIds: [] }, 'authorIds', /at least 1/],
      [{ headline: 'x', authorIds: [999999] }, 'authorIds', /does not exist/],
      [{ headline: 'x', tagIds: [999999] }, 'tagIds', /does not exist/],
      [{ headline: 'x', slug: 'Not A Slug!' }, 'slug', /lowercase/],
      [{ headline: 'x', status: 'live' }, 'status', /one of/],
      [{ headline: 'x', publishedAt: 'yesterday' }, 'publishedAt', /date and time/],
      [{ headline: 'x', status: 'scheduled' }, 'publishedAt', /needs a publication time/],
      [{ headline: 'x'.repeat(301) }, 'headline', /longer than 300/],
    ];
    for (const [body, field, message] of cases) {
      const res = await api(t, ed1, 'POST', 'articles', body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
      const e = res.json().error;
      assert.equal(e.code, 'BROADSIDE_E_BAD_INPUT');
      assert.equal(e.field, field, JSON.stringify(body));
      assert.match(e.message, message);
    }
    const notJson = await api(t, ed1, 'POST', 'articles', '{"headline": ');
    assert.equal(notJson.statusCode, 400);
    assert.equal(notJson.json().error.code, 'BROADSIDE_E_BAD_INPUT');
    assert.equal(await countRows(t, 'articles'), before);
    assert.equal(await countRows(t, 'revisions'), revs);
  });

  test('a save with the loaded revision goes through: revision + 1, a save row, fields left out kept', async () => {
    const a = expectStatus(await api(t, ed1, 'POST', 'articles', { headline: 'Original', kicker: 'Iraq', standfirst: 'First.' }), 201).json();
    const saved = expectStatus(await api(t, ed1, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'Changed' }), 200).json();
    assert.equal(saved.revision, 2);
    assert.equal(saved.headline, 'Changed');
    assert.equal(saved.kicker, 'Iraq');
    assert.equal(saved.standfirst, 'First.');
    const revs = expectStatus(await api(t, ed1, 'GET', `articles/${a.id}/revisions`), 200).json().items;
    assert.deepEqual(revs.map((r: { kind: string; revision: number }) => [r.kind, r.revision]), [['save', 2], ['save', 1]]);
  });

  test('two editors: the second save is refused with 409 and both versions are kept', async () => {
    const a = expectStatus(await api(t, ed1, 'POST', 'articles', { headline: 'Budget vote', bodyHtml: '<p>Draft text.</p>' }), 201).json();
    // Both open revision 1.
    const opened1 = expectStatus(await api(t, ed1, 'GET', `articles/${a.id}`), 200).json();
    const opened2 = expectStatus(await api(t, ed2, 'GET', `articles/${a.id}`), 200).json();
    assert.equal(opened1.revision, 1);
    assert.equal(opened2.revision, 1);

    expectStatus(await api(t, ed1, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'Budget vote passes', bodyHtml: '<p>Rana’s text.</p>' }), 200);
    const refused = await api(t, ed2, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'Budget vote fails', bodyHtml: '<p>Karim’s text.</p>' });
    assert.equal(refused.statusCode, 409);
    const body = refused.json();
    assert.equal(body.error.code, 'BROADSIDE_E_CONFLICT');
    assert.match(body.error.message, /^Someone else saved this article since you opened it/);
    assert.equal(body.current.revision, 2);
    assert.equal(body.current.headline, 'Budget vote passes');

    // The live article is the first editor's; the refused version is in the history.
    const live = expectStatus(await api(t, ed1, 'GET', `articles/${a.id}`), 200).json();
    assert.equal(live.headline, 'Budget vote passes');
    assert.equal(live.revision, 2);
    const revs = expectStatus(await api(t, ed2, 'GET', `articles/${a.id}/revisions`), 200).json().items;
    assert.deepEqual(revs.map((r: { kind: string; revision: number }) => [r.kind, r.revision]), [['conflict', 1], ['save', 2], ['save', 1]]);
    assert.equal(revs[0].author.id, ed2.id);
    const kept = expectStatus(await api(t, ed2, 'GET', `articles/${a.id}/revisions/${revs[0].id}`), 200).json();
    assert.equal(kept.fields.headline, 'Budget vote fails');
    assert.equal(kept.fields.bodyHtml, '<p>Karim’s text.</p>');
    const won = expectStatus(await api(t, ed2, 'GET', `articles/${a.id}/revisions/${revs[1].id}`), 200).json();
    assert.equal(won.fields.headline, 'Budget vote passes');

    // Having merged, the second editor saves against the current revision.
    const merged = expectStatus(await api(t, ed2, 'PUT', `articles/${a.id}`, { revision: 2, headline: 'Budget vote passes narrowly' }), 200).json();
    assert.equal(merged.revision, 3);
  });

  test('saves that race each other: exactly one wins, the other is kept as a conflict', async () => {
    const a = expectStatus(await api(t, ed1, 'POST', 'articles', { headline: 'Race' }), 201).json();
    const [r1, r2] = await Promise.all([
      api(t, ed1, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'Race one' }),
      api(t, ed2, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'Race two' }),
    ]);
    assert.deepEqual([r1.statusCode, r2.statusCode].sort(), [200, 409]);
    const live = expectStatus(await api(t, ed1, 'GET', `articles/${a.id}`), 200).json();
    assert.equal(live.revision, 2);
    const winner = r1.statusCode === 200 ? 'Race one' : 'Race two';
    assert.equal(live.headline, winner);
    const kinds = expectStatus(await api(t, ed1, 'GET', `articles/${a.id}/revisions`), 200).json().items.map((r: { kind: string }) => r.kind);
    assert.deepEqual(kinds.sort(), ['conflict', 'save', 'save']);
  });

  test('bad input on save: 400, and the article and its revision are unchanged', async () => {
    const a = expectStatus(await api(t, ed1, 'POST', 'articles', { headline: 'Stable' }), 201).json();
    const cases: [unknown, string][] = [
      [{ headline: 'No revision' }, 'revision'],
      [{ revision: 'one' }, 'revision'],
      [{ revision: 1, headline: '' }, 'headline'],
      [{ revision: 1, trashed: true }, 'trashed'],
      [{ revision: 1, tagIds: [0] }, 'tagIds[0]'],
    ];
    for (const [body, field] of cases) {
      const res = await api(t, ed1, 'PUT', `articles/${a.id}`, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.field, field);
    }
    const bad = await api(t, ed1, 'PUT', 'articles/abc', { revision: 1 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'id');
    const missing = await api(t, ed1, 'PUT', 'articles/999999', { revision: 1 });
    assert.equal(missing.statusCode, 404);
    const now = expectStatus(await api(t, ed1, 'GET', `articles/${a.id}`), 200).json();
    assert.equal(now.revision, 1);
    assert.equal(now.headline, 'Stable');
  });

  test('another slug in the same month is refused with 409 and the save is rolled back', async () => {
    const at = '2025-03-10T09:00:00Z';
    expectStatus(await api(t, ed1, 'POST', 'articles', { headline: 'Taken', status: 'published', publishedAt: at }), 201);
    const b = expectStatus(await api(t, ed1, 'POST', 'articles', { headline: 'Other', status: 'published', publishedAt: at }), 201).json();
    const res = await api(t, ed1, 'PUT', `articles/${b.id}`, { revision: 1, slug: 'taken' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.field, 'slug');
    const now = expectStatus(await api(t, ed1, 'GET', `articles/${b.id}`), 200).json();
    assert.equal(now.revision, 1);
    assert.equal(now.slug, 'other');
    const revs = expectStatus(await api(t, ed1, 'GET', `articles/${b.id}/revisions`), 200).json().items;
    assert.equal(revs.length, 1);
  });
});

describe(`article admin: revisions, diff, restore, autosave (${engineName})`, () => {
  let t: TestApp;
  let ed: Person;
  let other: Person;
  before(async () => {
    t = await createTestApp();
    ed = await person(t, 'editor');
    other = await person(t, 'editor');
  });
  after(() => t.close());

  test('diff a revision against the current article and against another revision, word by word', async () => {
    const tag1 = expectStatus(await api(t, ed, 'POST', 'tags', { name: 'Water' }), 201).json();
    const tag2 = expectStatus(await api(t, ed, 'POST', 'tags', { name: 'Energy' }), 201).json();
    const a = expectStatus(
      await api(t, ed, 'POST', 'articles', { headline: 'The river runs low', bodyHtml: '<p>First paragraph here.</p><p>Second one.</p>', tagIds: [tag1.id] }),
      201,
    ).json();
    expectStatus(await api(t, ed, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'The river runs dry', bodyHtml: '<p>First paragraph here.</p><p>Second one, changed.</p>', tagIds: [tag2.id] }), 200);
    const revs = expectStatus(await api(t, ed, 'GET', `articles/${a.id}/revisions`), 200).json().items;
    const first = revs.find((r: { revision: number }) => r.revision === 1);

    const d = expectStatus(await api(t, ed, 'GET', `articles/${a.id}/revisions/${first.id}/diff`), 200).json();
    assert.equal(d.to.current, true);
    const headline = d.fields.headline as { value: string; added?: boolean; removed?: boolean }[];
    assert.deepEqual(headline.filter((p) => p.removed).map((p) => p.value.trim()), ['low']);
    assert.deepEqual(headline.filter((p) => p.added).map((p) => p.value.trim()), ['dry']);
    assert.ok(headline.some((p) => !p.added && !p.removed && p.value.includes('The river runs')));
    const body = d.fields.bodyHtml as { value: string; added?: boolean }[];
    assert.ok(body.some((p) => p.added && p.value.includes('changed')), JSON.stringify(body));
    assert.ok(!body.some((p) => p.value.includes('<p>')), 'the body diff is over text');
    assert.ok(body.map((p) => p.value).join('').includes('\n\n'), 'blocks stay apart');
    assert.deepEqual(d.fields.tags, [{ value: 'Water', removed: true }, { value: 'Energy', added: true }]);
    assert.deepEqual(d.fields.kicker, []);

    // Against itself: nothing added or removed.
    const same = expectStatus(await api(t, ed, 'GET', `articles/${a.id}/revisions/${first.id}/diff?against=${first.id}`), 200).json();
    for (const parts of Object.values(same.fields) as { added?: boolean; removed?: boolean }[][]) assert.ok(parts.every((p) => !p.added && !p.removed));

    const bad = await api(t, ed, 'GET', `articles/${a.id}/revisions/${first.id}/diff?against=yesterday`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'against');
    const missing = await api(t, ed, 'GET', `articles/${a.id}/revisions/99999/diff`);
    assert.equal(missing.statusCode, 404);
  });

  test('restoring a revision is a new save of kind restore; the status stays', async () => {
    const a = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Before', standfirst: 'Old standfirst.', status: 'published', publishedAt: '2025-06-01T08:00:00Z' }), 201).json();
    expectStatus(await api(t, ed, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'After', standfirst: 'New standfirst.' }), 200);
    const revs = expectStatus(await api(t, ed, 'GET', `articles/${a.id}/revisions`), 200).json().items;
    const first = revs.find((r: { revision: number }) => r.revision === 1);
    const restored = expectStatus(await api(t, ed, 'POST', `articles/${a.id}/revisions/${first.id}/restore`), 200).json();
    assert.equal(restored.headline, 'Before');
    assert.equal(restored.standfirst, 'Old standfirst.');
    assert.equal(restored.revision, 3);
    assert.equal(restored.status, 'published');
    const after = expectStatus(await api(t, ed, 'GET', `articles/${a.id}/revisions`), 200).json().items;
    assert.equal(after[0].kind, 'restore');
    assert.equal(after[0].revision, 3);
    assert.equal((await get(t, restored.path)).statusCode, 200);
    // A revision of another article is not this article's.
    const b = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Unrelated' }), 201).json();
    assert.equal((await api(t, ed, 'POST', `articles/${b.id}/revisions/${first.id}/restore`)).statusCode, 404);
  });

  test('autosave keeps unsaved work per person without touching the article; a save clears it', async () => {
    const a = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Autosaved piece' }), 201).json();
    expectStatus(await api(t, ed, 'POST', `articles/${a.id}/autosave`, { fields: { headline: 'Half-typed headl' } }), 200);
    const kept = expectStatus(await api(t, ed, 'POST', `articles/${a.id}/autosave`, { fields: { headline: 'Half-typed headline', bodyHtml: '<p>New<script>alert(1)</script> words</p>' } }), 200).json();
    assert.equal(kept.revision, 1);

    const mine = expectStatus(await api(t, ed, 'GET', `articles/${a.id}`), 200).json();
    assert.equal(mine.headline, 'Autosaved piece', 'the live article is untouched');
    assert.equal(mine.revision, 1);
    assert.ok(mine.autosave, 'the autosave is offered back');
    assert.equal(mine.autosave.fields.headline, 'Half-typed headline');
    assert.equal(mine.autosave.fields.bodyHtml, '<p>New words</p>', 'sanitised');
    const rows = await t.ctx.db.selectFrom('revisions').select('id').where('article_id', '=', a.id).where('kind', '=', 'autosave').execute();
    assert.equal(rows.length, 1, 'one autosave per person: the second replaced the first');

    // Someone else sees neither the autosave nor it in the history.
    const theirs = expectStatus(await api(t, other, 'GET', `articles/${a.id}`), 200).json();
    assert.equal(theirs.autosave, null);
    const theirRevs = expectStatus(await api(t, other, 'GET', `articles/${a.id}/revisions`), 200).json().items;
    assert.ok(!theirRevs.some((r: { kind: string }) => r.kind === 'autosave'));
    assert.ok(expectStatus(await api(t, ed, 'GET', `articles/${a.id}/revisions`), 200).json().items.some((r: { kind: string }) => r.kind === 'autosave'));

    // Saving clears the writer's autosave.
    expectStatus(await api(t, ed, 'PUT', `articles/${a.id}`, { revision: 1, headline: 'Half-typed headline' }), 200);
    assert.equal(expectStatus(await api(t, ed, 'GET', `articles/${a.id}`), 200).json().autosave, null);
    assert.equal((await t.ctx.db.selectFrom('revisions').select('id').where('article_id', '=', a.id).where('kind', '=', 'autosave').execute()).length, 0);
  });

  test('bad autosave input is refused', async () => {
    const a = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Autosave input' }), 201).json();
    const cases: [unknown, string][] = [
      [{}, 'fields'],
      [{ fields: 'text' }, 'fields'],
      [{ fields: { headline: 'x', colour: 'red' } }, 'fields.colour'],
      [{ fields: { authorIds: ['me'] } }, 'fields.authorIds[0]'],
      [{ fields: {}, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await api(t, ed, 'POST', `articles/${a.id}/autosave`, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.field, field);
    }
    assert.equal((await api(t, ed, 'POST', 'articles/999999/autosave', { fields: {} })).statusCode, 404);
  });
});

describe(`article admin: publishing, alt text, trash, preview, bulk (${engineName})`, () => {
  let t: TestApp;
  let ed: Person;
  before(async () => {
    t = await createTestApp();
    ed = await person(t, 'editor');
  });
  after(() => t.close());

  test('publishing refuses images without alt text, listing them; the article stays a draft', async () => {
    const a = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Floods', bodyHtml: `<p>Text.</p>${IMG_NO_ALT}${IMG_WITH_ALT}` }), 201).json();
    const res = await api(t, ed, 'POST', `articles/${a.id}/publish`);
    assert.equal(res.statusCode, 400);
    const e = res.json().error;
    assert.equal(e.code, 'BROADSIDE_E_BAD_INPUT');
    assert.equal(e.field, 'bodyHtml');
    assert.deepEqual(e.images, ['https://cdn.example.org/flood.jpg']);
    assert.match(e.message, /alt text/);
    assert.match(e.message, /flood\.jpg/);
    const still = expectStatus(await api(t, ed, 'GET', `articles/${a.id}`), 200).json();
    assert.equal(still.status, 'draft');
    assert.equal(still.revision, 1);
    // The same through a save, and at creation.
    const put = await api(t, ed, 'PUT', `articles/${a.id}`, { revision: 1, status: 'published' });
    assert.equal(put.statusCode, 400);
    assert.deepEqual(put.json().error.images, ['https://cdn.example.org/flood.jpg']);
    const created = await api(t, ed, 'POST', 'articles', { headline: 'Floods again', bodyHtml: IMG_NO_ALT, status: 'published' });
    assert.equal(created.statusCode, 400);
    // Described: it goes out.
    const fixed = expectStatus(await api(t, ed, 'PUT', `articles/${a.id}`, { revision: 1, bodyHtml: `<p>Text.</p>${IMG_WITH_ALT}` }), 200).json();
    const published = expectStatus(await api(t, ed, 'POST', `articles/${a.id}/publish`), 200).json();
    assert.equal(published.status, 'published');
    assert.equal(published.revision, fixed.revision + 1);
    assert.ok(published.path);
    assert.equal((await get(t, published.path)).statusCode, 200);
  });

  test('publish at a time to come schedules; unpublish takes it off the site', async () => {
    const a = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Scheduled piece' }), 201).json();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const s = expectStatus(await api(t, ed, 'POST', `articles/${a.id}/publish`, { publishedAt: future }), 200).json();
    assert.equal(s.status, 'scheduled');
    assert.equal(s.publishedAt, future);
    assert.equal((await get(t, s.path)).statusCode, 404);
    const bad = await api(t, ed, 'POST', `articles/${a.id}/publish`, { publishedAt: 'soon' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'publishedAt');
    assert.equal((await api(t, ed, 'POST', `articles/${a.id}/publish`, { when: 'now' })).statusCode, 400);

    const now = expectStatus(await api(t, ed, 'POST', `articles/${a.id}/publish`, { publishedAt: null }), 200).json();
    assert.equal(now.status, 'published');
    assert.equal((await get(t, now.path)).statusCode, 200);
    const home = (await get(t, '/')).body;
    assert.ok(home.includes('Scheduled piece'));

    const un = expectStatus(await api(t, ed, 'POST', `articles/${a.id}/unpublish`), 200).json();
    assert.equal(un.status, 'draft');
    assert.equal(un.path, null);
    assert.equal((await get(t, now.path)).statusCode, 404);
    assert.ok(!(await get(t, '/')).body.includes('Scheduled piece'), 'the cached home page was invalidated');
  });

  test('trash: off the site at once, out of the default list, no edits; restore brings back a draft', async () => {
    const a = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Trash me', status: 'published', publishedAt: '2025-04-02T10:00:00Z' }), 201).json();
    assert.equal((await get(t, a.path)).statusCode, 200);
    assert.ok((await get(t, '/')).body.includes('Trash me'));

    const trashed = expectStatus(await api(t, ed, 'POST', `articles/${a.id}/trash`), 200).json();
    assert.ok(trashed.trashedAt);
    assert.equal((await get(t, a.path)).statusCode, 404);
    assert.ok(!(await get(t, '/')).body.includes('Trash me'));
    assert.ok(!(await get(t, '/sitemap.xml')).body.includes(a.path));
    assert.ok(!(await get(t, '/feed/')).body.includes('Trash me'));

    const list = expectStatus(await api(t, ed, 'GET', 'articles'), 200).json();
    assert.ok(!list.items.some((i: { id: number }) => i.id === a.id));
    const trash = expectStatus(await api(t, ed, 'GET', 'articles?status=trash'), 200).json();
    assert.deepEqual(trash.items.map((i: { id: number }) => i.id), [a.id]);
    assert.ok(trash.items[0].trashedAt);

    const edit = await api(t, ed, 'PUT', `articles/${a.id}`, { revision: trashed.revision, headline: 'Edited in the trash' });
    assert.equal(edit.statusCode, 409);
    assert.match(edit.json().error.message, /trash/);
    assert.equal((await api(t, ed, 'POST', `articles/${a.id}/publish`)).statusCode, 409);

    const restored = expectStatus(await api(t, ed, 'POST', `articles/${a.id}/restore`), 200).json();
    assert.equal(restored.trashedAt, null);
    assert.equal(restored.status, 'draft');
    assert.equal((await get(t, a.path)).statusCode, 404, 'a draft now');
    assert.equal((await api(t, ed, 'POST', `articles/${a.id}/restore`)).statusCode, 409, 'not in the trash');
  });

  test('delete works from the trash only, and a URL that was public answers 410', async () => {
    const a = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Delete me', status: 'published', publishedAt: '2025-04-03T10:00:00Z' }), 201).json();
    const early = await api(t, ed, 'DELETE', `articles/${a.id}`);
    assert.equal(early.statusCode, 409);
    assert.match(early.json().error.message, /trash/);
    assert.equal((await get(t, a.path)).statusCode, 200);

    expectStatus(await api(t, ed, 'POST', `articles/${a.id}/trash`), 200);
    expectStatus(await api(t, ed, 'DELETE', `articles/${a.id}`), 204);
    assert.equal((await get(t, a.path)).statusCode, 410);
    assert.equal((await api(t, ed, 'GET', `articles/${a.id}`)).statusCode, 404);
    const revs = await t.ctx.db.selectFrom('revisions').select('id').where('article_id', '=', a.id).execute();
    assert.equal(revs.length, 0, 'its history goes with it');
  });

  test('preview: the public article page for a draft, noindex, no-store, never cached', async () => {
    const tag = expectStatus(await api(t, ed, 'POST', 'tags', { name: 'Kurdistan' }), 201).json();
    const a = expectStatus(
      await api(t, ed, 'POST', 'articles', { headline: 'Secret draft <b>bold</b>', kicker: 'Exclusive', standfirst: 'Not out yet.', bodyHtml: '<p>Preview body text.</p>', tagIds: [tag.id] }),
      201,
    ).json();
    const cached = t.cache.size;
    const res = expectStatus(await api(t, ed, 'GET', `articles/${a.id}/preview`), 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.ok(res.body.includes('<meta name="robots" content="noindex"/>'), 'noindex');
    assert.ok(!res.body.includes('rel="canonical"'));
    assert.ok(res.body.includes('Secret draft &lt;b>bold&lt;/b>') || res.body.includes('Secret draft &lt;b&gt;bold&lt;/b&gt;'), 'escaped headline');
    assert.ok(res.body.includes('<div class="article-body"><p>Preview body text.</p></div>'));
    assert.ok(res.body.includes('class="site-header"'), 'the public layout');
    assert.ok(res.body.includes('href="/tag/kurdistan/"'));
    assert.ok(res.body.includes('1 min read'));
    assert.equal(t.cache.size, cached, 'nothing entered the page cache');
    assert.equal((await api(t, ed, 'GET', `articles/${a.id}/preview`)).statusCode, 200);
    assert.equal((await api(t, null, 'GET', `articles/${a.id}/preview`)).statusCode, 401);
    assert.equal((await api(t, ed, 'GET', 'articles/999999/preview')).statusCode, 404);
  });

  test('bulk actions report per article; one refusal does not undo the others', async () => {
    const ok1 = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Bulk one' }), 201).json();
    const ok2 = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Bulk two' }), 201).json();
    const noAlt = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Bulk no alt', bodyHtml: IMG_NO_ALT }), 201).json();
    const pub = expectStatus(await api(t, ed, 'POST', 'articles/bulk', { ids: [ok1.id, noAlt.id, 999999, ok2.id], action: 'publish' }), 200).json().results;
    assert.deepEqual(
      pub.map((r: { id: number; ok: boolean }) => [r.id, r.ok]),
      [
        [ok1.id, true],
        [noAlt.id, false],
        [999999, false],
        [ok2.id, true],
      ],
    );
    assert.equal(pub[0].status, 'published');
    assert.equal(pub[1].error.code, 'BROADSIDE_E_BAD_INPUT');
    assert.deepEqual(pub[1].error.images, ['https://cdn.example.org/flood.jpg']);
    assert.equal(pub[2].error.code, 'BROADSIDE_E_NOT_FOUND');

    const del = expectStatus(await api(t, ed, 'POST', 'articles/bulk', { ids: [ok1.id], action: 'delete' }), 200).json().results;
    assert.equal(del[0].ok, false, 'delete needs the trash first');
    const tr = expectStatus(await api(t, ed, 'POST', 'articles/bulk', { ids: [ok1.id, ok2.id], action: 'trash' }), 200).json().results;
    assert.ok(tr.every((r: { ok: boolean; trashedAt: string }) => r.ok && r.trashedAt));
    const rs = expectStatus(await api(t, ed, 'POST', 'articles/bulk', { ids: [ok2.id], action: 'restore' }), 200).json().results;
    assert.equal(rs[0].status, 'draft');
    const gone = expectStatus(await api(t, ed, 'POST', 'articles/bulk', { ids: [ok1.id], action: 'delete' }), 200).json().results;
    assert.equal(gone[0].ok, true);
    assert.equal((await api(t, ed, 'GET', `articles/${ok1.id}`)).statusCode, 404);
    const un = expectStatus(await api(t, ed, 'POST', 'articles/bulk', { ids: [ok2.id], action: 'unpublish' }), 200).json().results;
    assert.equal(un[0].status, 'draft');

    for (const [body, field] of [
      [{ ids: [], action: 'publish' }, 'ids'],
      [{ ids: [1], action: 'archive' }, 'action'],
      [{ ids: ['1'], action: 'publish' }, 'ids[0]'],
      [{ ids: [1] }, 'action'],
      [{ ids: Array.from({ length: 101 }, (_, i) => i + 1), action: 'trash' }, 'ids'],
    ] as [unknown, string][]) {
      const res = await api(t, ed, 'POST', 'articles/bulk', body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.field, field);
    }
  });
});

describe(`article admin: the list (${engineName})`, () => {
  let t: TestApp;
  let ed: Person;
  let tagId: number;
  const ids: Record<string, number> = {};
  before(async () => {
    t = await createTestApp();
    ed = await person(t, 'editor');
    tagId = expectStatus(await api(t, ed, 'POST', 'tags', { name: 'Oil' }), 201).json().id;
    const mk = async (key: string, body: object) => (ids[key] = expectStatus(await api(t, ed, 'POST', 'articles', body), 201).json().id);
    await mk('drought', { headline: 'Drought in BASRA province', status: 'published', publishedAt: '2025-01-05T08:00:00Z', tagIds: [tagId] });
    await mk('oil', { headline: 'Oil exports rise', kicker: 'Economy', status: 'published', publishedAt: '2025-02-05T08:00:00Z' });
    await mk('draft', { headline: 'Zakho draft', standfirst: 'About basra too' });
    await mk('future', { headline: 'Anbar later', status: 'scheduled', publishedAt: '2099-01-01T00:00:00Z' });
    await mk('trashed', { headline: 'Basra trashed' });
    expectStatus(await api(t, ed, 'POST', `articles/${ids.trashed}/trash`), 200);
  });
  after(() => t.close());

  const idsOf = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

  test('q matches headline, kicker and standfirst in any case; the trash stays out', async () => {
    const r = expectStatus(await api(t, ed, 'GET', 'articles?q=basra'), 200).json();
    assert.deepEqual(idsOf(r).sort(), [ids.drought, ids.draft].sort());
    assert.deepEqual(idsOf(expectStatus(await api(t, ed, 'GET', 'articles?q=ECONOMY'), 200).json()), [ids.oil]);
    assert.deepEqual(idsOf(expectStatus(await api(t, ed, 'GET', 'articles?q=100%25'), 200).json()), [], 'LIKE wildcards are literal');
  });

  test('status, author and tag filters; items carry authors and tags', async () => {
    assert.deepEqual(idsOf(expectStatus(await api(t, ed, 'GET', 'articles?status=draft'), 200).json()), [ids.draft]);
    assert.deepEqual(idsOf(expectStatus(await api(t, ed, 'GET', 'articles?status=scheduled'), 200).json()), [ids.future]);
    assert.deepEqual(idsOf(expectStatus(await api(t, ed, 'GET', 'articles?status=published&sort=published&dir=asc'), 200).json()), [ids.drought, ids.oil]);
    assert.deepEqual(idsOf(expectStatus(await api(t, ed, 'GET', 'articles?status=trash'), 200).json()), [ids.trashed]);
    const byTag = expectStatus(await api(t, ed, 'GET', `articles?tag=${tagId}`), 200).json();
    assert.deepEqual(idsOf(byTag), [ids.drought]);
    assert.deepEqual(byTag.items[0].tags, [{ id: tagId, name: 'Oil' }]);
    assert.deepEqual(byTag.items[0].authors, [{ id: ed.authorId, name: ed.name }]);
    assert.equal(byTag.items[0].path, '/2025/01/drought-in-basra-province/');
    assert.equal(byTag.total, 1);
    assert.equal(expectStatus(await api(t, ed, 'GET', `articles?author=${ed.authorId}`), 200).json().total, 4);
  });

  test('sorting and pages', async () => {
    const asc = idsOf(expectStatus(await api(t, ed, 'GET', 'articles?sort=headline&dir=asc'), 200).json());
    assert.deepEqual(asc, [ids.future, ids.drought, ids.oil, ids.draft]);
    const desc = idsOf(expectStatus(await api(t, ed, 'GET', 'articles?sort=headline&dir=desc'), 200).json());
    assert.deepEqual(desc, [...asc].reverse());
    const pub = idsOf(expectStatus(await api(t, ed, 'GET', 'articles?sort=published&dir=desc'), 200).json());
    assert.deepEqual(pub, [ids.future, ids.oil, ids.drought, ids.draft], 'no date last');
    const page2 = expectStatus(await api(t, ed, 'GET', 'articles?page=2'), 200).json();
    assert.deepEqual(page2, { items: [], total: 4, page: 2, pages: 1 });
  });

  test('bad list parameters get a 400 naming them', async () => {
    for (const [q, field] of [
      ['status=live', 'status'],
      ['sort=random', 'sort'],
      ['dir=up', 'dir'],
      ['page=0', 'page'],
      ['page=two', 'page'],
      ['author=x', 'author'],
      ['tag=1&tag=2', 'tag'],
    ]) {
      const res = await api(t, ed, 'GET', `articles?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json().error.field, field, q);
    }
  });
});

describe(`article admin: sticky articles (${engineName})`, () => {
  let t: TestApp;
  let ed: Person;
  before(async () => {
    t = await createTestApp({ pageSize: 2 });
    ed = await person(t, 'editor');
  });
  after(() => t.close());

  /** Headlines on the home page, and which of them carry the sticky marker. */
  const home = async () => {
    const html = (await get(t, '/')).body;
    const cards = [...html.matchAll(/<li class="(article-card(?: sticky)?)">[\s\S]*?<h2 class="card-headline"><a [^>]*>([^<]*)<\/a>/g)];
    return cards.map((m) => (m[1] === 'article-card sticky' ? `*${m[2]}` : m[2]));
  };

  test('an editor sets the flag with a save and clears it again; the home page follows each time', async () => {
    const old = expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Old explainer', status: 'published', publishedAt: '2025-01-10T08:00:00Z' }), 201).json();
    assert.equal(old.sticky, false, 'not sticky unless asked');
    expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Newer one', status: 'published', publishedAt: '2025-03-10T08:00:00Z' }), 201);
    expectStatus(await api(t, ed, 'POST', 'articles', { headline: 'Newest one', status: 'published', publishedAt: '2025-04-10T08:00:00Z' }), 201);
    assert.deepEqual(await home(), ['Newest one', 'Newer one']);

    const stuck = expectStatus(await api(t, ed, 'PUT', `articles/${old.id}`, { revision: old.revision, sticky: true }), 200).json();
    assert.equal(stuck.sticky, true);
    assert.equal(stuck.revision, old.revision + 1);
    assert.equal(expectStatus(await api(t, ed, 'GET', `articles/${old.id}`), 200).json().sticky, true);
    assert.deepEqual(await home(), ['*Old explainer', 'Newest one', 'Newer one'], 'the cached home page was dropped');
    // A save that leaves the flag out keeps it.
    const edited = expectStatus(await api(t, ed, 'PUT', `articles/${old.id}`, { revision: stuck.revision, headline: 'Old explainer, updated' }), 200).json();
    assert.equal(edited.sticky, true);
    // The articles list says which are sticky.
    const listed = expectStatus(await api(t, ed, 'GET', 'articles?sort=headline'), 200).json().items as { headline: string; sticky: boolean }[];
    assert.deepEqual(listed.map((a) => [a.headline, a.sticky]), [['Newer one', false], ['Newest one', false], ['Old explainer, updated', true]]);
    // The revision history shows the change.
    const revs = expectStatus(await api(t, ed, 'GET', `articles/${old.id}/revisions`), 200).json().items;
    const first = revs[revs.length - 1];
    const diff = expectStatus(await api(t, ed, 'GET', `articles/${old.id}/revisions/${first.id}/diff`), 200).json();
    assert.deepEqual(diff.fields.sticky, [{ value: 'sticky', added: true }]);

    const cleared = expectStatus(await api(t, ed, 'PUT', `articles/${old.id}`, { revision: edited.revision, sticky: false }), 200).json();
    assert.equal(cleared.sticky, false);
    assert.deepEqual(await home(), ['Newest one', 'Newer one']);
    const row = await t.ctx.db.selectFrom('articles').select('sticky').where('id', '=', old.id).executeTakeFirstOrThrow();
    assert.equal(Number(row.sticky), 0);
  });

  test('sticky needs the right to publish: a contributor may not change it, an author may on their own article', async () => {
    const contributor = await person(t, 'contributor');
    const author = await person(t, 'author');
    const forbidden = (res: { statusCode: number; json(): { error: { code: string } } }, what: string) => {
      assert.equal(res.statusCode, 403, what);
      assert.equal(res.json().error.code, 'BROADSIDE_E_FORBIDDEN', what);
    };
    forbidden(await api(t, contributor, 'POST', 'articles', { headline: 'Pin me', sticky: true }), 'create sticky');
    const draft = expectStatus(await api(t, contributor, 'POST', 'articles', { headline: 'Contributor draft', sticky: false }), 201).json();
    forbidden(await api(t, contributor, 'PUT', `articles/${draft.id}`, { revision: 1, sticky: true }), 'set sticky');
    // An editor sticks it; the contributor's later saves (sending the flag unchanged) still go through.
    expectStatus(await api(t, ed, 'PUT', `articles/${draft.id}`, { revision: 1, sticky: true }), 200);
    const saved = expectStatus(await api(t, contributor, 'PUT', `articles/${draft.id}`, { revision: 2, headline: 'Contributor draft, edited', sticky: true }), 200).json();
    assert.equal(saved.sticky, true);
    forbidden(await api(t, contributor, 'PUT', `articles/${draft.id}`, { revision: 3, sticky: false }), 'clear sticky');

    const own = expectStatus(await api(t, author, 'POST', 'articles', { headline: 'Author piece', sticky: true }), 201).json();
    assert.equal(own.sticky, true);
    assert.equal(expectStatus(await api(t, author, 'PUT', `articles/${own.id}`, { revision: 1, sticky: false }), 200).json().sticky, false);
    const bad = await api(t, ed, 'PUT', `articles/${own.id}`, { revision: 2, sticky: 'yes' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'sticky');
  });
});
