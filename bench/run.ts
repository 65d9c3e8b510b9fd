// `npm run bench`: the public site's performance budget, measured on loopback against a 10,000-article archive.
//   1. data set    generated once into ./data/bench (see generate.ts), reused while its parameters match
//   2. throughput  autocannon, 32 connections, 2 s warm-up + 10 s, against the real app (child process) and,
//                  in the same run, a bare node:http server replaying the app's exact bytes from memory
//   3. render      server time of an uncached render of the 3,000-word article (app.inject, cache off)
//   4. memory      resident set size of the app process after the throughput runs
//   5. cold start  `node --max-semi-space-size=2 dist/server.js serve` (as npm start) on the existing database: spawn → first 200 on GET /
// Prints PASS/FAIL per target and a JSON summary; exits 0 whether or not targets are met (1 only if the
// benchmark itself could not run). Options: --regenerate (rebuild the data set). See bench/README.md.
import { request, type IncomingHttpHeaders } from 'node:http';
import { freePort } from '../test/net.js';
import { cpus, totalmem, platform, release, loadavg } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { benchDataDir, DEFAULT_PARAMS, ensureBenchData, type Manifest } from './generate.js';
import { SERVE_NODE_FLAGS, ask, busyCpus, forkScript, killAllSync, machineCpu, procMemory, spawnNode, stop, stopAll, waitMessage, type Started } from './children.js';
import type { RenderTiming } from './render.js';
import { openDatabase } from '../src/platform/db/index.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));

function envInt(name: string, def: number, min: number, max: number): number {
  const raw = process.env[name];
  if (!raw) return def;
  const n = Number(raw);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : def;
}

const CONNECTIONS = envInt('BENCH_CONNECTIONS', 32, 1, 1024);
const DURATION_S = envInt('BENCH_DURATION', 10, 1, 120);
const WARMUP_S = envInt('BENCH_WARMUP', 2, 0, 30);
const RENDER_COUNT = envInt('BENCH_RENDER_COUNT', 50, 5, 1000);
const RENDER_WARMUP = 10;
const COLD_RUNS = envInt('BENCH_COLD_RUNS', 3, 1, 10);
const COLD_TIMEOUT_MS = 15_000;
/** Above this much CPU used by everything else during a run (% of one CPU), the run is flagged as noisy. */
const NOISY_PCT = 35;
/** On a shared machine: before each measurement, wait (in all at most this long) for other jobs to quieten down. */
let quietBudgetMs = envInt('BENCH_QUIET_WAIT', 120, 0, 900) * 1000;
let quietWaitedMs = 0;

/** Waits until the machine, our idle children included, is using less than NOISY_PCT of a CPU, within the budget. */
async function awaitQuiet(): Promise<void> {
  const n = cpus().length;
  let announced = false;
  for (;;) {
    const a = machineCpu();
    await sleep(1000);
    const busy = busyCpus(a, machineCpu(), n);
    if (busy === null || busy * 100 < NOISY_PCT) return;
    if (quietBudgetMs <= 0) return;
    if (!announced) log(`The machine is busy (${(busy * 100).toFixed(0)}% of a CPU used by other processes); waiting for it to quieten (at most ${Math.round(quietBudgetMs / 1000)} s more) …`);
    announced = true;
    const t = Math.min(quietBudgetMs, 2000);
    await sleep(t);
    quietBudgetMs -= t + 1000;
    quietWaitedMs += t + 1000;
  }
}

const TARGETS = {
  ratio: { article: 0.7, home: 0.6, month: 0.6 } as Record<PageKind, number>,
  p99Ms: 10,
  renderMs: 5,
  rssBytes: 150 * 1_000_000,
  coldStartMs: 1500,
};

/** What a browser sends. The app serves its cached brotli form to such a client; the bare server the same bytes. */
const REQUEST_HEADERS: Record<string, string> = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'en-GB,en;q=0.9',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) broadside-bench/1',
};

