// `npm run bench:comments`: the comments budget, on loopback (127.0.0.1 only), against the real app in a child
// process (bench/app-server.ts, as `serve` builds it) over a fresh database (SQLite in a temp dir, or DATABASE_URL).
//   1. concurrency  200 comment posts sent at once through the real form: every one answered 303, stored once,
//                   none lost or doubled, and no "database is locked" (or any 5xx) in the server's log
//   2. page cache   autocannon on an article with 500 approved comments and on one with none, in the same run,
//                   in six back-to-back pairs (which goes first alternates): the median of the pairs' ratios
//                   must reach ≥ 80 %;
//                   the server's CPU time per request is given too (far less moved by other jobs)
//   3. latency      300 posts one after another (after 20 to warm up), every check on: honeypot, fields, form
//                   token and minimum time, closed/parent, blocked and moderation words, rate limits, duplicates,
//                   trust, doubt signals and the proof of work, the insert and the moderator mail: p99 < 50 ms
// Prints PASS/FAIL per target and a JSON summary; exits 0 whether or not targets are met (1 if it could not run).
// Options (environment): BENCH_DURATION (s, default 5), BENCH_CONNECTIONS (default 32). With DATABASE_URL set, a
// uniquely named PostgreSQL database is made for the run and dropped after it (test/db.ts), as the tests do.
import { request, Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { createTestDb } from '../test/db.js';
import { plainCtx } from '../src/platform/context/index.js';
import { createAuthor } from '../src/modules/content/operations/createAuthor.js';
import { createArticle } from '../src/modules/content/operations/createArticle.js';
import { createStaffUser } from '../src/modules/editorial/index.js';
import { postComment, saveCommentSettings } from '../src/modules/comments/index.js';
import { issueFormToken, keysFor } from '../src/modules/comments/signing.js';
import { powChallenge, solvePow } from '../src/modules/comments/pow.js';
import { ask, forkScript, stop, stopAll, waitMessage, type Started } from './children.js';
import { brotliCompressSync } from 'node:zlib';

const int = (n: number) => n.toLocaleString('en-GB');
const HERE = fileURLToPath(new URL('./', import.meta.url));
const DURATION = Math.max(1, Math.min(60, Number(process.env.BENCH_DURATION) || 5));
const CONNECTIONS = Math.max(1, Math.min(256, Number(process.env.BENCH_CONNECTIONS) || 32));
const POW_BITS = 10;
const PAIRS = 6;
const HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'en-GB,en;q=0.9',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) broadside-bench/1',
};
const TARGETS = { ratio: 0.8, p99Ms: 50, concurrent: 200 };

const log = (s: string) => process.stdout.write(`${s}\n`);

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function http(port: number, method: 'GET' | 'POST', path: string, body?: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...HEADERS, 'accept-encoding': 'identity', ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

function formOf(html: string): Record<string, string> {
  const form = /<form[^>]*id="commentform"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
    if (name && !/type="checkbox"/.test(m[1]!)) out[name] = /\bvalue="([^"]*)"/.exec(m[1]!)?.[1] ?? '';
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function cannon(port: number, path: string, seconds: number) {
  return autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, pipelining: 1, duration: seconds, timeout: 10, headers: HEADERS });
}

