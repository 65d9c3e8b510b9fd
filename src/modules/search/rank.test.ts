// broadside_rank() (native/broadside_fts.c) against FTS5's own bm25(), and search with it against search
// without it. SQLite only: PostgreSQL ranks with ts_rank_cd.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDb, engineName, type TestDb } from '../../../test/db.js';
import { openDatabase, type DbHandle } from '../../platform/db/index.js';
import { hasFtsRank } from '../../platform/db/native.js';
import { plainCtx, type Ctx } from '../../platform/context/index.js';
import { createAuthor } from '../content/operations/createAuthor.js';
import { createTag } from '../content/operations/createTag.js';
import { createArticle } from '../content/operations/createArticle.js';
import { searchArticles } from './index.js';
import { documentFrequencies, FREQUENCY_TTL_MS, learn, onCounted, type Counted } from './frequency.js';
import { fts5Phrases, parseQuery, toFts5 } from './query.js';
import { NEWEST } from './ranking.js';

const NOW = '2025-06-01T12:00:00.000Z';
const skip = engineName === 'sqlite' ? false : 'broadside_rank() is SQLite ranking; PostgreSQL ranks with ts_rank_cd';

const WORDS = ['harbour', 'ceasefire', 'pipeline', 'election', 'drought', 'refinery', 'militia', 'border', 'tariff', 'senate', 'wheat', 'protest'];

/** A deterministic mix of words: each article a different share of each. */
function text(k: number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[(k * 7 + i * i * 3 + (i % 5) * k) % WORDS.length]!);
  return out.join(' ');
}

