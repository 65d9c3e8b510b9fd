// `npm run bench:search`: search at archive scale, on loopback, bounded in time.
//   1. data set   BENCH_SEARCH_ARTICLES (default 100,000) generated articles of ~1,000 words each: a generated
//                 vocabulary (the 127 English stop words, then 50,000 made-up words) drawn with a Zipf
//                 distribution (s = 1: the commonest word ~9 % of the text, about half of it stop words), in
//                 paragraphs, with headlines, regions, topics and authors. Written with batched inserts into a
//                 temporary data dir (SQLite) or a database of its own (PostgreSQL, when DATABASE_URL is set).
//   2. reindex    `broadside search reindex` as an operator runs it (a child process): its wall time.
//   3. in-process searchArticles() (the whole operation: parse, rank, count, read the page, snippets) for
//                 BENCH_SEARCH_QUERIES one- to three-word queries, one at a time: p50/p95/p99; for information,
//                 the 20 commonest words, and 100 searches narrowed by a region, an author or a year.
//   4. HTTP       the real app (child process), autocannon, a different query each request (GET /search/?q=…):
//                 32 connections for BENCH_DURATION (10) s, BENCH_SEARCH_ROUNDS (3) times, searches/s of each
//                 round and their median, which is held to the target (and p95, for information: with every
//                 connection kept busy a search waits behind the others), and the CPU a search cost in the app,
//                 in a local PostgreSQL and in autocannon (cpuMsPerSearch); then one connection for 5 s, p95.
// The same build on the development machines (two shared cores) measured from under 300 to over 580
// searches/s a few minutes apart: rounds show how steady a run was, and `machineProbeMs` (a fixed loop of
// integer arithmetic, timed before and after) whether the machine itself was slower than usual.
// Queries: each word drawn log-uniformly from content-word ranks 30–30,000, so that as many words come from
// ranks 30–300 (found in ~20–45 % of articles) as from 300–3,000 (~2–20 %) and 3,000–30,000 (< 2 %).
// Options: BENCH_SEARCH_DATA_DIR=dir to keep the data set and reuse it (same parameters), BENCH_CONNECTIONS,
// BENCH_DURATION, BENCH_SEARCH_QUERIES, BENCH_SEARCH_STEPS (a comma list of reindex, inprocess, http).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DbHandle } from '../src/platform/db/index.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { plainCtx } from '../src/platform/context/index.js';
import { searchArticles } from '../src/modules/search/index.js';
import { STOPWORDS } from '../src/modules/search/text.js';
import { ask, busyCpus, forkScript, killAllSync, machineCpu, postgresCpu, postgresCpuBetween, stop, waitMessage } from './children.js';
import { schemaFingerprint } from './generate.js';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

function envInt(name: string, def: number, min: number, max: number): number {
  const raw = process.env[name];
  if (!raw) return def;
  const n = Number(raw);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : def;
}

const ARTICLES = envInt('BENCH_SEARCH_ARTICLES', 100_000, 100, 1_000_000);
const WORDS = envInt('BENCH_SEARCH_WORDS', 1000, 50, 10_000);
const QUERIES = envInt('BENCH_SEARCH_QUERIES', 1000, 50, 100_000);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 32, 1, 1024);
const DURATION_S = envInt('BENCH_DURATION', 10, 1, 60);
const ROUNDS = envInt('BENCH_SEARCH_ROUNDS', 3, 1, 9);
/** Which steps to run (all by default): reindex, inprocess, http. The data set is always made or reused. */
const STEPS = new Set((process.env.BENCH_SEARCH_STEPS ?? 'reindex,inprocess,http').split(',').map((x) => x.trim()));
const SEED = 0x5ea4c4;
const VOCAB = 50_000;
const TARGETS = { p95Ms: 30, perSecond: 500, reindexS: 120 };

