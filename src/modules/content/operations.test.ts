// The content operations against the real database (SQLite, or PostgreSQL when DATABASE_URL is set): what
// they refuse, that a refusal writes nothing, and the redirect rows slug and date changes leave behind.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { anAuthor, aTag } from '../../../test/factories.js';
import type { Ctx } from '../../platform/context/index.js';
import { AppError, type ErrorCode } from '../../platform/http/errors.js';
import { createArticle } from './operations/createArticle.js';
import { updateArticle } from './operations/updateArticle.js';
import { deleteArticle } from './operations/deleteArticle.js';
import { publishDueArticles } from './operations/publishDueArticles.js';
import { savePage } from './operations/savePage.js';
import type { ArticleInput } from './operations/articleInput.js';

const TABLES = ['articles', 'article_authors', 'article_tags', 'redirects', 'pages'] as const;

async function countRows(ctx: Ctx): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) {
    const r = await ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

function isAppError(code: ErrorCode, field?: string) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (field !== undefined) assert.equal(err.field, field);
    assert.ok(err.message.length > 0);
    return true;
  };
}

async function redirects(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('redirects').select(['from_path', 'to_path', 'status']).execute();
  return rows.map((r) => ({ from: r.from_path, to: r.to_path, status: Number(r.status) })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

describe('article operations', () => {
  let t: TestApp;
  let author: number;
  let tag: number;

  const input = (over: Partial<ArticleInput> = {}): ArticleInput => ({
    headline: 'Ceasefire talks resume',
    kicker: 'Sudan',
    standfirst: 'Both sides are back in Jeddah.',
    bodyHtml: '<p>Body.</p>',
    status: 'published',
    publishedAt: '2025-05-14T08:00:00Z',
    authorIds: [author],
    tagIds: [tag],
    ...over,
  });

  before(async () => {
    t = await createTestApp();
    author = await anAuthor(t.ctx);
    tag = await aTag(t.ctx);
  });
  after(() => t.close());

  test('a second article with the same slug in the same month is a conflict, and nothing is written', async () => {
    const first = await createArticle(t.ctx, input({ slug: 'same-slug' }));
    assert.equal(first.path, '/2025/05/same-slug/');
    const before = await countRows(t.ctx);
    await assert.rejects(createArticle(t.ctx, input({ slug: 'same-slug', headline: 'Another story', publishedAt: '2025-05-30T23:59:59Z' })), isAppError('BROADSIDE_E_CONFLICT', 'slug'));
    // Slug derived from the headline clashes the same way.
    await createArticle(t.ctx, input({ headline: 'Derived slug story', publishedAt: '2025-05-02T08:00:00Z' }));
    const before2 = await countRows(t.ctx);
    assert.equal(before2.articles, before.articles + 1);
    await assert.rejects(createArticle(t.ctx, input({ headline: 'Derived slug story', publishedAt: '2025-05-20T08:00:00Z' })), isAppError('BROADSIDE_E_CONFLICT'));
    assert.deepEqual(await countRows(t.ctx), before2);
    const rows = await t.ctx.db.selectFrom('articles').select('headline').where('slug', '=', 'same-slug').execute();
    assert.deepEqual(rows.map((r) => r.headline), ['Ceasefire talks resume']);
  });

  test('the same slug in another month is fine', async () => {
    const before = await countRows(t.ctx);
    const r = await createArticle(t.ctx, input({ slug: 'same-slug', publishedAt: '2025-06-01T00:00:00Z' }));
    assert.equal(r.path, '/2025/06/same-slug/');
    const after = await countRows(t.ctx);
    assert.equal(after.articles, before.articles + 1);
    assert.equal(after.article_authors, before.article_authors + 1);
    assert.equal(after.article_tags, before.article_tags + 1);
  });

  test('a draft does not claim its slug; publishing it into a month where the slug is taken is a conflict', async () => {
    const draft = await createArticle(t.ctx, input({ slug: 'same-slug', status: 'draft', publishedAt: null }));
    assert.equal(draft.path, null);
    const before = await countRows(t.ctx);
    await assert.rejects(updateArticle(t.ctx, draft.id, input({ slug: 'same-slug', status: 'published' })), isAppError('BROADSIDE_E_CONFLICT', 'slug'));
    assert.deepEqual(await countRows(t.ctx), before);
    const row = await t.ctx.db.selectFrom('articles').select(['status', 'month_key']).where('id', '=', draft.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { status: 'draft', month_key: null });
  });

  test('renaming onto another article’s slug in the same month is a conflict and leaves the article as it was', async () => {
    const a = await createArticle(t.ctx, input({ slug: 'rename-me', headline: 'Rename me', publishedAt: '2025-07-01T08:00:00Z' }));
    await createArticle(t.ctx, input({ slug: 'taken', headline: 'Taken', publishedAt: '2025-07-02T08:00:00Z' }));
    const before = await countRows(t.ctx);
    await assert.rejects(updateArticle(t.ctx, a.id, input({ slug: 'taken', headline: 'Renamed', publishedAt: '2025-07-01T08:00:00Z' })), isAppError('BROADSIDE_E_CONFLICT', 'slug'));
    assert.deepEqual(await countRows(t.ctx), before);
    const row = await t.ctx.db.selectFrom('articles').select(['slug', 'headline']).where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { slug: 'rename-me', headline: 'Rename me' });
  });

  const bad: [string, Partial<ArticleInput>, string][] = [
    ['an empty headline', { headline: '' }, 'headline'],
    ['a blank headline', { headline: '  \n\t ' }, 'headline'],
    ['a headline over 300 characters', { headline: 'x'.repeat(301) }, 'headline'],
    ['a bad slug', { slug: 'Bad Slug!' }, 'slug'],
    ['a slug with a double hyphen', { slug: 'bad--slug' }, 'slug'],
    ['a slug of 201 characters', { slug: 'a'.repeat(201) }, 'slug'],
    ['a headline that makes no slug', { headline: '!!!' }, 'slug'],
    ['a bad date', { publishedAt: 'not-a-date' }, 'publishedAt'],
    ['a scheduled article without a time', { status: 'scheduled', publishedAt: null }, 'publishedAt'],
    ['an unknown status', { status: 'live' as ArticleInput['status'] }, 'status'],
    ['no authors', { authorIds: [] }, 'authorIds'],
    ['an author that does not exist', { authorIds: [987654] }, 'authorIds'],
    ['a tag that does not exist', { tagIds: [987654] }, 'tagIds'],
  ];
  for (const [what, over, field] of bad) {
    test(`${what} is refused as bad input, and nothing is written`, async () => {
      const before = await countRows(t.ctx);
      await assert.rejects(createArticle(t.ctx, input({ headline: `Bad input: ${what}`, slug: undefined, ...over })), isAppError('BROADSIDE_E_BAD_INPUT', field));
      assert.deepEqual(await countRows(t.ctx), before);
    });
  }

  test('bad input on update is refused and the article is untouched', async () => {
    const a = await createArticle(t.ctx, input({ headline: 'Stable story', publishedAt: '2025-08-01T08:00:00Z' }));
    const snapshot = await t.ctx.db.selectFrom('articles').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    const before = await countRows(t.ctx);
    for (const over of [{ headline: '' }, { slug: 'Bad Slug!' }, { publishedAt: 'not-a-date' }, { authorIds: [] }, { authorIds: [987654] }]) {
      await assert.rejects(updateArticle(t.ctx, a.id, input({ headline: 'Stable story', publishedAt: '2025-08-01T08:00:00Z', ...over })), isAppError('BROADSIDE_E_BAD_INPUT'));
    }
    assert.deepEqual(await countRows(t.ctx), before);
    assert.deepEqual(await t.ctx.db.selectFrom('articles').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow(), snapshot);
    const links = await t.ctx.db.selectFrom('article_authors').select('author_id').where('article_id', '=', a.id).execute();
    assert.deepEqual(links.map((l) => Number(l.author_id)), [author]);
  });

  test('updating or deleting an article that does not exist is not found', async () => {
    await assert.rejects(updateArticle(t.ctx, 987654, input()), isAppError('BROADSIDE_E_NOT_FOUND'));
    await assert.rejects(deleteArticle(t.ctx, 987654), isAppError('BROADSIDE_E_NOT_FOUND'));
  });

  test('slug and date changes leave one-hop 301s; deletion turns them all into 410s', async () => {
    const base = input({ headline: 'Hop story', slug: 'hop-one', publishedAt: '2025-09-10T08:00:00Z' });
    const { id } = await createArticle(t.ctx, base);
    const mine = async () => (await redirects(t.ctx)).filter((r) => r.from.includes('/hop-'));
    assert.deepEqual(await mine(), []);

    await updateArticle(t.ctx, id, { ...base, slug: 'hop-two' });
    assert.deepEqual(await mine(), [{ from: '/2025/09/hop-one/', to: '/2025/09/hop-two/', status: 301 }]);

    await updateArticle(t.ctx, id, { ...base, slug: 'hop-three', publishedAt: '2025-10-01T08:00:00Z' });
    assert.deepEqual(await mine(), [
      { from: '/2025/09/hop-one/', to: '/2025/10/hop-three/', status: 301 },
      { from: '/2025/09/hop-two/', to: '/2025/10/hop-three/', status: 301 },
    ]);

    // Moving back to an earlier URL takes it back: no redirect from the page's own address.
    await updateArticle(t.ctx, id, { ...base, slug: 'hop-one' });
    assert.deepEqual(await mine(), [
      { from: '/2025/09/hop-two/', to: '/2025/09/hop-one/', status: 301 },
      { from: '/2025/10/hop-three/', to: '/2025/09/hop-one/', status: 301 },
    ]);

    // An edit that keeps the URL leaves the redirects alone.
    await updateArticle(t.ctx, id, { ...base, slug: 'hop-one', headline: 'Hop story, corrected' });
    assert.equal((await mine()).length, 2);

    await deleteArticle(t.ctx, id);
    assert.deepEqual(await mine(), [
      { from: '/2025/09/hop-one/', to: null, status: 410 },
      { from: '/2025/09/hop-two/', to: null, status: 410 },
      { from: '/2025/10/hop-three/', to: null, status: 410 },
    ]);
    const gone = await t.ctx.db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
    assert.equal(gone, undefined);
    const links = await t.ctx.db.selectFrom('article_authors').select('author_id').where('article_id', '=', id).execute();
    assert.deepEqual(links, []);
  });

  test('a draft or scheduled article leaves no redirect when it moves or goes', async () => {
    const before = (await redirects(t.ctx)).length;
    const d = await createArticle(t.ctx, input({ headline: 'Quiet draft', status: 'draft' }));
    await updateArticle(t.ctx, d.id, input({ headline: 'Quiet draft', slug: 'quiet-draft-two', status: 'draft' }));
    await deleteArticle(t.ctx, d.id);
    const s = await createArticle(t.ctx, input({ headline: 'Quiet scheduled', status: 'scheduled', publishedAt: '2099-03-01T08:00:00Z' }));
    assert.equal(s.path, '/2099/03/quiet-scheduled/');
    await updateArticle(t.ctx, s.id, input({ headline: 'Quiet scheduled', slug: 'quiet-scheduled-two', status: 'scheduled', publishedAt: '2099-03-01T08:00:00Z' }));
    await deleteArticle(t.ctx, s.id);
    assert.equal((await redirects(t.ctx)).length, before);
  });

  test('“published” with a time still to come is stored as scheduled, and published when due', async () => {
    const r = await createArticle(t.ctx, input({ headline: 'Embargoed story', status: 'published', publishedAt: '2030-01-01T06:00:00Z' }), '2029-12-31T12:00:00.000Z');
    assert.equal(r.path, '/2030/01/embargoed-story/');
    const status = async () => (await t.ctx.db.selectFrom('articles').select('status').where('id', '=', r.id).executeTakeFirstOrThrow()).status;
    assert.equal(await status(), 'scheduled');
    assert.equal(await publishDueArticles(t.ctx, '2029-12-31T23:59:59.999Z'), 0);
    assert.equal(await status(), 'scheduled');
    assert.ok((await publishDueArticles(t.ctx, '2030-01-01T06:00:00.000Z')) >= 1);
    assert.equal(await status(), 'published');
    // A past date stays published; no date means now.
    const p = await createArticle(t.ctx, input({ headline: 'Plain story', publishedAt: null }), '2025-11-05T10:00:00.000Z');
    assert.equal(p.path, '/2025/11/plain-story/');
    const row = await t.ctx.db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', p.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'published');
    assert.equal(new Date(row.published_at!).toISOString(), '2025-11-05T10:00:00.000Z');
  });
});

describe('page operations', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('reserved and malformed page slugs are refused, and nothing is written', async () => {
    const before = await countRows(t.ctx);
    for (const slug of ['feed', 'tag', 'author', 'page', 'admin', 'api', 'assets', '2025', 'Bad Slug!']) {
      await assert.rejects(savePage(t.ctx, { title: 'Reserved', slug, bodyHtml: '<p>x</p>' }), isAppError('BROADSIDE_E_BAD_INPUT', 'slug'), slug);
    }
    await assert.rejects(savePage(t.ctx, { title: ' ', bodyHtml: '<p>x</p>' }), isAppError('BROADSIDE_E_BAD_INPUT', 'title'));
    assert.deepEqual(await countRows(t.ctx), before);
  });

  test('saving a page with an existing slug replaces it', async () => {
    const a = await savePage(t.ctx, { title: 'Support us', bodyHtml: '<p>One.</p>' });
    const b = await savePage(t.ctx, { title: 'Support us', bodyHtml: '<p>Two.</p><script>bad()</script>' });
    assert.equal(b, a);
    const rows = await t.ctx.db.selectFrom('pages').select(['slug', 'body_html']).execute();
    assert.deepEqual(rows.map((r) => ({ ...r })), [{ slug: 'support-us', body_html: '<p>Two.</p>' }]);
  });
});
