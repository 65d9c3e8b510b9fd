// Search over real databases: SQLite FTS5, or PostgreSQL tsvector when DATABASE_URL is set. The same suite
// runs on both and asserts the exact hits, so both engines answer every query here alike.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDb, engineName, type TestDb } from '../../../test/db.js';
import { plainCtx } from '../../platform/context/index.js';
import type { Ctx } from '../../platform/context/index.js';
import { createAuthor } from '../content/operations/createAuthor.js';
import { createTag } from '../content/operations/createTag.js';
import { createArticle } from '../content/operations/createArticle.js';
import { updateArticle } from '../content/operations/updateArticle.js';
import { deleteArticle } from '../content/operations/deleteArticle.js';
import { publishDueArticles } from '../content/operations/publishDueArticles.js';
import type { ArticleInput } from '../content/operations/articleInput.js';
import { migrateToLatest, migrations } from '../../platform/db/migrate.js';
import { findRelated, rebuildSearchIndex, reindexNeeded, searchArticles, type SearchRequest } from './index.js';
import { createFoldFunction } from '../../platform/db/migrations/0006_search.js';
import { NEWEST } from './ranking.js';
import { recentWindow, setRecentWindow } from './document.js';

const NOW = '2025-06-01T12:00:00.000Z';

/** PostgreSQL: article_search's partitions and the names of its indexes (migration 0016). */
async function searchLayout(db: TestDb): Promise<{ parts: string[]; indexes: string[] }> {
  const parts = await sql<{ name: string }>`select inhrelid::regclass::text as name from pg_inherits where inhparent = 'article_search'::regclass order by 1`.execute(db.db);
  const indexes = await sql<{ name: string }>`select indexrelid::regclass::text as name from pg_index
    where indrelid in (select 'article_search'::regclass union all select inhrelid from pg_inherits where inhparent = 'article_search'::regclass) order by 1`.execute(db.db);
  return { parts: parts.rows.map((r) => r.name), indexes: indexes.rows.map((r) => r.name) };
}
const PARTITIONED = {
  parts: ['article_search_p0', 'article_search_p1'],
  indexes: ['article_search_document_idx', 'article_search_p0_document_idx', 'article_search_p0_pkey', 'article_search_p1_document_idx', 'article_search_p1_pkey', 'article_search_pkey'],
};