const log = (m: string) => console.log(`[bench:search] ${m}`);

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness, a vocabulary and Zipf sampling (Vose's alias method: O(1) a word).

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

function vocabulary(rand: () => number): string[] {
  const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'kh', 'sh', 'st', 'tr', 'qu', 'gh'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ia'];
  const codas = ['', '', '', 'n', 'r', 'l', 'm', 'k', 'th'];
  const words = [...STOPWORDS];
  const seen = new Set(words);
  while (words.length < STOPWORDS.size + VOCAB) {
    const syllables = 1 + Math.floor(rand() * 3) + (rand() < 0.3 ? 1 : 0);
    let w = '';
    for (let i = 0; i < syllables; i++) {
      w += onsets[Math.floor(rand() * onsets.length)]! + vowels[Math.floor(rand() * vowels.length)]!;
      if (i === syllables - 1) w += codas[Math.floor(rand() * codas.length)]!;
    }
    if (w.length < 4 || seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  return words;
}

function zipfSampler(n: number, s: number, rand: () => number): () => number {
  const p = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += p[i] = 1 / Math.pow(i + 1, s);
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = Array.from(p, (x) => (x * n) / sum);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((x, i) => (x < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const l = small.pop()!;
    const g = large.pop()!;
    prob[l] = scaled[l]!;
    alias[l] = g;
    scaled[g] = scaled[g]! + scaled[l]! - 1;
    (scaled[g]! < 1 ? small : large).push(g);
  }
  for (const i of [...small, ...large]) prob[i] = 1;
  return () => {
    const i = Math.floor(rand() * n);
    return rand() < prob[i]! ? i : alias[i]!;
  };
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

interface Gen {
  rand: () => number;
  words: string[];
  zipf: () => number;
}

function articleText(g: Gen, target: number): { headline: string; standfirst: string; body: string; count: number } {
  const content = () => {
    for (;;) {
      const i = g.zipf();
      if (i >= STOPWORDS.size) return g.words[i]!;
    }
  };
  const hl = Array.from({ length: 5 + Math.floor(g.rand() * 6) }, (_, i) => (i % 3 === 1 ? g.words[g.zipf()]! : content()));
  const standfirst = `${cap(Array.from({ length: 15 + Math.floor(g.rand() * 10) }, () => g.words[g.zipf()]!).join(' '))}.`;
  const paras: string[] = [];
  let n = 0;
  while (n < target) {
    const sentences: string[] = [];
    const len = 40 + Math.floor(g.rand() * 90);
    let k = 0;
    while (k < len) {
      const sl = 8 + Math.floor(g.rand() * 18);
      const ws: string[] = [];
      for (let i = 0; i < sl; i++) ws.push(g.words[g.zipf()]!);
      sentences.push(`${cap(ws.join(' '))}${g.rand() < 0.1 ? '?' : '.'}`);
      k += sl;
    }
    paras.push(`<p>${sentences.join(' ')}</p>`);
    n += k;
  }
  return { headline: cap(hl.join(' ')), standfirst, body: paras.join('\n'), count: n };
}

// ---------------------------------------------------------------------------------------------------------

interface Manifest {
  articles: number;
  words: number;
  seed: number;
  engine: string;
  schema: string[];
  seconds: number;
}

async function pgDatabase(baseUrl: string, name: string, fresh: boolean): Promise<string> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    if (fresh) {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    }
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.href;
}

async function generate(handle: DbHandle): Promise<void> {
  const db = handle.db;
  await migrateToLatest(db);
  const rand = mulberry32(SEED);
  const words = vocabulary(rand);
  const g: Gen = { rand, words, zipf: zipfSampler(words.length, 1, rand) };
  const now = '2025-10-31T20:00:00.000Z';
  const authorIds: number[] = [];
  for (let i = 0; i < 24; i++) {
    const name = `${cap(words[200 + i * 7]!)} ${cap(words[400 + i * 11]!)}`;
    const r = await db.insertInto('authors').values({ slug: `author-${i + 1}`, name, bio: '', created_at: now }).returning('id').executeTakeFirstOrThrow();
    authorIds.push(Number(r.id));
  }
  const regionIds: number[] = [];
  const topicIds: number[] = [];
  for (let i = 0; i < 18; i++) {
    const region = i < 8;
    const name = cap(words[1000 + i * 13]!);
    const r = await db.insertInto('tags').values({ slug: `${region ? 'region' : 'topic'}-${i + 1}`, name, description: '', is_region: region ? 1 : 0, created_at: now }).returning('id').executeTakeFirstOrThrow();
    (region ? regionIds : topicIds).push(Number(r.id));
  }
  const end = Date.parse(now);
  const start = end - 10 * 365 * 86400_000;
  const BATCH = 500;
  let done = 0;
  const t0 = performance.now();
  while (done < ARTICLES) {
    const n = Math.min(BATCH, ARTICLES - done);
    await db.transaction().execute(async (trx) => {
      const rows = [];
      const meta: { region: number; topics: number[]; authors: number[] }[] = [];
      for (let i = 0; i < n; i++) {
        const k = done + i;
        const at = new Date(start + Math.floor(((k + rand()) * (end - start)) / ARTICLES)).toISOString();
        const t = articleText(g, Math.round(WORDS * (0.7 + rand() * 0.6)));
        const region = regionIds[Math.floor(rand() * regionIds.length)]!;
        const topics = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => topicIds[Math.floor(rand() * topicIds.length)]!))];
        const authors = rand() < 0.2 ? [...new Set([authorIds[Math.floor(rand() * authorIds.length)]!, authorIds[Math.floor(rand() * authorIds.length)]!])] : [authorIds[Math.floor(rand() * authorIds.length)]!];
        meta.push({ region, topics, authors });
        rows.push({
          slug: `article-${k + 1}`,
          kicker: cap(words[STOPWORDS.size + Math.floor(rand() * 300)]!),
          headline: t.headline,
          standfirst: t.standfirst,
          body_html: t.body,
          status: 'published' as const,
          month_key: at.slice(0, 7),
          published_at: at,
          updated_at: at,
          created_at: at,
          primary_tag_id: region,
          word_count: t.count,
        });
      }
      const ids = (await trx.insertInto('articles').values(rows).returning('id').execute()).map((r) => Number(r.id));
      const authorRows = ids.flatMap((id, i) => meta[i]!.authors.map((author_id, position) => ({ article_id: id, author_id, position })));
      const tagRows = ids.flatMap((id, i) => [meta[i]!.region, ...meta[i]!.topics.filter((x) => x !== meta[i]!.region)].map((tag_id, position) => ({ article_id: id, tag_id, position })));
      await trx.insertInto('article_authors').values(authorRows).execute();
      await trx.insertInto('article_tags').values(tagRows).execute();
    });
    done += n;
    if (done % 10_000 === 0 || done === ARTICLES) log(`generated ${done.toLocaleString('en')} articles (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  // As autovacuum would have by then on a live PostgreSQL (it is off on some development machines).
  if (handle.engine === 'postgres') await sql`analyze`.execute(db);
}

/** The query mix: 1–3 content words, each log-uniform over content ranks 30–30,000. */
export function queries(count: number, seed: number): string[] {
  const rand = mulberry32(SEED);
  const words = vocabulary(rand);
  const r = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(r() * 3);
    const ws: string[] = [];
    for (let k = 0; k < n; k++) ws.push(words[STOPWORDS.size + Math.floor(Math.exp(Math.log(30) + r() * (Math.log(30_000) - Math.log(30)))) - 1]!);
    out.push(ws.join(' '));
  }
  return out;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; seconds: number }> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      for (const line of String(d).trim().split('\n')) if (line) log(`  ${line}`);
    });
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ code, out, seconds: (performance.now() - started) / 1000 }));
  });
}

/** The loop's result, kept so that the loop cannot be optimised away. */
let probeSink = 0;
/** Milliseconds for a fixed loop of integer arithmetic: how fast the machine is now, to compare runs by. */
function machineProbeMs(): number {
  const t0 = performance.now();
  let x = probeSink;
  for (let i = 0; i < 1e8; i++) x = (x * 31 + i) | 0;
  probeSink = x;
  return Math.round(performance.now() - t0);
}

/** 2. `broadside search reindex`, as an operator runs it. */
async function measureReindex(env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
  log('search reindex …');
  const cpu0 = machineCpu();
  const re = await runCli(['search', 'reindex'], env);
  if (re.code !== 0) throw new Error(`search reindex failed:\n${re.out}`);
  return { reindexSeconds: +re.seconds.toFixed(1), reindexMachineBusyCpus: +(busyCpus(cpu0, machineCpu(), cpus().length) ?? NaN).toFixed(2) };
}

/** 3. searchArticles() in this process, one query at a time. */
async function measureInProcess(databaseUrl: string | null, dataDir: string): Promise<Record<string, unknown>> {
  log(`in-process: ${QUERIES} searches …`);
  const handle = openDatabase({ databaseUrl, dataDir });
  try {
    const ctx = plainCtx(handle.db, handle.engine);
    const qs = queries(QUERIES + 30, 7);
    for (const q of qs.slice(0, 30)) await searchArticles(ctx, { q });
    const byWords: Record<number, number[]> = { 1: [], 2: [], 3: [] };
    const all: number[] = [];
    let hits = 0;
    for (const q of qs.slice(30)) {
      const t0 = performance.now();
      const r = await searchArticles(ctx, { q });
      const ms = performance.now() - t0;
      hits += r.total;
      all.push(ms);
      byWords[q.split(' ').length]!.push(ms);
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const sa = sorted(all);
    // For information: the worst case, one of the 20 commonest content words (each in about half the articles).
    const words = vocabulary(mulberry32(SEED));
    const common: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await searchArticles(ctx, { q: words[STOPWORDS.size + i]! });
      common.push(performance.now() - t0);
    }
    // For information: searches narrowed by a region, an author or a year (each joins the articles table).
    const filtered: number[] = [];
    const fq = queries(100, 13);
    for (let i = 0; i < fq.length; i++) {
      const filter = i % 3 === 0 ? { tag: `region-${1 + (i % 8)}` } : i % 3 === 1 ? { author: `author-${1 + (i % 24)}` } : { year: String(2016 + (i % 9)) };
      const t0 = performance.now();
      await searchArticles(ctx, { q: fq[i]!, ...filter });
      filtered.push(performance.now() - t0);
    }
    const sf = sorted(filtered);
    return {
      filteredMs: { searches: sf.length, p50: +pct(sf, 50).toFixed(1), p95: +pct(sf, 95).toFixed(1), max: +sf.at(-1)!.toFixed(1) },
      inProcess: {
        queries: all.length,
        p50Ms: +pct(sa, 50).toFixed(2),
        p95Ms: +pct(sa, 95).toFixed(2),
        p99Ms: +pct(sa, 99).toFixed(2),
        maxMs: +sa.at(-1)!.toFixed(2),
        meanHits: Math.round(hits / all.length),
        p95ByWords: Object.fromEntries(Object.entries(byWords).map(([k, v]) => [k, +pct(sorted(v), 95).toFixed(2)])),
      },
      commonestWordMs: { p50: +pct(sorted(common), 50).toFixed(1), max: +sorted(common).at(-1)!.toFixed(1) },
    };
  } finally {
    await handle.close();
  }
}

/** 4. The real app in a child process, autocannon against GET /search/?q=…, a different query each request. */
async function measureHttp(env: NodeJS.ProcessEnv, dataDir: string): Promise<Record<string, unknown>> {
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const server = forkScript(join(HERE, 'app-server.js'), env, join(logDir, 'app.log'), 'app');
  try {
    const { port } = await waitMessage<{ type: string; port: number }>(server.child, 'listening', 60_000);
    const pool = queries(20_000, 11).map((q) => `/search/?q=${encodeURIComponent(q)}`);
    // The figures mean nothing over an empty index: one of the commonest words must find articles.
    const probe = await fetch(`http://127.0.0.1:${port}/search/?q=${encodeURIComponent(vocabulary(mulberry32(SEED))[STOPWORDS.size]!)}`);
    const found = /<p class="search-count"[^>]*>(?:More than )?([\d,]+) result/.exec(await probe.text())?.[1];
    if (probe.status !== 200 || !found || found === '0') throw new Error(`the search index looks empty or broken (status ${probe.status}, ${found ?? 'no'} results for a common word)`);
    let next = 0;
    const fire = (duration: number, record: number[] | null, connections = CONNECTIONS) =>
      new Promise<autocannon.Result>((res, rej) => {
        const inst = autocannon(
          {
            url: `http://127.0.0.1:${port}`,
            connections,
            duration,
            requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: pool[next++ % pool.length]! }) }],
          },
          (err, r) => (err ? rej(err) : res(r)),
        );
        if (record) inst.on('response', (_c: unknown, _s: number, _b: number, ms: number) => record.push(ms));
      });
    log('HTTP warm-up (2 s) …');
    await fire(2, null);
    // The app's CPU time (all its threads), as it reports it itself (app-server.ts).
    const appCpuMs = async () => {
      const { cpu } = await ask<{ type: string; cpu: { user: number; system: number } }>(server.child, { type: 'stats' }, 'stats');
      return (cpu.user + cpu.system) / 1000;
    };
    // CPU per search, by process: the app (all its threads), the local PostgreSQL server, and this process
    // (autocannon): on a machine of two cores, the sum bounds searches per second (2,000 ms / sum).
    const rounds: { perSecond: number; lat: number[]; busy: number | null; non2xx: number; errors: number; cpuMs: Record<string, number | null> }[] = [];
    for (let k = 1; k <= ROUNDS; k++) {
      log(`HTTP: ${CONNECTIONS} connections, ${DURATION_S} s (round ${k} of ${ROUNDS}) …`);
      const lat: number[] = [];
      const cpu0 = machineCpu();
      const [app0, pg0, own0] = [await appCpuMs(), postgresCpu(), process.cpuUsage()];
      const r = await fire(DURATION_S, lat);
      const [app1, pg1, own] = [await appCpuMs(), postgresCpu(), process.cpuUsage(own0)];
      const n = Math.max(1, r['2xx']);
      const per = (ms: number | null) => (ms === null ? null : +(ms / n).toFixed(2));
      const cpuMs = {
        app: per(app1 - app0),
        postgres: env.DATABASE_URL ? per(postgresCpuBetween(pg0, pg1)) : null,
        loadGenerator: per((own.user + own.system) / 1000),
      };
      rounds.push({ perSecond: Math.round(r['2xx'] / DURATION_S), lat, busy: busyCpus(cpu0, machineCpu(), cpus().length), non2xx: r.non2xx, errors: r.errors, cpuMs });
    }
    // The median round, by searches per second: its latencies and CPU figures are reported with it.
    const median = [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor((rounds.length - 1) / 2)]!;
    const sl = median.lat.sort((a, b) => a - b);
    // A reader's wait when the server is not saturated: one connection, one search after another. (With 32
    // connections kept busy, each waits behind the others: by Little's law a mean under 30 ms would take
    // more than 1,000 searches/s.)
    const oneSeconds = Math.min(5, DURATION_S);
    log(`HTTP: one connection, ${oneSeconds} s …`);
    const lat1: number[] = [];
    const r1 = await fire(oneSeconds, lat1, 1);
    const s1 = lat1.sort((a, b) => a - b);
    return {
      oneConnection: { searchesPerSecond: Math.round(r1['2xx'] / oneSeconds), p50Ms: +pct(s1, 50).toFixed(1), p95Ms: +pct(s1, 95).toFixed(1), p99Ms: +pct(s1, 99).toFixed(1) },
      connections: CONNECTIONS,
      seconds: DURATION_S,
      searchesPerSecond: median.perSecond,
      rounds: rounds.map((x) => x.perSecond),
      non2xx: rounds.reduce((a, x) => a + x.non2xx, 0),
      errors: rounds.reduce((a, x) => a + x.errors, 0),
      p50Ms: +pct(sl, 50).toFixed(1),
      p95Ms: +pct(sl, 95).toFixed(1),
      p99Ms: +pct(sl, 99).toFixed(1),
      machineBusyCpus: median.busy === null ? null : +median.busy.toFixed(2),
      cpuMsPerSearch: median.cpuMs,
    };
  } finally {
    await stop(server);
  }
}