type PageKind = 'article' | 'home' | 'month';

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------------------
// HTTP helpers (loopback only).

interface RawResponse {
  status: number;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function rawGet(port: number, path: string, headers: Record<string, string>, timeoutMs: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * The site as readers find it after a while: each page viewed once, and the jobs those views queued (an
 * article's related articles, worked out after its first view, which then changes the page) done.
 */
async function settle(port: number, urls: string[], dataDir: string): Promise<void> {
  for (const u of urls) await rawGet(port, u, REQUEST_HEADERS, 10_000);
  const h = openDatabase({ databaseUrl: null, dataDir, readonly: true });
  try {
    for (let i = 0; i < 100; i++) {
      const due = await h.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['queued', 'running'])
        .where('run_at', '<=', new Date().toISOString())
        .executeTakeFirst();
      if (Number(due?.n ?? 0) === 0) return;
      await sleep(100);
    }
    log('The app still has jobs due after 10 s; measuring anyway.');
  } finally {
    await h.close();
  }
}

/** The app's answer to a browser once the page is cached (rendered, then compressed in the background). */
async function referenceResponse(port: number, path: string): Promise<RawResponse> {
  let res = await rawGet(port, path, REQUEST_HEADERS, 10_000);
  for (let i = 0; i < 40; i++) {
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    if (res.headers['content-encoding'] || (i > 0 && res.body.length < 512)) break;
    await sleep(50);
    res = await rawGet(port, path, REQUEST_HEADERS, 10_000);
  }
  return res;
}

/** Response headers to replay, minus the ones Node writes for each response itself. */
function replayHeaders(rawHeaders: string[]): Record<string, string | string[]> {
  const skip = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const k = rawHeaders[i]!;
    const v = rawHeaders[i + 1]!;
    if (skip.has(k.toLowerCase())) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}


// ---------------------------------------------------------------------------------------------------------
// Load.

interface ChildStats {
  type: 'stats';
  rss: number;
  heapUsed: number;
  external: number;
  cpu: NodeJS.CpuUsage;
  cachedPages: number;
}

interface LoadResult {
  reqPerSec: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  serverCpuPct: number;
  clientCpuPct: number;
  /** CPU the rest of the machine (other processes, kernel network work) used meanwhile, in % of one CPU. */
  otherCpuPct: number | null;
  /** Server CPU time per request, µs: what throughput comes to when the server has a CPU to itself. */
  serverCpuUsPerReq: number;
}

async function cannon(port: number, path: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    headers: REQUEST_HEADERS,
  });
}

async function measure(server: Started, port: number, path: string): Promise<LoadResult> {
  await awaitQuiet();
  if (WARMUP_S > 0) await cannon(port, path, WARMUP_S);
  const before = await ask<ChildStats>(server.child, { type: 'stats' }, 'stats');
  const clientBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  const t0 = performance.now();
  const r = await cannon(port, path, DURATION_S);
  const wallUs = (performance.now() - t0) * 1000;
  const client = process.cpuUsage(clientBefore);
  const machine = busyCpus(machineBefore, machineCpu(), cpus().length);
  const after = await ask<ChildStats>(server.child, { type: 'stats' }, 'stats');
  const serverUs = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  const serverCpuPct = (100 * serverUs) / wallUs;
  const clientCpuPct = (100 * (client.user + client.system)) / wallUs;
  return {
    reqPerSec: r.requests.average,
    total: r.requests.total,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    bytesPerResponse: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    serverCpuPct,
    clientCpuPct,
    otherCpuPct: machine === null ? null : Math.max(0, machine * 100 - serverCpuPct - clientCpuPct),
    serverCpuUsPerReq: r.requests.total ? serverUs / r.requests.total : NaN,
  };
}

