// The benchmark's data set: a SQLite database of 10,000 generated articles spread over ten years, plus one
// 3,000-word long read, in its own data dir (./data/bench by default). Generated once and reused while the
// parameters stay the same (bench-manifest.json beside the database says what is in it).
//
// Authors, tags, pages and the long read go through the real operations. The 10,000 articles go through the
// real validation (cleanArticle: slug check, sanitiser, month_key, word_count) and are then written with
// batched Kysely inserts inside one transaction, row for row what createArticle + writeArticleLinks write.
//
// Run alone: `npm run build && node dist/bench/generate.js [--force]`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/platform/db/index.js';
import { migrateToLatest, migrations } from '../src/platform/db/migrate.js';
import { plainCtx } from '../src/platform/context/index.js';
import { createAuthor } from '../src/modules/content/operations/createAuthor.js';
import { createTag } from '../src/modules/content/operations/createTag.js';
import { createArticle } from '../src/modules/content/operations/createArticle.js';
import { savePage } from '../src/modules/content/operations/savePage.js';
import { cleanArticle, countWords, type ArticleInput } from '../src/modules/content/operations/articleInput.js';
import { rebuildSearchIndex } from '../src/modules/search/index.js';
import { articlePath } from '../src/modules/content/dates.js';
import type { NewArticle } from '../src/modules/content/tables.js';
import { demoArticles, demoAuthors, demoPages, demoSite, demoTags } from '../src/modules/content/demo/data.js';

export interface GenParams {
  /** Bump when the generator's output changes, so that old data sets are regenerated. */
  version: number;
  articles: number;
  /** Articles are spread evenly (with jitter) over the `years` before `end`. */
  years: number;
  end: string;
  seed: number;
  longArticleWords: number;
}

export const DEFAULT_PARAMS: GenParams = {
  version: 2,
  articles: 10_000,
  years: 10,
  end: '2025-10-31T20:00:00.000Z',
  seed: 0x5eed_b5,
  longArticleWords: 3000,
};