describe(`search (${engineName})`, () => {
  let db: TestDb;
  let ctx: Ctx;
  const ids: Record<string, number> = {};
  const inputs: Record<string, ArticleInput> = {};
  const headlineOf = new Map<number, string>();

  async function add(key: string, input: Partial<ArticleInput> & { headline: string; authorIds: number[] }) {
    const full: ArticleInput = { status: 'published', publishedAt: '2025-05-01T08:00:00Z', bodyHtml: '<p>Nothing much.</p>', ...input };
    const { id } = await createArticle(ctx, full, NOW);
    ids[key] = id;
    inputs[key] = full;
    headlineOf.set(id, full.headline);
    return id;
  }

  /** The keys of the hits, in rank order. */
  async function hits(q: string, more: Omit<SearchRequest, 'q'> = {}, now = NOW): Promise<string[]> {
    const r = await searchArticles(ctx, { q, ...more }, { now, pageSize: 50 });
    return r.items.map((a) => keyOf(a.id));
  }
  const keyOf = (id: number) => Object.keys(ids).find((k) => ids[k] === id) ?? `#${id}`;
  const sorted = (xs: string[]) => [...xs].sort();

  before(async () => {
    db = await createTestDb();
    ctx = plainCtx(db.db, db.engine);
    const lina = await createAuthor(ctx, { name: 'Lina Haddad' }, NOW);
    const omar = await createAuthor(ctx, { name: 'Omar Aziz' }, NOW);
    const kurdistan = await createTag(ctx, { name: 'Kurdistan', isRegion: true }, NOW);
    const energy = await createTag(ctx, { name: 'Energy' }, NOW);
    const politics = await createTag(ctx, { name: 'Politics' }, NOW);

    await add('pipelineHeadline', {
      headline: 'Pipeline deal signed in Erbil',
      kicker: 'Kurdistan',
      standfirst: 'A long-awaited agreement on exports.',
      bodyHtml: '<p>Officials met on Monday to sign the agreement.</p>',
      authorIds: [lina],
      primaryTagId: kurdistan,
      tagIds: [energy],
      publishedAt: '2025-05-01T08:00:00Z',
    });
    await add('pipelineBody', {
      headline: 'Budget talks stall again',
      bodyHtml: '<p>The pipeline was mentioned. The pipeline, said one adviser, is the key; without the pipeline nothing moves.</p>',
      authorIds: [omar],
      tagIds: [energy],
      publishedAt: '2025-05-02T08:00:00Z',
    });
    await add('meridaAccent', {
      headline: 'Election in Meridá postponed',
      bodyHtml: '<p>The commission delayed the vote by a month.</p>',
      authorIds: [omar],
      primaryTagId: politics,
      publishedAt: '2024-03-10T08:00:00Z',
    });
    await add('meridaPlain', {
      headline: 'Merida mayor resigns',
      bodyHtml: '<p>He had been elected two years ago.</p>',
      authorIds: [lina],
      primaryTagId: politics,
      publishedAt: '2023-11-05T08:00:00Z',
    });
    await add('naturalGas', {
      headline: 'Prices rise as winter nears',
      bodyHtml: '<p>The cost of natural gas has doubled since spring.</p>',
      authorIds: [lina],
      primaryTagId: kurdistan,
      tagIds: [energy],
      publishedAt: '2025-01-15T08:00:00Z',
    });
    await add('gasNatural', {
      headline: 'Exports of crude fall',
      bodyHtml: '<p>Natural resources, gas fields and oil wells: all produced less.</p>',
      authorIds: [omar],
      tagIds: [energy],
      publishedAt: '2025-02-20T08:00:00Z',
    });
    await add('script', {
      headline: 'Ministry website defaced',
      bodyHtml: '<p>Hackers left &lt;script&gt;alert(1)&lt;/script&gt; on the front page of the ministry.</p>',
      authorIds: [omar],
      publishedAt: '2025-04-01T08:00:00Z',
    });
    await add('draft', { headline: 'Pipeline secret draft', status: 'draft', publishedAt: null, authorIds: [lina] });
    await add('scheduled', { headline: 'Pipeline future plans', status: 'scheduled', publishedAt: '2025-06-01T13:00:00Z', authorIds: [lina] });
  });
  after(() => db.close());

  test('a headline match ranks above a body match, even one repeated', async () => {
    assert.deepEqual(await hits('pipeline'), ['pipelineHeadline', 'pipelineBody']);
  });

  test('every word must match', async () => {
    assert.deepEqual(await hits('pipeline erbil'), ['pipelineHeadline']);
    assert.deepEqual(await hits('pipeline erbil budget'), []);
  });

  test('"exact phrases" match only in that order', async () => {
    assert.deepEqual(await hits('"natural gas"'), ['naturalGas']);
    assert.deepEqual(sorted(await hits('natural gas')), ['gasNatural', 'naturalGas']);
    assert.deepEqual(await hits('"gas natural"'), []);
  });

  test('-excluded words and phrases', async () => {
    assert.deepEqual(await hits('natural gas -winter'), ['gasNatural']);
    assert.deepEqual(await hits('gas -"natural gas"'), ['gasNatural']);
    assert.deepEqual(await hits('pipeline -adviser'), ['pipelineHeadline']);
  });

  test('OR', async () => {
    assert.deepEqual(sorted(await hits('erbil OR hackers')), ['pipelineHeadline', 'script']);
    assert.deepEqual(sorted(await hits('pipeline erbil OR budget')), ['pipelineBody', 'pipelineHeadline']);
  });

  test('accents and case are ignored both ways', async () => {
    assert.deepEqual(sorted(await hits('Meridá')), ['meridaAccent', 'meridaPlain']);
    assert.deepEqual(sorted(await hits('merida')), ['meridaAccent', 'meridaPlain']);
    assert.deepEqual(sorted(await hits('MERIDA')), ['meridaAccent', 'meridaPlain']);
    assert.deepEqual(await hits('ÉRBÎL'), ['pipelineHeadline']);
  });

  test('English stemming: "elections" finds "election" (and "elected"), "postponing" finds "postponed"', async () => {
    assert.deepEqual(sorted(await hits('elections')), ['meridaAccent', 'meridaPlain']);
    assert.deepEqual(await hits('postponing'), ['meridaAccent']);
    assert.deepEqual(await hits('resignation'), ['meridaPlain']);
    assert.deepEqual(await hits('resigned'), ['meridaPlain']);
    assert.deepEqual(sorted(await hits('exported')), ['gasNatural', 'pipelineHeadline']);
  });

  test('tags and bylines are searched too', async () => {
    assert.deepEqual(sorted(await hits('haddad merida')), ['meridaPlain']);
    assert.deepEqual(sorted(await hits('energy prices')), ['naturalGas']);
  });

  test('filters: year, date range, tag or region, author, and their combinations', async () => {
    assert.deepEqual(sorted(await hits('merida', { year: '2024' })), ['meridaAccent']);
    assert.deepEqual(sorted(await hits('merida', { from: '2023-11', to: '2023-11' })), ['meridaPlain']);
    assert.deepEqual(sorted(await hits('merida', { from: '2023-11-06' })), ['meridaAccent']);
    assert.deepEqual(sorted(await hits('merida', { to: '2023-11-05' })), ['meridaPlain'], 'to is inclusive of its day');
    assert.deepEqual(sorted(await hits('gas', { tag: 'kurdistan' })), ['naturalGas']);
    assert.deepEqual(sorted(await hits('gas', { author: 'omar-aziz' })), ['gasNatural']);
    assert.deepEqual(sorted(await hits('pipeline', { tag: 'energy', author: 'lina-haddad', year: '2025' })), ['pipelineHeadline']);
    assert.deepEqual(await hits('pipeline', { tag: 'energy', author: 'lina-haddad', year: '2024' }), []);
  });

  test('filters alone list matching articles newest first', async () => {
    assert.deepEqual(await hits('', { tag: 'energy' }), ['pipelineBody', 'pipelineHeadline', 'gasNatural', 'naturalGas']);
    assert.deepEqual(await hits('', { author: 'lina-haddad', to: '2025-01' }), ['naturalGas', 'meridaPlain']);
    const r = await searchArticles(ctx, { tag: 'energy', q: '-adviser' }, { now: NOW });
    assert.equal(r.mode, 'browse');
    assert.deepEqual(r.items.map((a) => keyOf(a.id)), ['pipelineHeadline', 'gasNatural', 'naturalGas'], 'exclusions apply to a listing');
  });

  test('an unknown tag or author matches nothing; malformed filters are clear 400s', async () => {
    assert.deepEqual(await hits('pipeline', { tag: 'no-such-tag' }), []);
    assert.deepEqual(await hits('', { author: 'nobody' }), []);
    for (const [field, value] of [
      ['year', '24'],
      ['from', '2024-13'],
      ['to', '2023-02-29'],
      ['tag', 'Not A Slug!'],
      ['author', '../x'],
    ] as const) {
      await assert.rejects(searchArticles(ctx, { q: 'x', [field]: value }, { now: NOW }), (e: Error & { status?: number; field?: string }) => {
        assert.equal(e.status, 400);
        assert.equal(e.field, field);
        return true;
      });
    }
    await assert.rejects(searchArticles(ctx, { q: 'x', from: '2025', to: '2024' }, { now: NOW }), /before/);
    await assert.rejects(searchArticles(ctx, { q: 'x'.repeat(501) }, { now: NOW }), /at most 500/);
    await assert.rejects(searchArticles(ctx, { q: 'x', page: 0 }, { now: NOW }), /page/);
  });

  test('pagination: pages partition the ranked list', async () => {
    const all = await searchArticles(ctx, { q: 'gas OR pipeline OR merida OR hackers' }, { now: NOW, pageSize: 50 });
    assert.equal(all.total, 7);
    const seen: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const r = await searchArticles(ctx, { q: 'gas OR pipeline OR merida OR hackers', page }, { now: NOW, pageSize: 2 });
      assert.equal(r.total, 7);
      assert.equal(r.pages, 4);
      assert.equal(r.page, page);
      seen.push(...r.items.map((a) => a.id));
    }
    assert.deepEqual(seen, all.items.map((a) => a.id));
    const beyond = await searchArticles(ctx, { q: 'gas OR pipeline OR merida OR hackers', page: 9 }, { now: NOW, pageSize: 2 });
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, 7, 'a page past the end still says how many there are');
  });

  test('drafts never match; a scheduled article matches from its time on, before the publisher runs', async () => {
    assert.deepEqual(await hits('secret'), []);
    assert.deepEqual(await hits('future'), []);
    assert.deepEqual(await hits('future', {}, '2025-06-01T13:00:00.000Z'), ['scheduled']);
    assert.equal(await publishDueArticles(ctx, '2025-06-01T13:00:00.000Z'), 1);
    assert.deepEqual(await hits('future', {}, '2025-06-01T13:00:01.000Z'), ['scheduled']);
  });

  test('results carry summaries, a highlighted headline and snippet', async () => {
    const r = await searchArticles(ctx, { q: 'signed exports' }, { now: NOW });
    const a = r.items[0]!;
    assert.equal(a.headline, 'Pipeline deal signed in Erbil');
    assert.equal(a.path, '/2025/05/pipeline-deal-signed-in-erbil/');
    assert.equal(a.kicker, 'Kurdistan');
    assert.deepEqual(a.authors.map((x) => x.name), ['Lina Haddad']);
    assert.equal(a.primaryTag?.slug, 'kurdistan');
    assert.deepEqual(a.headlineMarked.filter((s) => s.mark).map((s) => s.text), ['signed']);
    assert.deepEqual(a.snippet.filter((s) => s.mark).map((s) => s.text), ['exports', 'sign'], '"signed" also finds "sign"');
    const s = await searchArticles(ctx, { q: 'hackers' }, { now: NOW });
    assert.ok(s.items[0]!.snippet.map((x) => x.text).join('').includes('<script>alert(1)</script>'), 'the text, to be escaped by the view');
  });

  test('hostile input never fails: operators, SQL, quotes, null bytes, lone surrogates', async () => {
    const nasty = [
      '',
      '   ',
      '"',
      '"pipeline',
      'pipeline"',
      'NEAR(pipeline erbil',
      'pipeline*',
      'headline:pipeline',
      '^pipeline',
      'pipeline AND erbil',
      'pipeline NOT erbil',
      '(pipeline) OR (erbil',
      "'; drop table articles; --",
      'pipeline\u0000erbil',
      '\uD800pipeline\uDFFF',
      '\\',
      '!!pipeline & | <-> :* \'',
      'x'.repeat(500),
      '-',
      '--',
      'OR',
      'NOT',
      '{headline}: pipeline',
      '"""""',
    ];
    for (const q of nasty) {
      const r = await searchArticles(ctx, { q }, { now: NOW });
      assert.ok(Array.isArray(r.items), JSON.stringify(q));
    }
    assert.deepEqual(await hits('NEAR(pipeline erbil'), [], '"near" is a word like any other');
    assert.deepEqual(await hits('headline:pipeline'), [], '"headline" is a word, not a column');
    assert.deepEqual(await hits('(pipeline) OR (erbil'), ['pipelineHeadline', 'pipelineBody']);
    assert.deepEqual(await hits('pipeline\u0000erbil'), ['pipelineHeadline']);
    const { n } = await db.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), 9, 'the articles table is still there');
  });

  test('an edit is searchable at once: new words found, old words gone', async () => {
    const id = ids.script!;
    await updateArticle(ctx, id, { ...inputs.script!, headline: 'Ministry website restored' }, NOW);
    assert.deepEqual(await hits('restored'), ['script']);
    assert.deepEqual(await hits('defaced'), []);
  });

  test('unpublished, trashed and deleted articles vanish from results at once', async () => {
    const id = ids.meridaPlain!;
    await updateArticle(ctx, id, { ...inputs.meridaPlain!, status: 'draft', publishedAt: null }, NOW);
    assert.deepEqual(await hits('merida'), ['meridaAccent']);
    await updateArticle(ctx, id, inputs.meridaPlain!, NOW);
    assert.deepEqual(sorted(await hits('merida')), ['meridaAccent', 'meridaPlain']);

    // The editorial trash sets trashed_at and nothing else: queries check it (visible()), so the index needs no call.
    await db.db.updateTable('articles').set({ trashed_at: NOW }).where('id', '=', id).execute();
    assert.deepEqual(await hits('merida'), ['meridaAccent']);
    assert.deepEqual(await hits('', { author: 'lina-haddad', year: '2023' }), []);
    await db.db.updateTable('articles').set({ trashed_at: null }).where('id', '=', id).execute();

    await deleteArticle(ctx, id, NOW);
    assert.deepEqual(await hits('merida'), ['meridaAccent']);
    assert.equal(await indexRows([id]), 0, 'its index row went with it');
    delete ids.meridaPlain;
  });

  test('related articles: shared tags and similar words, visible ones only, never itself', async () => {
    const related = await findRelated(db.db, ids.pipelineHeadline!, NOW);
    const keys = related.map((a) => keyOf(a.id));
    assert.ok(!keys.includes('pipelineHeadline'));
    assert.ok(!keys.includes('draft'));
    assert.ok(keys.length >= 3 && keys.length <= 4, keys.join());
    assert.equal(keys[0], 'naturalGas', 'same region and topic ranks first');
    assert.ok(keys.includes('pipelineBody'));
    assert.deepEqual(await findRelated(db.db, 999_999, NOW), []);
  });

  test('a rebuild gives the same results, drops rows of drafts and of articles gone, clears the flag', async () => {
    const before = await hits('gas OR pipeline OR merida OR hackers OR restored');
    if (db.engine === 'sqlite') {
      await sql`insert into article_fts (article_fts) values ('delete-all')`.execute(db.db);
      await sql`insert into article_fts (rowid, headline) values (999999, 'orphan')`.execute(db.db);
    } else {
      // The index is three tables here: the documents, and copies of parts of them (migrations 0013, 0014).
      await db.db.deleteFrom('article_search').execute();
      await db.db.deleteFrom('article_search_recent').execute();
    }
    await db.db.insertInto('search_state').values({ key: 'reindex_needed', value: NOW }).execute();
    assert.deepEqual(await hits('gas'), []);
    const progress: number[] = [];
    const p = await rebuildSearchIndex(db.db, { batchSize: 3, onProgress: (x) => progress.push(x.done) });
    assert.equal(p.total, 8);
    assert.equal(p.done, 8);
    assert.equal(p.indexed, 7, 'the draft is left out');
    assert.equal(progress.length, 3, 'one report a batch');
    assert.equal(progress.at(-1), 8);
    assert.deepEqual(await hits('gas OR pipeline OR merida OR hackers OR restored'), before);
    assert.equal(await indexRows([999999, ids.draft!]), 0);
    assert.equal(await reindexNeeded(db.db), false);
  });

  test('a save made while the index is being rebuilt is kept', async () => {
    let pending: Promise<unknown> | null = null;
    await rebuildSearchIndex(db.db, {
      batchSize: 2,
      onProgress: () => {
        pending ??= updateArticle(ctx, ids.gasNatural!, { ...inputs.gasNatural!, headline: 'Exports of crude soar' }, NOW);
      },
    });
    await pending;
    assert.deepEqual(await hits('soar'), ['gasNatural']);
    assert.deepEqual(await hits('crude fall'), []);
    if (db.engine === 'postgres') {
      const r = await sql<{ t: string | null; s: string | null }>`select to_regclass('article_search_next')::text as t, to_regclass('article_search_strong_next')::text as s`.execute(db.db);
      assert.equal(r.rows[0]!.t, null, 'the rebuild table is gone');
      assert.equal(r.rows[0]!.s, null, 'the rebuild table of strong parts is gone');
      assert.equal((await sql<{ t: string | null }>`select to_regclass('article_search_recent_next')::text as t`.execute(db.db)).rows[0]!.t, null, 'the rebuild table of the newest is gone');
      assert.deepEqual(await searchLayout(db), PARTITIONED, 'the rebuilt documents table is in partitions, as migration 0016 made it, under the same names');
    }
  });

  async function indexRows(articleIds: number[]): Promise<number> {
    if (db.engine === 'sqlite') {
      // Both tables: article_fts, and the strong fields' own (rows of an article come and go together).
      const r = await sql<{ n: number; strong: number }>`select (select count(*) from article_fts where rowid in (${sql.join(articleIds)})) as n,
        (select count(*) from article_strong_fts where rowid in (${sql.join(articleIds)})) as strong`.execute(db.db);
      assert.equal(Number(r.rows[0]!.strong), Number(r.rows[0]!.n), 'article_strong_fts has the same rows as article_fts');
      return Number(r.rows[0]!.n);
    }
    const r = await db.db.selectFrom('article_search').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', 'in', articleIds).executeTakeFirstOrThrow();
    const strong = await db.db.selectFrom('article_search_strong').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', 'in', articleIds).executeTakeFirstOrThrow();
    assert.equal(Number(strong.n), Number(r.n), 'article_search_strong has the same rows as article_search');
    // Every article here is within the window of the newest (migration 0014).
    const recent = await db.db.selectFrom('article_search_recent').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', 'in', articleIds).executeTakeFirstOrThrow();
    assert.equal(Number(recent.n), Number(r.n), 'article_search_recent has the same rows as article_search');
    return Number(r.n);
  }
});