async function main(): Promise<number> {
  const handle = await createTestDb();
  const { dataDir, databaseUrl } = handle;
  let server: Started | null = null;
  try {
    // ---- Data: three articles, one with 500 approved comments --------------------------------------------------
    log(`Preparing data (${databaseUrl ? 'PostgreSQL' : `SQLite in ${dataDir}`}) …`);
    const ctx = plainCtx(handle.db, handle.engine);
    const authorId = await createAuthor(ctx, { name: 'Bench Author', bio: '' });
    const mk = async (headline: string) => {
      const a = await createArticle(ctx, { headline, standfirst: 'A standfirst.', bodyHtml: '<p>Body text of the article, a few paragraphs.</p>'.repeat(12), status: 'published', publishedAt: '2025-05-14T08:00:00Z', authorIds: [authorId] });
      const row = await handle.db.selectFrom('articles').select(['id', 'slug', 'month_key']).where('id', '=', a.id).executeTakeFirstOrThrow();
      return { id: Number(row.id), path: `/${row.month_key!.replace('-', '/')}/${row.slug}/` };
    };
    const none = await mk('An article with no comments');
    const busy = await mk('An article with five hundred comments');
    const target = await mk('The article the posts go to');
    await createStaffUser(ctx, { email: 'desk@bench.example', name: 'Desk', role: 'editor', password: 'bench password 123' });
    const words = Array.from({ length: 50 }, (_, i) => `blockedword${i}`);
    await saveCommentSettings(ctx, { minSeconds: 0, powBits: 0, holdFirstTime: false, limits: { burst: 1_000_000, burstSeconds: 15, hourly: 1_000_000 } });
    const keys = await keysFor(handle.db);
    const site = { baseUrl: 'http://127.0.0.1', title: 'Bench' };
    for (let i = 0; i < 500; i++) {
      const tok = issueFormToken(keys, busy.id, Date.now() - 60_000);
      await postComment(
        ctx,
        { articleId: String(busy.id), ts: String(tok.ts), sig: tok.sig, parentId: '', name: `Reader ${i}`, email: `reader${i}@bench.example`, url: i % 3 ? '' : 'https://example.org', body: `Comment ${i}: a few sentences of reaction to the article, with some length to them so that the page is realistic.\n\nA second paragraph.`, honeypot: '', pow: '', powScript: '', notify: false, ip: `10.1.${i >> 8}.${i & 255}`, userAgent: 'bench', acceptLanguage: 'en' },
        { site },
      );
    }
    // Every check on for the measured posts: all rules active, realistic word lists, the proof of work asked.
    await saveCommentSettings(ctx, { minSeconds: 1, powBits: POW_BITS, holdFirstTime: true, blockedWords: words, moderationWords: words.map((w) => `mod${w}`), limits: { burst: 1_000_000, burstSeconds: 15, hourly: 1_000_000 } });

    // ---- The server ----------------------------------------------------------------------------------------------
    const env: NodeJS.ProcessEnv = { ...process.env, BROADSIDE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1' };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    else delete env.DATABASE_URL;
    const logFile = join(dataDir, 'server.log');
    server = forkScript(join(HERE, 'app-server.js'), env, logFile, 'app');
    const { port } = await waitMessage<{ type: string; port: number }>(server.child, 'listening', 30_000);
    log(`Server on 127.0.0.1:${port} (pid ${server.pid})`);

    // ---- 1. 200 posts at once -------------------------------------------------------------------------------------
    const page = await http(port, 'GET', target.path);
    const form = formOf(page.body);
    await sleep(1100); // the minimum time
    const sendPost = (i: number, tag: string) => {
      const body = `${tag} comment ${i}: what the reader thinks, in a sentence or two of plain text.`;
      const pow = solvePow(powChallenge(Number(form.article_id), Number(form.ts), form.sig!, body), POW_BITS);
      const fields = new URLSearchParams({ ...form, name: `${tag} ${i}`, email: `${tag.toLowerCase()}${i}@bench.example`, url: '', body, pow, powv: '1' }).toString();
      return () => http(port, 'POST', '/comments', fields);
    };
    const prepared = Array.from({ length: TARGETS.concurrent }, (_, i) => sendPost(i, 'Concurrent'));
    const t0 = performance.now();
    const answers = await Promise.all(prepared.map((f) => f()));
    const concurrentMs = performance.now() - t0;
    const statusCounts: Record<string, number> = {};
    for (const a of answers) statusCounts[a.status] = (statusCounts[a.status] ?? 0) + 1;
    const stored = await handle.db.selectFrom('comments').select(['body']).where('article_id', '=', target.id).execute();
    const distinct = new Set(stored.map((r) => r.body)).size;
    const serverLog = readFileSync(logFile, 'utf8');
    const locked = /database is locked|SQLITE_BUSY/i.test(serverLog);
    const concurrentOk = statusCounts['303'] === TARGETS.concurrent && stored.length === TARGETS.concurrent && distinct === TARGETS.concurrent && !locked;

    // ---- 2. The page cache: 500 comments vs none -----------------------------------------------------------------
    for (const p of [none.path, busy.path]) await http(port, 'GET', p);
    const busyPage = await http(port, 'GET', busy.path);
    const nonePage = await http(port, 'GET', none.path);
    const shown = (busyPage.body.match(/<li class="comment depth-1"/g) ?? []).length;
    const title = /<h2 class="comments-title">([^<]*)/.exec(busyPage.body)?.[1] ?? '';
    await cannon(port, none.path, 1);
    await cannon(port, busy.path, 1);
    const rps = { none: 0, busy: 0 };
    const bytesPer = { none: 0, busy: 0 };
    const p99 = { none: 0, busy: 0 };
    // Server CPU time per request: what the ratio comes to with a CPU to itself (other jobs on a shared machine
    // move requests/s a lot, and this much less).
    const cpuPerReq = { none: Infinity, busy: Infinity };
    const cpuOf = async () => {
      const s = await ask<{ type: string; cpu: { user: number; system: number } }>(server!.child, { type: 'stats' }, 'stats');
      return s.cpu.user + s.cpu.system;
    };
    // Rounds in pairs, one page right after the other (which goes first alternates): the machine's pace drifts
    // (other jobs, the client on the same cores), and two back-to-back runs see the same pace. The figure is the
    // median of the pairs' ratios; the best requests/s of each page are given beside it.
    const pairs: number[] = [];
    for (let round = 0; round < PAIRS; round++) {
      const order = round % 2 === 0 ? (['none', 'busy'] as const) : (['busy', 'none'] as const);
      const got = { none: 0, busy: 0 };
      for (const k of order) {
        const p = k === 'none' ? none.path : busy.path;
        const c0 = await cpuOf();
        const r = await cannon(port, p, DURATION);
        const c1 = await cpuOf();
        if (r.non2xx || r.errors) throw new Error(`${p}: ${r.non2xx} non-2xx, ${r.errors} errors under load`);
        got[k] = r.requests.average;
        rps[k] = Math.max(rps[k], r.requests.average);
        bytesPer[k] = Math.round(r.throughput.total / Math.max(1, r.requests.total));
        p99[k] = p99[k] === 0 ? r.latency.p99 : Math.min(p99[k], r.latency.p99);
        cpuPerReq[k] = Math.min(cpuPerReq[k], (c1 - c0) / Math.max(1, r.requests.total));
      }
      pairs.push(got.busy / got.none);
    }
    pairs.sort((a, b) => a - b);
    const ratio = pairs.length % 2 ? pairs[(pairs.length - 1) / 2]! : (pairs[pairs.length / 2 - 1]! + pairs[pairs.length / 2]!) / 2;

    // ---- 3. Latency of one post, all checks on ---------------------------------------------------------------------
    const seq = Array.from({ length: 320 }, (_, i) => sendPost(i, 'Sequential'));
    const times: number[] = [];
    const seqStatus: Record<string, number> = {};
    for (let i = 0; i < seq.length; i++) {
      const r = await seq[i]!();
      seqStatus[r.status] = (seqStatus[r.status] ?? 0) + 1;
      if (i >= 20) times.push(r.ms);
    }
    times.sort((a, b) => a - b);
    const postP50 = quantile(times, 0.5);
    const postP99 = quantile(times, 0.99);
    const seqOk = seqStatus['303'] === seq.length;

    // ---- Report -----------------------------------------------------------------------------------------------------
    const rows = [
      ['200 concurrent posts', `${statusCounts['303'] ?? 0}/200 answered 303 in ${concurrentMs.toFixed(0)} ms; ${stored.length} stored, ${distinct} distinct; "database is locked": ${locked ? 'YES' : 'no'}`, 'all stored once, no lock errors', concurrentOk],
      ['article, 500 comments vs none', `${(ratio * 100).toFixed(1)} % (median of ${PAIRS} back-to-back pairs: ${pairs.map((x) => (x * 100).toFixed(0)).join(', ')} %; best ${rps.busy.toFixed(0)} vs ${rps.none.toFixed(0)} req/s; p99 ${p99.busy} / ${p99.none} ms; server CPU ${cpuPerReq.busy.toFixed(0)} / ${cpuPerReq.none.toFixed(0)} µs a request)`, `≥ ${TARGETS.ratio * 100} %`, ratio >= TARGETS.ratio],
      ['post a comment (all checks)', `p50 ${postP50.toFixed(1)} ms, p99 ${postP99.toFixed(1)} ms over ${times.length} posts (${seqStatus['303'] ?? 0}/${seq.length} stored)`, `p99 < ${TARGETS.p99Ms} ms`, postP99 < TARGETS.p99Ms && seqOk],
    ] as const;
    log('');
    for (const [name, got, want, ok] of rows) log(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(32)} ${got}   (target ${want})`);
    log(`      the 500-comment page shows ${shown} top-level comments (50 a page by default) under "${title.trim()}"`);
    log(`      page sizes (uncompressed / brotli as served): none ${int(nonePage.body.length)} / ${int(brotliCompressSync(nonePage.body).length)} bytes; 500 comments ${int(busyPage.body.length)} / ${int(brotliCompressSync(busyPage.body).length)} bytes; on the wire under load ${int(bytesPer.none)} / ${int(bytesPer.busy)} bytes a response`);
    log('');
    log(
      JSON.stringify({
        engine: databaseUrl ? 'postgres' : 'sqlite',
        concurrent: { statuses: statusCounts, stored: stored.length, distinct, ms: Math.round(concurrentMs), locked },
        pageCache: { rpsWith500: Math.round(rps.busy), rpsWithNone: Math.round(rps.none), ratio: Number(ratio.toFixed(3)), pairRatios: pairs.map((x) => Number(x.toFixed(3))), p99Ms: p99, cpuMicrosPerRequest: { with500: Math.round(cpuPerReq.busy), withNone: Math.round(cpuPerReq.none) }, connections: CONNECTIONS, durationS: DURATION },
        post: { p50Ms: Number(postP50.toFixed(2)), p99Ms: Number(postP99.toFixed(2)), n: times.length, statuses: seqStatus },
        pass: rows.every((r) => r[3]),
      }),
    );
    return 0;
  } finally {
    if (server) await stop(server);
    await stopAll();
    agent.destroy();
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error((err as Error).stack ?? err);
    process.exit(1);
  },
);