export interface Manifest {
  params: GenParams;
  /** The migrations the schema had, each with a hash of its code: a data set made under another schema is made again. */
  schema: string[];
  generatedAt: string;
  seconds: number;
  counts: { articles: number; authors: number; tags: number; regionTags: number; pages: number; months: number };
  /** The URLs the benchmark measures. */
  urls: { home: string; article: string; month: string; longArticle: string };
  article: { words: number; bodyBytes: number };
  longArticle: { words: number; bodyBytes: number; subheads: number };
  avgWords: number;
  avgBodyBytes: number;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** ./data/bench in the repository (gitignored), or BENCH_DATA_DIR. */
export function benchDataDir(): string {
  return process.env.BENCH_DATA_DIR ? resolve(process.env.BENCH_DATA_DIR) : join(REPO_ROOT, 'data', 'bench');
}

const MANIFEST = 'bench-manifest.json';
const DB_FILES = ['broadside.db', 'broadside.db-wal', 'broadside.db-shm'];

export function readManifest(dataDir: string): Manifest | null {
  const p = join(dataDir, MANIFEST);
  if (!existsSync(p) || !existsSync(join(dataDir, 'broadside.db'))) return null;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** The data set for these parameters: the existing one if it matches, else a fresh one. */
export async function ensureBenchData(
  dataDir: string,
  params: GenParams = DEFAULT_PARAMS,
  opts: { force?: boolean; log?: (msg: string) => void } = {},
): Promise<{ manifest: Manifest; reused: boolean }> {
  const log = opts.log ?? (() => {});
  const existing = readManifest(dataDir);
  const schema = schemaFingerprint();
  if (!opts.force && existing && JSON.stringify(existing.params) === JSON.stringify(params) && JSON.stringify(existing.schema) === JSON.stringify(schema)) {
    log(`Reusing the data set in ${dataDir} (generated ${existing.generatedAt}).`);
    return { manifest: existing, reused: true };
  }
  log(`Generating ${params.articles.toLocaleString('en')} articles over ${params.years} years in ${dataDir} …`);
  if (existing && JSON.stringify(existing.schema) !== JSON.stringify(schema)) log('The schema changed since the last data set (new migrations).');
  const manifest = await generate(dataDir, params, log);
  log(`Generated in ${manifest.seconds.toFixed(1)} s.`);
  return { manifest, reused: false };
}

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness and text.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Sentences of the demo outlet's own prose: realistic word lengths, punctuation and typography. */
function corpus(): { sentences: string[]; words: string[] } {
  // Block by block, so that a subhead never runs into the sentence after it; headings themselves are left out.
  const blocks = demoArticles
    .flatMap((a) => [a.standfirst, ...a.bodyHtml.split(/<\/(?:p|h2|h3|h4|li|blockquote|figcaption)>/)])
    .map((b) => b.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim())
    .filter((b) => /[.!?”]$/.test(b));
  const text = blocks.join(' ');
  const sentences = blocks
    .flatMap((b) => b.split(/(?<=[.!?])\s+(?=[A-Z“‘])/))
    .map((s) => s.trim())
    .filter((s) => {
      const n = s.split(' ').length;
      return n >= 6 && n <= 55 && !s.includes('—  ');
    });
  const words = [...new Set(text.toLowerCase().match(/[a-z][a-z’-]{3,}/g) ?? [])];
  return { sentences, words };
}

const EXTRA_AUTHORS = [
  'Maren Olafsdottir-Reyes',
  'Tomasz Wielgosz',
  'Amina Haddad-Lowe',
  'Priya Ramaswamy',
  'Lucien Abboud',
  'Henrike Soares',
  'Kwame Asante-Berg',
  'Ines Valcárcel',
];
const EXTRA_TOPICS = ['Security', 'Trade', 'Climate', 'Mining', 'Agriculture'];

interface TextGen {
  rand: Rand;
  sentences: string[];
  words: string[];
}

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function headline(g: TextGen): string {
  const s = g.rand.pick(g.sentences).replace(/[.!?,;:”“‘’"]+$/g, '');
  const ws = s.split(' ');
  const n = Math.min(ws.length, g.rand.int(6, 13));
  return capitalise(ws.slice(0, n).join(' ').replace(/[,;:—–-]+$/, ''));
}

function subhead(g: TextGen): string {
  const n = g.rand.int(2, 6);
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(g.rand.pick(g.words));
  return capitalise(ws.join(' '));
}

function paragraph(g: TextGen, target: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < target) {
    const s = g.rand.pick(g.sentences);
    n += words(s);
    parts.push(escapeHtml(s));
  }
  let html = parts.join(' ');
  // Inline markup as an editor leaves it: a link now and then, some emphasis.
  if (g.rand.chance(0.3)) {
    const ws = html.split(' ');
    const at = g.rand.int(0, Math.max(0, ws.length - 4));
    const len = g.rand.int(2, 4);
    const slug = Array.from({ length: 3 }, () => g.rand.pick(g.words).replace(/[^a-z]/g, '')).join('-');
    ws.splice(at, len, `<a href="https://example.org/reports/${g.rand.int(2010, 2025)}/${slug}">${ws.slice(at, at + len).join(' ')}</a>`);
    html = ws.join(' ');
  }
  if (g.rand.chance(0.15)) {
    const ws = html.split(' ');
    const at = g.rand.int(0, Math.max(0, ws.length - 3));
    ws.splice(at, 2, `<em>${ws.slice(at, at + 2).join(' ')}</em>`);
    html = ws.join(' ');
  }
  return `<p>${html}</p>`;
}

/** A body of about `target` words: paragraphs of 40–130 words, an h2 every few paragraphs, a quote sometimes. */
function body(g: TextGen, target: number, opts: { subheadEvery?: [number, number]; forceSubheads?: boolean } = {}): string {
  const [lo, hi] = opts.subheadEvery ?? [3, 6];
  const out: string[] = [];
  let n = 0;
  let sinceHead = 0;
  let nextHead = g.rand.int(lo, hi);
  while (n < target) {
    if (sinceHead >= nextHead && n < target - 150 && (opts.forceSubheads || g.rand.chance(0.8))) {
      out.push(`<h2>${escapeHtml(subhead(g))}</h2>`);
      sinceHead = 0;
      nextHead = g.rand.int(lo, hi);
    }
    if (g.rand.chance(0.06)) {
      const q = g.rand.pick(g.sentences);
      out.push(`<blockquote><p>${escapeHtml(q)}</p></blockquote>`);
      n += words(q);
    } else {
      const p = paragraph(g, g.rand.int(40, 130));
      out.push(p);
      n += words(p.replace(/<[^>]*>/g, ' '));
    }
    sinceHead++;
  }
  return out.join('\n');
}

/** Each migration's name and a hash of its up() source: an edited migration counts as a schema change too. */
export function schemaFingerprint(): string[] {
  return Object.entries(migrations)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, m]) => `${name}:${createHash('sha256').update(String(m.up)).digest('hex').slice(0, 12)}`);
}