describe(`broadside_rank (${engineName})`, { skip }, () => {
  let db: TestDb;
  let ctx: Ctx;
  let plain: DbHandle;

  before(async () => {
    db = await createTestDb();
    ctx = plainCtx(db.db, db.engine);
    const author = await createAuthor(ctx, { name: 'Rana Salem' }, NOW);
    const tag = await createTag(ctx, { name: 'Harbour towns' }, NOW);
    // More matches of the commonest words than NEWEST, so that both kinds of candidates are ranked.
    for (let k = 0; k < NEWEST + 40; k++) {
      await createArticle(
        ctx,
        {
          headline: `${text(k, 3 + (k % 4))} report`,
          slug: `report-${k}`,
          kicker: k % 3 ? '' : 'Région',
          standfirst: text(k + 1, 8),
          bodyHtml: `<p>${text(k + 2, 20 + (k % 30))}</p><p>${k % 4 ? 'Société civile' : 'Ceasefire talks'} in ${text(k + 3, 5)}.</p>`,
          status: 'published',
          publishedAt: new Date(Date.parse('2020-01-01T00:00:00Z') + k * 86_400_000).toISOString(),
          authorIds: [author],
          tagIds: k % 5 ? [] : [tag],
        },
        NOW,
      );
    }
    // The same file without the extension: FTS5's bm25().
    plain = openDatabase({ databaseUrl: null, dataDir: db.dataDir, ftsRank: false });
  });
  after(async () => {
    await plain?.close();
    await db?.close();
  });

  const queries = ['harbour', 'ceasefire pipeline', 'election OR drought', 'militia -border', '"ceasefire talks"', 'societe', 'harbour tariff senate', 'wheat OR protest -refinery', 'report'];

  test('the extension is built and loaded (a C compiler is on this machine)', () => {
    assert.equal(hasFtsRank(db.db), true, 'native/broadside_fts.c was not built or not loaded: see the build output');
    assert.equal(hasFtsRank(plain.db), false);
  });

  test('with exact document frequencies it gives bm25() scores, on both FTS5 tables', async () => {
    for (const table of ['article_fts', 'article_strong_fts'] as const) {
      const weights = sql.raw(table === 'article_fts' ? '10.0, 3.0, 3.0, 1.0, 3.0, 2.0' : '10.0, 3.0, 3.0, 3.0');
      const t = sql.raw(table);
      let compared = 0;
      for (const q of queries) {
        const parsed = parseQuery(q);
        const asked = table === 'article_fts' ? parsed : { ...parsed, none: [] };
        const phrases = fts5Phrases(asked);
        const df = await Promise.all(phrases.map(async (p) => (p.excluded ? 0 : Number((await sql<{ n: number }>`select count(*) as n from ${t} where ${t} match ${p.phrase}`.execute(db.db)).rows[0]!.n))));
        const rows = await sql<{ id: number; mine: number; theirs: number }>`select rowid as id, broadside_rank(${t}, ${weights}, ${sql.join(df)}) as mine, -bm25(${t}, ${weights}) as theirs
          from ${t} where ${t} match ${toFts5(asked)!}`.execute(db.db);
        for (const r of rows.rows) {
          assert.ok(Math.abs(r.mine - r.theirs) <= 1e-9 * Math.abs(r.theirs), `${table} ${q} #${r.id}: ${r.mine} vs ${r.theirs}`);
          compared++;
        }
      }
      assert.ok(compared > 200, `${table}: only ${compared} scores compared`);
    }
  });

  test('search ranks the same with it as with bm25(): same hits, same order, same totals', async () => {
    const without = plainCtx(plain.db, plain.engine);
    for (const q of queries) {
      for (const page of [1, 2]) {
        const a = await searchArticles(ctx, { q, page }, { now: NOW, pageSize: 20 });
        const b = await searchArticles(without, { q, page }, { now: NOW, pageSize: 20 });
        assert.deepEqual(
          a.items.map((x) => x.id),
          b.items.map((x) => x.id),
          `${q}, page ${page}`,
        );
        assert.equal(a.total, b.total);
      }
    }
    assert.ok((await searchArticles(ctx, { q: 'harbour' }, { now: NOW })).total > NEWEST, 'the common word has more matches than NEWEST');
  });

  test('a phrase the caller did not count adds nothing, and never fails', async () => {
    const r = await sql<{ s: number }>`select broadside_rank(article_fts, 10.0, 3.0, 3.0, 1.0, 3.0, 2.0) as s from article_fts where article_fts match '"harbour"' limit 1`.execute(db.db);
    assert.equal(r.rows[0]!.s, 0);
    await assert.rejects(sql`select broadside_rank(article_fts, 1.0) from article_fts where article_fts match '"harbour"'`.execute(db.db), /a weight for each column/);
  });

  test('document frequencies are kept for a while, then counted again', async () => {
    const t0 = Date.parse(NOW);
    const [before] = await documentFrequencies(db.db, 'article_fts', ['"zanzibar"'], t0);
    assert.equal(before, 0);
    const author = await createAuthor(ctx, { name: 'Late Writer' }, NOW);
    await createArticle(ctx, { headline: 'Zanzibar harbour', status: 'published', publishedAt: '2025-01-01T00:00:00Z', authorIds: [author] }, NOW);
    assert.deepEqual(await documentFrequencies(db.db, 'article_fts', ['"zanzibar"'], t0 + 1000), [0], 'kept');
    assert.deepEqual(await documentFrequencies(db.db, 'article_fts', ['"zanzibar"', '"ceasefire"'], t0 + FREQUENCY_TTL_MS), [1, Number((await sql<{ n: number }>`select count(*) as n from article_fts where article_fts match '"ceasefire"'`.execute(db.db)).rows[0]!.n)]);
    // Found and counted at once all the same: only its weight waited.
    assert.equal((await searchArticles(ctx, { q: 'zanzibar' }, { now: NOW })).total, 1);
  });

  test('counts made on one connection are passed on and kept by another (search threads share them)', async () => {
    const t0 = Date.now() + 10 * FREQUENCY_TTL_MS;
    const heard: Counted[] = [];
    onCounted(db.db, (c) => heard.push(...c));
    const [n] = await documentFrequencies(db.db, 'article_fts', ['"harbour"'], t0);
    assert.deepEqual(heard, [{ key: 'article_fts\0"harbour"', n, at: t0 }]);
    await documentFrequencies(db.db, 'article_fts', ['"harbour"'], t0 + 1);
    assert.equal(heard.length, 1, 'a kept count is not announced again');
    // The other connection takes it as its own: a made-up figure shows it was not counted there.
    learn(plain.db, [{ key: 'article_fts\0"harbour"', n: 12345, at: t0 }, { key: 5, n: 'x', at: 0 } as unknown as Counted]);
    assert.deepEqual(await documentFrequencies(plain.db, 'article_fts', ['"harbour"'], t0 + 1), [12345]);
    // An older count never replaces a newer one.
    learn(plain.db, [{ key: 'article_fts\0"harbour"', n: 1, at: t0 - 1 }]);
    assert.deepEqual(await documentFrequencies(plain.db, 'article_fts', ['"harbour"'], t0 + 2), [12345]);
    assert.deepEqual(await documentFrequencies(plain.db, 'article_fts', ['"harbour"'], t0 + FREQUENCY_TTL_MS), [n], 'and it expires as its own would');
  });
});

test('the boost for recent articles: ×1.5 today, ×1.25 a year on, ×1.1 at four years; a future date counts as today', async () => {
  const { recencyBoost } = await import('./engine.js');
  const now = Date.parse(NOW);
  const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
  assert.equal(recencyBoost(now, ago(0)), 1.5);
  assert.equal(recencyBoost(now, ago(365)), 1.25);
  assert.equal(recencyBoost(now, ago(4 * 365)), 1.1);
  assert.equal(recencyBoost(now, ago(-30)), 1.5);
});