async function main(): Promise<void> {
  const engine = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
  const keep = process.env.BENCH_SEARCH_DATA_DIR ? resolve(process.env.BENCH_SEARCH_DATA_DIR) : null;
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'broadside-search-bench-'));
  mkdirSync(dataDir, { recursive: true });
  const manifestPath = join(dataDir, `search-bench-${engine}.json`);
  // The schema: each migration's name and a hash of its code (an edited migration makes the data again).
  const wanted = { articles: ARTICLES, words: WORDS, seed: SEED, engine, schema: schemaFingerprint() };
  const old: Manifest | null = keep && existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null;
  const reuse = !!old && JSON.stringify({ ...old, seconds: 0 }) === JSON.stringify({ ...wanted, seconds: 0 });
  const pgName = `broadside_bench_search_${ARTICLES}`;
  const databaseUrl = process.env.DATABASE_URL ? await pgDatabase(process.env.DATABASE_URL, pgName, !reuse) : null;
  if (!reuse && engine === 'sqlite') for (const f of ['broadside.db', 'broadside.db-wal', 'broadside.db-shm']) rmSync(join(dataDir, f), { force: true });
  log(`engine ${engine}, ${ARTICLES.toLocaleString('en')} articles of ~${WORDS} words, data in ${engine === 'sqlite' ? dataDir : pgName}`);

  const result: Record<string, unknown> = { engine, articles: ARTICLES, wordsPerArticle: WORDS, cpus: cpus().length };
  const probeBefore = machineProbeMs();
  try {
    // 1. data
    let genSeconds = old?.seconds ?? 0;
    if (reuse) log('reusing the data set');
    else {
      const handle = openDatabase({ databaseUrl, dataDir });
      const t0 = performance.now();
      try {
        await generate(handle);
      } finally {
        await handle.close();
      }
      genSeconds = (performance.now() - t0) / 1000;
      if (keep) writeFileSync(manifestPath, JSON.stringify({ ...wanted, seconds: genSeconds }, null, 2));
    }
    result.generateSeconds = Math.round(genSeconds);
    if (databaseUrl) {
      // PostgreSQL's own settings weigh on every figure: Debian installs it with 128 MB of shared buffers,
      // which hold a tenth of the index over 100,000 articles.
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        const r = await c.query(`select current_setting('shared_buffers') as sb, current_setting('server_version') as v`);
        result.postgres = { version: r.rows[0].v, sharedBuffers: r.rows[0].sb };
      } finally {
        await c.end();
      }
    }

    const env = { ...process.env, BROADSIDE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', LOG_LEVEL: 'warn' };
    // A new data set has no index yet: it is always built (and timed) before anything is measured on it.
    if (STEPS.has('reindex') || !reuse) Object.assign(result, await measureReindex(env));
    if (STEPS.has('inprocess')) Object.assign(result, await measureInProcess(databaseUrl, dataDir));
    if (STEPS.has('http')) result.http = await measureHttp(env, dataDir);
    result.loadAverage = loadavg().map((x) => +x.toFixed(2));
    result.machineProbeMs = { before: probeBefore, after: machineProbeMs() };
  } finally {
    if (!keep) {
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl && process.env.DATABASE_URL) {
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`drop database if exists ${pgName} with (force)`);
        await admin.end();
      }
    }
  }

  const ip = result.inProcess as { p95Ms: number } | undefined;
  const http = result.http as { p95Ms: number; searchesPerSecond: number; oneConnection: { p95Ms: number } } | undefined;
  const rows: [string, string, string, boolean][] = [];
  if (ip) rows.push(['p95, in-process searchArticles()', `${ip.p95Ms} ms`, `< ${TARGETS.p95Ms} ms`, ip.p95Ms < TARGETS.p95Ms]);
  if (http) {
    rows.push(['p95, HTTP, one connection', `${http.oneConnection.p95Ms} ms`, `< ${TARGETS.p95Ms} ms`, http.oneConnection.p95Ms < TARGETS.p95Ms]);
    rows.push([`searches/s, HTTP, ${CONNECTIONS} conns (median)`, String(http.searchesPerSecond), `≥ ${TARGETS.perSecond}`, http.searchesPerSecond >= TARGETS.perSecond]);
  }
  if (result.reindexSeconds !== undefined) {
    rows.push([`search reindex, ${ARTICLES.toLocaleString('en')} articles`, `${result.reindexSeconds} s`, `< ${TARGETS.reindexS} s`, (result.reindexSeconds as number) < TARGETS.reindexS]);
  }
  console.log('');
  for (const [what, got, target, ok] of rows) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what.padEnd(40)} ${got.padStart(10)}   target ${target}`);
  if (http) {
    console.log(`      rounds of ${DURATION_S} s: ${(result.http as { rounds: number[] }).rounds.join(', ')} searches/s`);
    console.log(`      with ${CONNECTIONS} connections kept busy, p95 ${http.p95Ms} ms (each search waits behind the others)`);
  }
  console.log(`\n${JSON.stringify(result, null, 2)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.once('SIGINT', () => {
    killAllSync();
    process.exit(130);
  });
}
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err);
    killAllSync();
    process.exitCode = 1;
  });
}