// More matches than the ranking scores one by one (NEWEST): candidates are the newest matches and those with
// the words in a headline, kicker, standfirst or tag, however old; the rest follow newest first.
describe(`search ranking over many matches (${engineName})`, () => {
  let db: TestDb;
  let ctx: Ctx;
  const MANY = NEWEST + 20;
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  let oldHeadline = 0;
  let oldExcluded = 0;
  const all: number[] = [];

  before(async () => {
    db = await createTestDb();
    ctx = plainCtx(db.db, db.engine);
    const author = await createAuthor(ctx, { name: 'Sana Qureshi' }, NOW);
    const create = async (headline: string, bodyHtml: string, publishedAt: string) => {
      const { id } = await createArticle(ctx, { status: 'published', headline, bodyHtml, publishedAt, authorIds: [author] }, NOW);
      all.push(id);
      return id;
    };
    oldHeadline = await create('Reservoir levels fall across the south', '<p>Farmers count the cost.</p>', '2016-02-01T08:00:00Z');
    oldExcluded = await create('Reservoir rationing begins', '<p>The drought deepens.</p>', '2016-03-01T08:00:00Z');
    for (let i = 0; i < MANY; i++) {
      const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString();
      await create(`Council notes, number ${i + 1}`, `<p>Item ${i + 1}: the council discussed many things, the reservoir among them.</p>`, day);
    }
  });
  after(async () => {
    await db?.close();
  });

  test('an old article with the words in its headline ranks first, past the newest matches', async () => {
    const r = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, pageSize: 10 });
    assert.equal(r.total, MANY + 2);
    assert.deepEqual(sorted(r.items.slice(0, 2).map((a) => a.id)), sorted([oldHeadline, oldExcluded]));
  });

  test('exclusions apply to those candidates too', async () => {
    const r = await searchArticles(ctx, { q: 'reservoir -drought' }, { now: NOW, pageSize: 10 });
    assert.equal(r.total, MANY + 1);
    assert.equal(r.items[0]!.id, oldHeadline);
    assert.ok(!r.items.some((a) => a.id === oldExcluded));
  });

  test('pages give every match exactly once: ranked candidates, then the others newest first', async () => {
    const seen: number[] = [];
    for (let page = 1; ; page++) {
      const r = await searchArticles(ctx, { q: 'reservoir', page }, { now: NOW, pageSize: 50 });
      seen.push(...r.items.map((a) => a.id));
      if (page >= r.pages) break;
    }
    const dup = seen.filter((id, i) => seen.indexOf(id) !== i);
    assert.deepEqual(dup, [], 'no article on two pages');
    assert.equal(seen.length, all.length);
    assert.deepEqual([...seen].sort((a, b) => a - b), [...all].sort((a, b) => a - b));
  });

  test('counting stops at the cap: "more than" that many, and the ranking and pages are the same', async () => {
    const exact = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, pageSize: 10 });
    assert.equal(exact.totalExact, true);
    const r = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, pageSize: 10, countCap: MANY });
    assert.equal(r.total, MANY);
    assert.equal(r.totalExact, false);
    assert.equal(r.pages, Math.ceil(MANY / 10));
    assert.deepEqual(r.items.map((a) => a.id), exact.items.map((a) => a.id));
    assert.equal((await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, countCap: MANY + 2 })).totalExact, true, 'exactly at the cap is exact');
    const filtered = await searchArticles(ctx, { q: 'reservoir', year: '2024' }, { now: NOW, countCap: NEWEST });
    assert.deepEqual([filtered.total, filtered.totalExact], [NEWEST, false], 'with filters too');
    const low = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, countCap: 5 });
    assert.deepEqual([low.total, low.totalExact], [NEWEST, false], 'never below NEWEST: whether to rank the strong candidates too is decided on an exact count');
    // A hidden match is not counted: one fewer visible match than the cap is exact again.
    await db.db.updateTable('articles').set({ trashed_at: NOW }).where('id', '=', oldExcluded).execute();
    const less = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, countCap: MANY + 1 });
    assert.deepEqual([less.total, less.totalExact], [MANY + 1, true]);
    await db.db.updateTable('articles').set({ trashed_at: null }).where('id', '=', oldExcluded).execute();
  });

  test('with more hidden articles than can be listed, each match is checked instead: the same hits and counts', async () => {
    const before = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, pageSize: 50 });
    // 600 trashed articles (more than ranking.ts's HIDDEN_MAX), and one hidden match left in the index.
    const rows = Array.from({ length: 600 }, (_, i) => ({
      slug: `trashed-${i}`,
      kicker: '',
      headline: `Trashed ${i}`,
      standfirst: '',
      body_html: '<p>Gone.</p>',
      status: 'published' as const,
      month_key: '2020-01',
      published_at: '2020-01-01T08:00:00.000Z',
      updated_at: NOW,
      created_at: NOW,
      trashed_at: NOW,
      word_count: 1,
    }));
    const trashed = (await db.db.insertInto('articles').values(rows).returning('id').execute()).map((r) => Number(r.id));
    try {
      const many = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, pageSize: 50 });
      assert.deepEqual([many.total, many.totalExact, many.items.map((a) => a.id)], [before.total, before.totalExact, before.items.map((a) => a.id)]);
      await db.db.updateTable('articles').set({ trashed_at: NOW }).where('id', '=', oldHeadline).execute();
      const less = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, pageSize: 50 });
      assert.equal(less.total, before.total - 1);
      assert.ok(!less.items.some((a) => a.id === oldHeadline), 'the hidden match is left out');
      // The rest keep their order; the page is filled up from the next match.
      assert.deepEqual(less.items.slice(0, -1).map((a) => a.id), before.items.map((a) => a.id).filter((id) => id !== oldHeadline));
    } finally {
      await db.db.updateTable('articles').set({ trashed_at: null }).where('id', '=', oldHeadline).execute();
      await db.db.deleteFrom('articles').where('id', 'in', trashed).execute();
    }
  });

  test('past the cap there is always a next page while there are more matches, and paging gives each once', async () => {
    const cap = NEWEST + 1;
    const all = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW });
    assert.ok(all.totalExact && all.total > cap);
    const seen: number[] = [];
    let last = null;
    for (let page = 1; page <= 100; page++) {
      const r = await searchArticles(ctx, { q: 'reservoir', page }, { now: NOW, pageSize: 7, countCap: cap });
      seen.push(...r.items.map((a) => a.id));
      last = r;
      if (page >= r.pages) break;
      if (page * 7 >= cap) assert.ok(r.total > page * 7, `page ${page}: the count reaches past it (${r.total})`);
    }
    assert.equal(last!.totalExact, true, 'the last page counts them all');
    assert.equal(last!.total, all.total);
    assert.equal(seen.length, all.total);
    assert.equal(new Set(seen).size, all.total);
  });

  test('an unpublished headline match leaves the candidates at once', async () => {
    await db.db.updateTable('articles').set({ trashed_at: NOW }).where('id', '=', oldHeadline).execute();
    const r = await searchArticles(ctx, { q: 'reservoir' }, { now: NOW, pageSize: 10 });
    assert.equal(r.total, MANY + 1);
    assert.equal(r.items[0]!.id, oldExcluded);
    await db.db.updateTable('articles').set({ trashed_at: null }).where('id', '=', oldHeadline).execute();
  });
});