async function startServer(script: string, env: NodeJS.ProcessEnv, logFile: string, label: string): Promise<{ started: Started; port: number }> {
  const started = forkScript(join(HERE, script), env, logFile, label);
  const msg = await waitMessage<{ type: 'listening'; port: number }>(started.child, 'listening', 30_000);
  return { started, port: msg.port };
}

// ---------------------------------------------------------------------------------------------------------

interface Row {
  kind: PageKind;
  url: string;
  bodyBytes: number;
  encoding: string;
  app: LoadResult;
  bare: LoadResult;
  ratio: number;
  /** Bare server's CPU per request ÷ the app's: the ratio again, measured in CPU time (robust to other load). */
  cpuRatio: number;
  target: number;
  pass: boolean;
  notes: string[];
}

function childEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The bench's settings only, whatever the calling shell had set: its own SQLite file, default cache.
  for (const k of ['PORT', 'HOST', 'BROADSIDE_PAGE_CACHE', 'BROADSIDE_URL']) delete env[k];
  return { ...env, BROADSIDE_DATA_DIR: dataDir, DATABASE_URL: '', ...extra };
}

async function renderTest(dataDir: string, logDir: string, m: Manifest) {
  const env = childEnv(dataDir, {
    BROADSIDE_PAGE_CACHE: 'false',
    BENCH_RENDER_URL: m.urls.longArticle,
    BENCH_RENDER_INFO: [m.urls.article, m.urls.home, m.urls.month].join(','),
    BENCH_RENDER_WARMUP: String(RENDER_WARMUP),
    BENCH_RENDER_COUNT: String(RENDER_COUNT),
  });
  await awaitQuiet();
  const started = forkScript(join(HERE, 'render.js'), env, join(logDir, 'render.log'), 'render');
  try {
    const before = machineCpu();
    const t0 = performance.now();
    const r = await waitMessage<{ type: 'render'; target: RenderTiming; dbMedianMs: number | null; others: RenderTiming[] }>(started.child, 'render', 180_000);
    const busy = busyCpus(before, machineCpu(), cpus().length);
    return { ...r, seconds: (performance.now() - t0) / 1000, machineBusyPct: busy === null ? null : busy * 100 };
  } finally {
    await stop(started);
  }
}