/** Which tables hold rows for an article (by an article_id column, or by rowid in a virtual table such as FTS). */
async function footprint(db: Kysely<any>, id: number): Promise<string> {
  const tables = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  const out: string[] = [];
  for (const t of tables.rows) {
    const virtual = /^create\s+virtual\s+table/i.test(t.sql ?? '');
    const cols = virtual ? [] : (await sql<{ name: string }>`select name from pragma_table_info(${t.name})`.execute(db)).rows.map((c) => c.name);
    const col = virtual ? 'rowid' : cols.includes('article_id') ? 'article_id' : null;
    if (!col) continue;
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.name)} where ${sql.ref(col)} = ${id}`.execute(db);
    if (Number(r.rows[0]?.n ?? 0) > 0) out.push(t.name);
  }
  return out.sort().join(', ');
}

// ---------------------------------------------------------------------------------------------------------

async function generate(dataDir: string, params: GenParams, log: (msg: string) => void): Promise<Manifest> {
  const started = performance.now();
  mkdirSync(dataDir, { recursive: true });
  rmSync(join(dataDir, MANIFEST), { force: true });
  for (const f of DB_FILES) rmSync(join(dataDir, f), { force: true });

  const handle = openDatabase({ databaseUrl: null, dataDir });
  try {
    await migrateToLatest(handle.db);
    const ctx = plainCtx(handle.db, handle.engine);
    const db = handle.db;
    const rand = new Rand(params.seed);
    const { sentences, words: vocabulary } = corpus();
    const g: TextGen = { rand, sentences, words: vocabulary };

    const endMs = Date.parse(params.end);
    const startMs = Date.UTC(new Date(endMs).getUTCFullYear() - params.years, new Date(endMs).getUTCMonth(), new Date(endMs).getUTCDate());
    const firstDay = new Date(startMs - 30 * 86400_000).toISOString();

    // Site settings, as seedDemo writes them.
    await db
      .insertInto('settings')
      .values([
        { key: 'site.title', value: demoSite.title },
        { key: 'site.description', value: demoSite.description },
      ])
      .execute();

    // Authors, tags and pages through the real operations.
    const authorIds: number[] = [];
    for (const a of demoAuthors) authorIds.push(await createAuthor(ctx, a, firstDay));
    for (const name of EXTRA_AUTHORS) {
      const bio = `${name.split(' ')[0]} ${sentences[authorIds.length % sentences.length]!.charAt(0).toLowerCase()}${sentences[authorIds.length % sentences.length]!.slice(1)}`;
      authorIds.push(await createAuthor(ctx, { name, bio }, firstDay));
    }
    const regionIds: { id: number; name: string }[] = [];
    const topicIds: number[] = [];
    for (const t of demoTags) {
      const id = await createTag(ctx, { name: t.name, slug: t.slug, description: t.description, isRegion: t.region }, firstDay);
      if (t.region) regionIds.push({ id, name: t.name });
      else topicIds.push(id);
    }
    for (const name of EXTRA_TOPICS) topicIds.push(await createTag(ctx, { name, description: `Analysis of ${name.toLowerCase()} and its politics.` }, firstDay));
    for (const [i, p] of demoPages.entries()) await savePage(ctx, { title: p.title, slug: p.slug, bodyHtml: p.bodyHtml, position: i }, firstDay);

    // Dates first, oldest first, so that ids grow with time as they would in a real archive.
    const span = endMs - startMs;
    const times: string[] = [];
    for (let i = 0; i < params.articles; i++) {
      const day = startMs + Math.floor(((i + rand.float()) * span) / params.articles / 86400_000) * 86400_000;
      const t = day + rand.int(6 * 60, 20 * 60) * 60_000 + rand.int(0, 59) * 1000;
      times.push(new Date(Math.min(t, endMs)).toISOString());
    }
    times.sort();

    // One author mostly; a fifth have two. A region as primary tag, plus one to three topics.
    const taken = new Set<string>();
    let totalWords = 0;
    let totalBytes = 0;
    let maxId = 0;
    const middle = Math.floor(params.articles / 2);
    let sample: { path: string; monthKey: string; words: number; bodyBytes: number } | null = null;
    const BATCH = 200;
    await db.transaction().execute(async (trx) => {
      let articles: NewArticle[] = [];
      let links: { article_id: number; author_id: number; position: number }[] = [];
      let tagLinks: { article_id: number; tag_id: number; position: number }[] = [];
      const flush = async () => {
        if (articles.length) await trx.insertInto('articles').values(articles).execute();
        if (links.length) await trx.insertInto('article_authors').values(links).execute();
        if (tagLinks.length) await trx.insertInto('article_tags').values(tagLinks).execute();
        articles = [];
        links = [];
        tagLinks = [];
      };
      for (let i = 0; i < params.articles; i++) {
        const publishedAt = times[i]!;
        const region = rand.pick(regionIds);
        const topics = [...new Set(Array.from({ length: rand.int(1, 3) }, () => rand.pick(topicIds)))];
        const byline = [rand.pick(authorIds)];
        if (rand.chance(0.2)) byline.push(rand.pick(authorIds));
        // Log-normal length, median ~1,000 words: mostly 500–2,000.
        const target = Math.round(Math.min(2800, Math.max(350, Math.exp(Math.log(1000) + 0.38 * rand.normal()))));
        const h = headline(g);
        const input: ArticleInput = {
          headline: h,
          kicker: rand.chance(0.85) ? region.name : '',
          standfirst: `${rand.pick(sentences)} ${rand.chance(0.5) ? rand.pick(sentences) : ''}`.trim(),
          bodyHtml: body(g, target),
          status: 'published',
          publishedAt,
          authorIds: byline,
          primaryTagId: region.id,
          tagIds: topics,
        };
        let a = cleanArticle(input, publishedAt);
        // createArticle refuses a slug already used in the month; an editor would pick another.
        for (let n = 2; taken.has(`${a.month_key}/${a.slug}`); n++) a = cleanArticle({ ...input, slug: `${a.slug.replace(/-\d+$/, '')}-${n}` }, publishedAt);
        taken.add(`${a.month_key}/${a.slug}`);
        const id = i + 1;
        maxId = id;
        // A tenth were corrected or updated a few days later.
        const updatedAt = rand.chance(0.1) ? new Date(Math.min(Date.parse(publishedAt) + rand.int(1, 9) * 86400_000, endMs)).toISOString() : publishedAt;
        articles.push({
          id,
          slug: a.slug,
          kicker: a.kicker,
          headline: a.headline,
          standfirst: a.standfirst,
          body_html: a.body_html,
          status: a.status,
          month_key: a.month_key,
          published_at: a.published_at,
          updated_at: updatedAt,
          created_at: publishedAt,
          primary_tag_id: a.primaryTagId,
          word_count: a.word_count,
        });
        a.authorIds.forEach((author_id, position) => links.push({ article_id: id, author_id, position }));
        a.tagIds.forEach((tag_id, position) => tagLinks.push({ article_id: id, tag_id, position }));
        totalWords += a.word_count;
        totalBytes += Buffer.byteLength(a.body_html);
        if (!sample && i >= middle && a.word_count >= 950 && a.word_count <= 1250) sample = { path: articlePath(a.month_key!, a.slug), monthKey: a.month_key!, words: a.word_count, bodyBytes: Buffer.byteLength(a.body_html) };
        if (articles.length >= BATCH) await flush();
        if ((i + 1) % 2000 === 0) log(`  ${(i + 1).toLocaleString('en')} articles …`);
      }
      await flush();
    });
    // What else createArticle does, the search index, in the search module's own batched way (as a site whose
    // archive predates search gets it): much faster than 10,000 single reindexArticle calls, the same rows.
    const indexed = await rebuildSearchIndex(db);
    log(`  search index: ${indexed.indexed.toLocaleString('en')} articles`);

    // The long read, through the real createArticle.
    let longBody = '';
    let longWords = 0;
    const gl: TextGen = { rand: new Rand(params.seed ^ 0x10ad), sentences, words: vocabulary };
    longBody = body(gl, params.longArticleWords - 150, { subheadEvery: [3, 4], forceSubheads: true });
    longWords = countWords(longBody);
    while (longWords < params.longArticleWords) {
      longBody += '\n' + paragraph(gl, 40);
      longWords = countWords(longBody);
    }
    const longAt = new Date(endMs - 400 * 86400_000).toISOString().slice(0, 11) + '07:30:00.000Z';
    const region = regionIds[0]!;
    const long = await createArticle(
      ctx,
      {
        headline: 'The long read: how ten years of drought redrew the map of who governs the river',
        kicker: region.name,
        standfirst: sentences.slice(0, 2).join(' '),
        bodyHtml: longBody,
        slug: 'long-read-ten-years-of-drought',
        status: 'published',
        publishedAt: longAt,
        authorIds: [authorIds[0]!, authorIds[5]!],
        primaryTagId: region.id,
        tagIds: topicIds.slice(0, 3),
      },
      longAt,
    );
    const longRow = await db.selectFrom('articles').selectAll().where('id', '=', long.id).executeTakeFirstOrThrow();
    if (long.id <= maxId) throw new Error('unexpected id for the long article');
    // The bulk rows must have the shape of the row createArticle wrote: same columns set, same ones left null.
    const bulkRow = await db.selectFrom('articles').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const shape = (r: Record<string, unknown>) => Object.keys(r).sort().map((k) => `${k}:${r[k] === null ? 'null' : typeof r[k]}`).join(',');
    if (shape(bulkRow) !== shape(longRow)) throw new Error(`generated rows differ in shape from createArticle's:\n  bulk   ${shape(bulkRow)}\n  create ${shape(longRow)}`);
    // …and leave rows in the same other tables (links, search index, whatever createArticle writes next).
    const bulkFootprint = await footprint(handle.db, 1);
    const createFootprint = await footprint(handle.db, long.id);
    if (bulkFootprint !== createFootprint) throw new Error(`the generator no longer writes what createArticle writes; rows per table:\n  bulk   ${bulkFootprint}\n  create ${createFootprint}`);

    const months = await db.selectFrom('articles').select('month_key').distinct().execute();
    const s = sample as { path: string; monthKey: string; words: number; bodyBytes: number } | null;
    if (!s || !long.path) throw new Error('the generator did not produce the sample articles');
    const manifest: Manifest = {
      params,
      schema: schemaFingerprint(),
      generatedAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
      counts: {
        articles: params.articles + 1,
        authors: authorIds.length,
        tags: regionIds.length + topicIds.length,
        regionTags: regionIds.length,
        pages: demoPages.length,
        months: months.length,
      },
      urls: { home: '/', article: s.path, month: `/${s.monthKey.slice(0, 4)}/${s.monthKey.slice(5, 7)}/`, longArticle: long.path },
      article: { words: s.words, bodyBytes: s.bodyBytes },
      longArticle: { words: longRow.word_count, bodyBytes: Buffer.byteLength(longRow.body_html), subheads: (longRow.body_html.match(/<h2>/g) ?? []).length },
      avgWords: Math.round(totalWords / params.articles),
      avgBodyBytes: Math.round(totalBytes / params.articles),
    };
    await handle.close();
    writeFileSync(join(dataDir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  const { manifest } = await ensureBenchData(benchDataDir(), DEFAULT_PARAMS, { force, log: (m) => console.log(m) });
  console.log(JSON.stringify(manifest, null, 2));
}
