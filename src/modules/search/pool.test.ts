// Searches in worker threads (SQLite): the same answers as in the request's thread, errors that keep their
// meaning, and a change seen by the very next search (each thread reads the file through its own connection).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engineName, type TestDb } from '../../../test/db.js';
import { plainCtx, type Ctx } from '../../platform/context/index.js';
import { AppError } from '../../platform/http/errors.js';
import { createAuthor } from '../content/operations/createAuthor.js';
import { createArticle } from '../content/operations/createArticle.js';
import { updateArticle } from '../content/operations/updateArticle.js';
import type { ArticleInput } from '../content/operations/articleInput.js';
import { inProcessSearcher, threadSearcher, type Searcher } from './pool.js';

const NOW = '2025-06-01T12:00:00.000Z';

describe(`search threads (${engineName})`, { skip: engineName !== 'sqlite' ? 'search threads are for SQLite; PostgreSQL searches run as any query does' : false }, () => {
  let db: TestDb;
  let ctx: Ctx;
  let threads: Searcher;
  let here: Searcher;
  const inputs: ArticleInput[] = [];

  before(async () => {
    db = await createTestDb();
    ctx = plainCtx(db.db, db.engine);
    const author = Number(await createAuthor(ctx, { name: 'Lena Ortiz' }));
    const texts = [
      ['Water rights on the upper river', 'Farmers share the water by the hour.'],
      ['Drought returns to the valley', 'Wells went dry; the water came by truck.'],
      ['A ferry for the lake towns', 'No drought here: the lake is full.'],
      ['Elections in the hill country', 'Turnout was high despite the rain.'],
    ];
    for (const [i, [headline, body]] of texts.entries()) {
      const input: ArticleInput = { headline: headline!, bodyHtml: `<p>${body}</p>`, status: 'published', publishedAt: `2025-0${i + 1}-10T08:00:00Z`, authorIds: [author] };
      inputs.push(input);
      await createArticle(ctx, input, NOW);
    }
    // With a memory map, as the server runs them: what a save commits is still seen at once.
    threads = threadSearcher(db.file!, 2, 64 * 1024 * 1024);
    here = inProcessSearcher(ctx);
  });
  after(async () => {
    await threads?.close();
    await db?.close();
  });

  test('gives the same results as a search in the request thread, in parallel too', async () => {
    const queries = ['water', 'drought', 'water -truck', '"upper river"', 'ferry OR elections', 'nothing-matches-this', ''];
    const inThreads = await Promise.all(queries.map((q) => threads.search({ q }, { now: NOW })));
    for (const [i, q] of queries.entries()) {
      const expected = await here.search({ q }, { now: NOW });
      assert.deepEqual(inThreads[i], expected, `q=${q}`);
    }
    assert.equal(inThreads[0]!.total, 2);
    assert.deepEqual(inThreads[0]!.items.map((a) => a.headline).sort(), ['Drought returns to the valley', 'Water rights on the upper river']);
  });

  test('bad input comes back as the same 400 error', async () => {
    await assert.rejects(threads.search({ q: 'x'.repeat(10_000) }, { now: NOW }), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.status, 400);
      assert.equal(err.field, 'q');
      return true;
    });
    await assert.rejects(threads.search({ q: 'water', page: 0 }, { now: NOW }), (err: unknown) => err instanceof AppError && err.status === 400);
  });

  test('an article taken off the site leaves the next search at once', async () => {
    assert.equal((await threads.search({ q: 'ferry' }, { now: NOW })).total, 1);
    const row = await db.db.selectFrom('articles').select('id').where('headline', '=', 'A ferry for the lake towns').executeTakeFirstOrThrow();
    await updateArticle(ctx, Number(row.id), { ...inputs[2]!, status: 'draft', publishedAt: null }, NOW);
    const after = await Promise.all([threads.search({ q: 'ferry' }, { now: NOW }), threads.search({ q: 'ferry' }, { now: NOW })]);
    assert.deepEqual(after.map((o) => o.total), [0, 0]);
  });

  test('after close, a search is refused with a clear error', async () => {
    const s = threadSearcher(db.file!, 1);
    assert.equal((await s.search({ q: 'water' }, { now: NOW })).total, 2);
    await s.close();
    await assert.rejects(s.search({ q: 'water' }, { now: NOW }), /shutting down/);
  });
});