async function coldStart(dataDir: string, logDir: string, run: number): Promise<{ ms: number; status: number; attempts: number }> {
  await awaitQuiet();
  const port = await freePort();
  const env = childEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1' });
  const t0 = performance.now();
  const s = spawnNode([...SERVE_NODE_FLAGS, 'dist/server.js', 'serve'], env, join(logDir, `serve-cold-${run}.log`), 'serve', REPO_ROOT);
  try {
    let attempts = 0;
    while (performance.now() - t0 < COLD_TIMEOUT_MS) {
      if (s.child.exitCode !== null || s.child.signalCode !== null) throw new Error(`serve exited (code ${s.child.exitCode}) before answering; see ${logDir}`);
      attempts++;
      try {
        const res = await rawGet(port, '/', REQUEST_HEADERS, 5000);
        if (res.status === 200) return { ms: performance.now() - t0, status: res.status, attempts };
        await sleep(5);
      } catch {
        await sleep(5); // not listening yet
      }
    }
    throw new Error(`no 200 on GET / within ${COLD_TIMEOUT_MS} ms`);
  } finally {
    await stop(s);
  }
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
function table(header: string[], rows: string[][], rightAlign: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (rightAlign[i] ? lpad(c, widths[i]!) : pad(c, widths[i]!))).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w, i) => (rightAlign[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|', ...rows.map(line)].join('\n');
}
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const int = (n: number) => Math.round(n).toLocaleString('en');
const mb = (b: number) => (b / 1_000_000).toFixed(1);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

interface RenderReport {
  target: RenderTiming;
  dbMedianMs: number | null;
  others: RenderTiming[];
  seconds: number;
  machineBusyPct: number | null;
}

const errMsg = (err: unknown) => ((err as Error)?.message ?? String(err)).split('\n')[0]!;

async function main(): Promise<void> {
  const regenerate = process.argv.includes('--regenerate');
  const dataDir = benchDataDir();
  const logDir = join(dataDir, 'logs');
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const startedAt = new Date();
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryBytes: totalmem(), platform: `${platform()} ${release()}`, node: process.version, loadavg: loadavg() };
  log(`Node ${machine.node}, ${machine.cpus} CPU(s) (${machine.cpuModel}), load average ${machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`);
  if (machine.cpus < 4) log(`Only ${machine.cpus} CPU(s): autocannon and the server share them, so absolute req/s are low; the app/bare ratio is the figure to read.`);

  // 1. Data.
  const { manifest, reused } = await ensureBenchData(dataDir, DEFAULT_PARAMS, { force: regenerate, log });
  log(`Data set: ${int(manifest.counts.articles)} articles (avg ${int(manifest.avgWords)} words, ${int(manifest.avgBodyBytes)} bytes of body), ${manifest.counts.months} months, ${manifest.counts.authors} authors, ${manifest.counts.tags} tags (${manifest.counts.regionTags} regions).`);

  // 3 (first, while nothing of ours runs). Uncached render.
  log(`Render: ${RENDER_COUNT} uncached renders of ${manifest.urls.longArticle} (${int(manifest.longArticle.words)} words) after ${RENDER_WARMUP} warm-ups …`);
  let render: RenderReport | null = null;
  let renderError: string | null = null;
  try {
    render = await renderTest(dataDir, logDir, manifest);
  } catch (err) {
    renderError = errMsg(err);
    log(`Render test failed: ${renderError}`);
  }

  // 2. Throughput, app and bare in the same run, URL by URL.
  const pages: { kind: PageKind; url: string }[] = [
    { kind: 'article', url: manifest.urls.article },
    { kind: 'home', url: manifest.urls.home },
    { kind: 'month', url: manifest.urls.month },
  ];
  log('Starting the app and the bare server …');
  const app = await startServer('app-server.js', childEnv(dataDir, {}), join(logDir, 'app-server.log'), 'app');
  const bare = await startServer('bare-server.js', childEnv(dataDir, {}), join(logDir, 'bare-server.log'), 'bare');
  await settle(app.port, pages.map((p) => p.url), dataDir);
  const rows: Row[] = [];
  const failed: { kind: PageKind; url: string; error: string }[] = [];
  for (const p of pages) {
    let ref: RawResponse;
    try {
      ref = await referenceResponse(app.port, p.url);
      await ask(bare.started.child, { type: 'routes', routes: [{ path: p.url, status: ref.status, headers: replayHeaders(ref.rawHeaders), body: ref.body.toString('base64') }] }, 'routes-ok');
      // The bare server must answer byte for byte what the app answers.
      const b = await rawGet(bare.port, p.url, REQUEST_HEADERS, 5000);
      if (!b.body.equals(ref.body) || b.status !== ref.status) throw new Error(`the bare server's answer to ${p.url} differs from the app's`);
    } catch (err) {
      failed.push({ ...p, error: errMsg(err) });
      log(`${p.url}: ${errMsg(err)}; not measured`);
      continue;
    }
    log(`Load: ${p.url} (${int(ref.body.length)} bytes, ${ref.headers['content-encoding'] ?? 'identity'}) — app …`);
    const appResult = await measure(app.started, app.port, p.url);
    log(`Load: ${p.url} — bare …`);
    const bareResult = await measure(bare.started, bare.port, p.url);
    const ratio = appResult.reqPerSec / bareResult.reqPerSec;
    const target = TARGETS.ratio[p.kind];
    const notes: string[] = [];
    for (const [name, r] of [['app', appResult], ['bare', bareResult]] as const) {
      if (r.non2xx || r.errors || r.timeouts) notes.push(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    }
    if (Math.abs(appResult.bytesPerResponse - bareResult.bytesPerResponse) > 16) notes.push(`bytes/response differ: app ${appResult.bytesPerResponse}, bare ${bareResult.bytesPerResponse}`);
    const pass = ratio >= target && appResult.p99Ms < TARGETS.p99Ms && notes.length === 0;
    for (const [name, r] of [['app', appResult], ['bare', bareResult]] as const) {
      if (r.otherCpuPct !== null && r.otherCpuPct > NOISY_PCT) notes.push(`during the ${name} run the rest of the machine used ${f1(r.otherCpuPct)}% of a CPU: not a quiet machine, the figures are noisy`);
    }
    const cpuRatio = bareResult.serverCpuUsPerReq / appResult.serverCpuUsPerReq;
    rows.push({ kind: p.kind, url: p.url, bodyBytes: ref.body.length, encoding: String(ref.headers['content-encoding'] ?? 'identity'), app: appResult, bare: bareResult, ratio, cpuRatio, target, pass, notes });
  }

  // 4. Memory of the serving process after the run.
  const appStats = await ask<ChildStats>(app.started.child, { type: 'stats' }, 'stats');
  const bareStats = await ask<ChildStats>(bare.started.child, { type: 'stats' }, 'stats');
  const appMem = procMemory(app.started.pid) ?? { rssBytes: appStats.rss, peakRssBytes: null, source: 'process.memoryUsage()' };
  const bareMem = procMemory(bare.started.pid) ?? { rssBytes: bareStats.rss, peakRssBytes: null, source: 'process.memoryUsage()' };
  await stop(app.started);
  await stop(bare.started);

  // 5. Cold start.
  const cold: number[] = [];
  const coldErrors: string[] = [];
  for (let i = 1; i <= COLD_RUNS; i++) {
    log(`Cold start ${i}/${COLD_RUNS}: node ${SERVE_NODE_FLAGS.join(' ')} dist/server.js serve …`);
    try {
      cold.push((await coldStart(dataDir, logDir, i)).ms);
    } catch (err) {
      coldErrors.push(errMsg(err));
      log(`Cold start ${i} failed: ${errMsg(err)}`);
    }
  }
  const coldSorted = [...cold].sort((a, b) => a - b);
  const coldMedian = coldSorted.length && !coldErrors.length ? coldSorted[Math.floor((coldSorted.length - 1) / 2)]! : null;

  // Report.
  const throughputTable = table(
    ['URL', 'bytes', 'app req/s', 'bare req/s', 'ratio', 'app p99 ms', 'bare p99 ms', 'target', 'result'],
    [
      ...rows.map((r) => [
        r.url,
        `${int(r.bodyBytes)} ${r.encoding === 'identity' ? '' : r.encoding}`.trim(),
        int(r.app.reqPerSec),
        int(r.bare.reqPerSec),
        `${f2(r.ratio)}×`,
        String(r.app.p99Ms),
        String(r.bare.p99Ms),
        `≥ ${f2(r.target)}×, p99 < ${TARGETS.p99Ms} ms`,
        verdict(r.pass),
      ]),
      ...failed.map((f) => [f.url, '–', '–', '–', '–', '–', '–', `≥ ${f2(TARGETS.ratio[f.kind])}×, p99 < ${TARGETS.p99Ms} ms`, 'FAIL (error)']),
    ],
    [false, true, true, true, true, true, true, false, false],
  );
  const renderPass = render !== null && render.target.medianMs < TARGETS.renderMs;
  const memPass = appMem.rssBytes < TARGETS.rssBytes;
  const coldPass = coldMedian !== null && coldMedian < TARGETS.coldStartMs;
  const otherTable = table(
    ['measure', 'value', 'target', 'result'],
    [
      [
        `uncached render, ${int(manifest.longArticle.words)}-word article (app.inject, n=${RENDER_COUNT})`,
        render ? `median ${f2(render.target.medianMs)} ms, p95 ${f2(render.target.p95Ms)} ms` : 'error',
        `< ${TARGETS.renderMs} ms (median)`,
        verdict(renderPass),
      ],
      [`resident memory of the app after the run (${appMem.source.startsWith('/proc') ? 'VmRSS' : 'rss'})`, `${mb(appMem.rssBytes)} MB`, `< ${mb(TARGETS.rssBytes)} MB`, verdict(memPass)],
      [`cold start → first 200 on GET / (median of ${COLD_RUNS})`, coldMedian !== null ? `${int(coldMedian)} ms` : 'error', `< ${int(TARGETS.coldStartMs)} ms`, verdict(coldPass)],
    ],
    [false, true, false, false],
  );

  const out: string[] = [];
  out.push('');
  out.push(`Broadside benchmark — ${startedAt.toISOString()} — Node ${machine.node}, ${machine.cpus} CPU(s), loopback 127.0.0.1`);
  out.push(`Data: ${int(manifest.counts.articles)} articles over ${manifest.params.years} years (${reused ? 'reused' : 'generated now'}, ${dataDir})`);
  out.push(`Load: autocannon, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s, browser-like request headers (accept-encoding: ${REQUEST_HEADERS['accept-encoding']})`);
  out.push('');
  out.push(throughputTable);
  out.push('');
  out.push(otherTable);
  out.push('');
  out.push('Details:');
  for (const r of rows) {
    out.push(
      `  ${r.url}: ${int(r.app.bytesPerResponse)} bytes/response; server CPU per request: app ${f1(r.app.serverCpuUsPerReq)} µs, bare ${f1(r.bare.serverCpuUsPerReq)} µs (CPU ratio ${f2(r.cpuRatio)}×)\n` +
        `    app  ${int(r.app.total)} req, p50 ${r.app.p50Ms} ms, max ${r.app.maxMs} ms; CPU: server ${f1(r.app.serverCpuPct)}%, autocannon ${f1(r.app.clientCpuPct)}%, rest of machine ${r.app.otherCpuPct === null ? '?' : f1(r.app.otherCpuPct)}%\n` +
        `    bare ${int(r.bare.total)} req, p50 ${r.bare.p50Ms} ms, max ${r.bare.maxMs} ms; CPU: server ${f1(r.bare.serverCpuPct)}%, autocannon ${f1(r.bare.clientCpuPct)}%, rest of machine ${r.bare.otherCpuPct === null ? '?' : f1(r.bare.otherCpuPct)}%`,
    );
    for (const n of r.notes) out.push(`    ! ${n}`);
  }
  for (const f of failed) out.push(`  ${f.url}: ERROR ${f.error} (see ${join(logDir, 'app-server.log')})`);
  if (render) {
    out.push(
      `  render ${render.target.url}: first (cold process) ${f2(render.target.firstMs)} ms; then median ${f2(render.target.medianMs)}, p95 ${f2(render.target.p95Ms)}, min ${f2(render.target.minMs)}, max ${f2(render.target.maxMs)} ms; CPU time median ${f2(render.target.cpuMedianMs)} ms; ${int(render.target.bytes)} bytes` +
        (render.dbMedianMs !== null ? `; getArticle() alone median ${f2(render.dbMedianMs)} ms` : '') +
        (render.machineBusyPct !== null ? `; machine busy ${f1(render.machineBusyPct)}% of a CPU meanwhile (the render process itself uses up to 100%)` : ''),
    );
    if (render.machineBusyPct !== null && render.machineBusyPct - 100 > NOISY_PCT) out.push(`    ! other processes were busy during the render test: its wall-clock figures are noisy (the CPU time is not)`);
    for (const o of render.others) out.push(`  uncached ${o.url} (for information): first ${f2(o.firstMs)} ms, median ${f2(o.medianMs)} ms, p95 ${f2(o.p95Ms)} ms, CPU median ${f2(o.cpuMedianMs)} ms, ${int(o.bytes)} bytes`);
  } else {
    out.push(`  render: ERROR ${renderError} (see ${join(logDir, 'render.log')})`);
  }
  out.push(`  memory: app VmRSS ${mb(appMem.rssBytes)} MB (peak ${appMem.peakRssBytes ? mb(appMem.peakRssBytes) : '?'} MB, heap used ${mb(appStats.heapUsed)} MB, ${appStats.cachedPages} cached pages); bare server VmRSS ${mb(bareMem.rssBytes)} MB`);
  out.push(`  cold start: ${cold.map((c) => `${int(c)} ms`).join(', ')}${coldErrors.map((e) => `; ERROR ${e}`).join('')}`);
  out.push(`  load average: ${machine.loadavg.map((l) => l.toFixed(2)).join(' ')} at the start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end (${machine.cpus} CPUs); waited ${Math.round(quietWaitedMs / 1000)} s in all for other jobs to quieten`);
  const allPass = failed.length === 0 && rows.every((r) => r.pass) && renderPass && memPass && coldPass;
  const missed = [...rows.filter((r) => !r.pass).map((r) => r.url), ...failed.map((f) => f.url), ...(renderPass ? [] : ['render']), ...(memPass ? [] : ['memory']), ...(coldPass ? [] : ['cold start'])];
  out.push('');
  out.push(allPass ? 'All targets met: PASS' : `Targets missed: FAIL (${missed.join(', ')})`);

  const summary = {
    startedAt: startedAt.toISOString(),
    machine,
    settings: { connections: CONNECTIONS, warmupSeconds: WARMUP_S, durationSeconds: DURATION_S, requestHeaders: REQUEST_HEADERS, renderWarmup: RENDER_WARMUP, renderCount: RENDER_COUNT, coldRuns: COLD_RUNS },
    data: { dir: dataDir, reused, params: manifest.params, schema: manifest.schema, counts: manifest.counts, urls: manifest.urls, avgWords: manifest.avgWords, longArticle: manifest.longArticle },
    targets: TARGETS,
    throughput: [
      ...rows.map((r) => ({ url: r.url, kind: r.kind, bodyBytes: r.bodyBytes, encoding: r.encoding, app: r.app, bare: r.bare, ratio: r.ratio, cpuRatio: r.cpuRatio, target: r.target, pass: r.pass, notes: r.notes })),
      ...failed.map((f) => ({ url: f.url, kind: f.kind, error: f.error, target: TARGETS.ratio[f.kind], pass: false })),
    ],
    render: render
      ? { ...render.target, dbMedianMs: render.dbMedianMs, machineBusyPct: render.machineBusyPct, targetMs: TARGETS.renderMs, pass: renderPass, others: render.others }
      : { error: renderError, targetMs: TARGETS.renderMs, pass: false },
    memory: { appRssBytes: appMem.rssBytes, appPeakRssBytes: appMem.peakRssBytes, appHeapUsedBytes: appStats.heapUsed, bareRssBytes: bareMem.rssBytes, source: appMem.source, targetBytes: TARGETS.rssBytes, pass: memPass },
    coldStart: { runsMs: cold, errors: coldErrors, medianMs: coldMedian, targetMs: TARGETS.coldStartMs, pass: coldPass },
    loadavgEnd: loadavg(),
    quietWaitSeconds: Math.round(quietWaitedMs / 1000),
    pass: allPass,
  };
  out.push('');
  out.push('JSON summary:');
  out.push(JSON.stringify(summary, null, 2));
  console.log(out.join('\n'));
  writeFileSync(join(dataDir, 'last-result.json'), JSON.stringify(summary, null, 2) + '\n');
}

process.once('SIGINT', () => {
  killAllSync();
  process.exit(130);
});
process.once('SIGTERM', () => {
  killAllSync();
  process.exit(143);
});
process.once('exit', killAllSync);

try {
  await main();
} catch (err) {
  console.error(`\nBENCHMARK ERROR (no figures): ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