describe(`search migration (${engineName})`, () => {
  test('an archive that predates the index is flagged, and built when the server gets ready', async () => {
    const db = await createTestDb({ migrate: false });
    try {
      // The migrations before the search module's first.
      const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0006_search'));
      await migrateToLatest(db.db, before);
      const ctx = plainCtx(db.db, db.engine);
      // Written before the search module existed: straight into the tables.
      const author = await createAuthorRow(db);
      const { id } = await db.db
        .insertInto('articles')
        .values({ slug: 'old-news', headline: 'Old news about Kirkuk', kicker: '', standfirst: '', body_html: '<p>From the archive.</p>', status: 'published', month_key: '2020-01', published_at: '2020-01-01T00:00:00.000Z', updated_at: NOW, created_at: NOW, primary_tag_id: null, word_count: 3 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.db.insertInto('article_authors').values({ article_id: Number(id), author_id: author, position: 0 }).execute();
      await migrateToLatest(db.db);
      assert.equal(await reindexNeeded(db.db), true);
      assert.equal((await searchArticles(ctx, { q: 'kirkuk' }, { now: NOW })).total, 0);

      const { loadConfig } = await import('../../config.js');
      const { buildApp } = await import('../../app.js');
      const app = await buildApp(loadConfig({ BROADSIDE_DATA_DIR: db.dataDir }), { db, logger: false });
      await app.app.ready();
      for (let i = 0; i < 100 && (await reindexNeeded(db.db)); i++) await new Promise((r) => setTimeout(r, 20));
      await app.close();
      assert.equal(await reindexNeeded(db.db), false);
      assert.equal((await searchArticles(ctx, { q: 'kirkuk' }, { now: NOW })).total, 1);
    } finally {
      await db.close();
    }
  });

  test('a fresh database needs no rebuild', async () => {
    const db = await createTestDb();
    try {
      assert.equal(await reindexNeeded(db.db), false);
    } finally {
      await db.close();
    }
  });

  if (engineName === 'postgres') {
    test('migration 0014 fills the window of the newest from an index built before it', async () => {
      const db = await createTestDb();
      try {
        const ctx = plainCtx(db.db, db.engine);
        const author = await createAuthor(ctx, { name: 'Dana Levi' }, NOW);
        const ids: number[] = [];
        for (let i = 0; i < 3; i++) ids.push((await createArticle(ctx, { status: 'published', headline: `Kirkuk dispatch ${i}`, publishedAt: NOW, authorIds: [author] }, NOW)).id);
        await createArticle(ctx, { status: 'draft', headline: 'Kirkuk draft', authorIds: [author] }, NOW);
        // As it was before migration 0014.
        await sql`drop table article_search_recent`.execute(db.db);
        await sql`delete from broadside_migrations where name = '0014_search_recent'`.execute(db.db);
        assert.deepEqual(await migrateToLatest(db.db), ['0014_search_recent']);
        const rows = await sql<{ id: number }>`select article_id as id from article_search_recent order by article_id`.execute(db.db);
        assert.deepEqual(rows.rows.map((r) => Number(r.id)), ids, 'the indexed articles, not the draft');
        const r = await searchArticles(ctx, { q: 'kirkuk' }, { now: NOW });
        assert.deepEqual([r.total, r.items.map((a) => a.id).sort((a, b) => a - b)], [3, ids]);
      } finally {
        await db.close();
      }
    });

    test('migration 0016 puts an existing index in partitions, keeping every row', async () => {
      const db = await createTestDb({ migrate: false });
      try {
        await migrateToLatest(db.db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0016_search_partitions')));
        const ctx = plainCtx(db.db, db.engine);
        const author = await createAuthor(ctx, { name: 'Dana Levi' }, NOW);
        const ids: number[] = [];
        for (let i = 0; i < 6; i++) ids.push((await createArticle(ctx, { status: 'published', headline: `Mosul dispatch ${i}`, publishedAt: NOW, authorIds: [author] }, NOW)).id);
        const vectors = async () => (await sql<{ id: number; v: string }>`select article_id as id, document::text as v from article_search order by article_id`.execute(db.db)).rows;
        const before = await vectors();
        assert.equal(before.length, 6);
        assert.deepEqual((await migrateToLatest(db.db))[0], '0016_search_partitions');
        assert.deepEqual(await searchLayout(db), PARTITIONED);
        assert.deepEqual(await vectors(), before, 'the same vectors, not computed again');
        const r = await searchArticles(ctx, { q: 'mosul' }, { now: NOW });
        assert.deepEqual([r.total, r.items.map((a) => a.id).sort((a, b) => a - b)], [6, ids]);
        // Saves and deletions reach the partitions.
        await deleteArticle(ctx, ids[0]!, NOW);
        assert.equal((await searchArticles(ctx, { q: 'mosul' }, { now: NOW })).total, 5);
        assert.equal(await reindexNeeded(db.db), false, 'nothing to rebuild');
      } finally {
        await db.close();
      }
    });

    test('migration 0017 brings an older broadside_search_rank() up to date', async () => {
      const db = await createTestDb();
      try {
        const settings = async () => (await sql<{ c: string[] | null }>`select proconfig as c from pg_proc where proname = 'broadside_search_rank'`.execute(db.db)).rows[0]!.c ?? [];
        assert.ok((await settings()).includes('jit=off'), 'a new database has the current function');
        // As 0015 first made it: without the JIT setting.
        await sql`alter function broadside_search_rank reset jit`.execute(db.db);
        assert.ok(!(await settings()).includes('jit=off'));
        await sql`delete from broadside_migrations where name = '0017_search_rank_function_again'`.execute(db.db);
        assert.deepEqual(await migrateToLatest(db.db), ['0017_search_rank_function_again']);
        assert.ok((await settings()).includes('jit=off'));
        const ctx = plainCtx(db.db, db.engine);
        const a = await createAuthor(ctx, { name: 'A' }, NOW);
        const { id } = await createArticle(ctx, { headline: 'Basra port reopens', status: 'published', publishedAt: NOW, authorIds: [a] }, NOW);
        assert.deepEqual((await searchArticles(ctx, { q: 'basra', author: 'a' }, { now: NOW })).items.map((x) => x.id), [id]);
      } finally {
        await db.close();
      }
    });

    test('broadside_fold: unaccent when it can be created, translate() otherwise, both immutable', async () => {
      const db = await createTestDb();
      try {
        const fold = async () => (await sql<{ f: string }>`select broadside_fold('Meridá Ærø Łódź Ñandú') as f`.execute(db.db)).rows[0]!.f;
        const volatility = async () => (await sql<{ v: string }>`select provolatile as v from pg_proc where proname = 'broadside_fold'`.execute(db.db)).rows[0]!.v;
        assert.equal(await fold(), 'Merida AEro Lodz Nandu', 'unaccent is installable on this machine');
        assert.equal(await volatility(), 'i');
        await createFoldFunction(db.db, null);
        assert.equal(await fold(), 'Merida Ærø Łodz Nandu', 'translate() folds accents; ligatures are spelt out before the text gets here');
        assert.equal(await volatility(), 'i');
        // And search works the same over it.
        const ctx = plainCtx(db.db, db.engine);
        const a = await createAuthor(ctx, { name: 'A' }, NOW);
        await createArticle(ctx, { headline: 'Élection à Mérida', status: 'published', publishedAt: '2025-01-01T00:00:00Z', authorIds: [a] }, NOW);
        assert.equal((await searchArticles(ctx, { q: 'election merida' }, { now: NOW })).total, 1);
        assert.equal((await searchArticles(ctx, { q: 'élections Mérida' }, { now: NOW })).total, 1);
      } finally {
        await db.close();
      }
    });
  }
});

async function createAuthorRow(db: TestDb): Promise<number> {
  const r = await db.db.insertInto('authors').values({ slug: 'old-hand', name: 'Old Hand', bio: '', created_at: NOW }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

// PostgreSQL reads the newest articles' own index first (article_search_recent, migration 0014): searches give
// the same pages, counts and order with a window narrower than the matches as without one.
describe(`the window of the newest articles (${engineName})`, { skip: engineName === 'postgres' ? false : 'article_search_recent is PostgreSQL only' }, () => {
  let db: TestDb;
  let ctx: Ctx;
  const WINDOW = 120;
  const saved = recentWindow();
  let trashed = 0;

  before(async () => {
    setRecentWindow(WINDOW);
    db = await createTestDb();
    ctx = plainCtx(db.db, db.engine);
    const author = await createAuthor(ctx, { name: 'Omar Haddad' }, NOW);
    const create = async (headline: string, bodyHtml: string, publishedAt: string) =>
      (await createArticle(ctx, { status: 'published', headline, bodyHtml, publishedAt, authorIds: [author] }, NOW)).id;
    await create('Reservoir levels fall across the south', '<p>Farmers count the cost of the drought.</p>', '2016-02-01T08:00:00Z');
    // "aquifer": many matches, most older than the window, some said more often (ranked higher); "reservoir": in
    // every article; "canal": one in three.
    for (let i = 0; i < NEWEST + 60; i++) {
      const day = new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString();
      const id = await create(`Council notes, number ${i + 1}`, `<p>Item ${i + 1}: the reservoir${i % 3 ? '' : ', the canal'}${i < NEWEST + 5 ? ' and the aquifer'.repeat(1 + (i % 4)) : ''}.</p>`, day);
      if (i === NEWEST + 50) trashed = id;
    }
  });
  after(async () => {
    setRecentWindow(saved);
    await db?.close();
  });

  test('the table holds the window of the newest, and no more', async () => {
    const r = await sql<{ n: number; low: number }>`select count(*) as n, min(article_id) as low from article_search_recent`.execute(db.db);
    const top = await sql<{ top: number }>`select max(id) as top from articles`.execute(db.db);
    assert.equal(Number(r.rows[0]!.n), WINDOW);
    assert.equal(Number(r.rows[0]!.low), Number(top.rows[0]!.top) - WINDOW + 1);
  });

  test('every search gives what it gives without the window', async () => {
    const outcome = async (q: string, page: number, countCap?: number) => {
      const r = await searchArticles(ctx, { q, page }, { now: NOW, pageSize: 10, countCap });
      return { ids: r.items.map((a) => a.id), total: r.total, exact: r.totalExact, pages: r.pages };
    };
    const compare = async () => {
      for (const q of ['reservoir', 'canal', 'aquifer', 'reservoir -canal', 'drought', 'reservoir canal', 'nowhere'])
        for (const [page, cap] of [[1, undefined], [2, undefined], [14, undefined], [1, NEWEST], [1, 20]] as const) {
          setRecentWindow(WINDOW);
          const windowed = await outcome(q, page, cap);
          setRecentWindow(0);
          const whole = await outcome(q, page, cap);
          setRecentWindow(WINDOW);
          assert.deepEqual(windowed, whole, `"${q}", page ${page}, cap ${cap ?? 'default'}`);
        }
    };
    await compare();
    assert.equal((await outcome("reservoir", 1, NEWEST)).exact, false, "the window alone holds more matches than the cap");
    // A hidden article is left out alike.
    await db.db.updateTable('articles').set({ trashed_at: NOW }).where('id', '=', trashed).execute();
    await compare();
  });
});
