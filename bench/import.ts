// `npm run bench:import`: the WordPress import's speed and memory.
//   1. generates an export: BENCH_IMPORT_POSTS (default 20,000) posts × BENCH_IMPORT_COMMENTS (10) threaded
//      comments, or about BENCH_IMPORT_GB gigabytes of them (e.g. BENCH_IMPORT_GB=1), to a temporary file;
//   2. runs `broadside import wordpress` on it as an operator would (a child process, a fresh database: a
//      temporary SQLite data dir, or a database of its own when DATABASE_URL is set), sampling the child's
//      peak resident memory (VmHWM) from /proc while it runs;
//   3. prints posts a second (posts ÷ the import's own wall time), comments a second, the file's size and the
//      peak RSS, against the targets (≥ 2,000 posts/s with 10 comments each on SQLite; < 400 MB for 1 GB).
// BENCH_IMPORT_KEEP=1 keeps the generated file and data dir.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateWxr } from '../src/modules/importers/testing.js';

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

function num(name: string, def: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : def;
}

/** About 3.6 KB of XML a post and 0.75 KB a comment with the generator's defaults. */
function postsForGb(gb: number, comments: number): number {
  return Math.ceil((gb * 1024 ** 3) / (3600 + 750 * comments));
}

async function main(): Promise<void> {
  const comments = num('BENCH_IMPORT_COMMENTS', 10);
  const posts = process.env.BENCH_IMPORT_GB ? postsForGb(num('BENCH_IMPORT_GB', 1), comments) : num('BENCH_IMPORT_POSTS', 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'broadside-bench-import-'));
  const file = join(dir, 'export.xml');
  let dropDb: (() => Promise<void>) | null = null;
  try {
    const g0 = performance.now();
    await generateWxr(file, { posts, commentsPerPost: comments });
    const bytes = statSync(file).size;
    console.log(`Generated ${posts.toLocaleString('en-GB')} posts × ${comments} comments: ${(bytes / 1048576).toFixed(1)} MB in ${((performance.now() - g0) / 1000).toFixed(1)} s`);

    const env: NodeJS.ProcessEnv = { ...process.env, BROADSIDE_DATA_DIR: join(dir, 'data') };
    let engine = 'sqlite';
    if (process.env.DATABASE_URL) {
      engine = 'postgres';
      const base = new URL(process.env.DATABASE_URL);
      const name = `broadside_bench_import_${randomBytes(4).toString('hex')}`;
      const c = new pg.Client({ connectionString: base.href });
      await c.connect();
      await c.query(`create database ${name}`);
      await c.end();
      const url = new URL(base.href);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.href;
      dropDb = async () => {
        const d = new pg.Client({ connectionString: base.href });
        await d.connect();
        await d.query(`drop database if exists ${name} with (force)`);
        await d.end();
      };
    }
    // Migrate first, so that the timed run is the import alone.
    await run([MAIN, 'migrate'], env);
    const reportFile = join(dir, 'report.json');
    const t0 = performance.now();
    const { peakKb, code } = await run([MAIN, 'import', 'wordpress', file, '--report', reportFile], env, true);
    const secs = (performance.now() - t0) / 1000;
    if (code !== 0) throw new Error(`the import exited with ${code}`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { seconds: number; articles: { created: number }; comments: { created: number } };
    const importSecs = report.seconds || secs;
    const rate = report.articles.created / importSecs;
    const peakMb = peakKb / 1024;
    console.log(
      JSON.stringify(
        {
          engine,
          posts: report.articles.created,
          comments: report.comments.created,
          fileMb: Math.round(bytes / 1048576),
          importSeconds: Math.round(importSecs * 10) / 10,
          processSeconds: Math.round(secs * 10) / 10,
          postsPerSecond: Math.round(rate),
          commentsPerSecond: Math.round(report.comments.created / importSecs),
          peakRssMb: Math.round(peakMb),
        },
        null,
        2,
      ),
    );
    console.log(`posts/s ${Math.round(rate)} (target ≥ 2,000 on SQLite): ${rate >= 2000 ? 'PASS' : 'FAIL'}`);
    console.log(`peak RSS ${Math.round(peakMb)} MB (target < 400 MB for a 1 GB export): ${peakMb < 400 ? 'PASS' : 'FAIL'}`);
  } finally {
    if (dropDb) await dropDb().catch(() => {});
    if (!process.env.BENCH_IMPORT_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`Kept ${dir}`);
  }
}

/** Runs the CLI; with `sample`, reads its peak resident memory from /proc while it runs. */
function run(args: string[], env: NodeJS.ProcessEnv, sample = false): Promise<{ code: number | null; peakKb: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    let peakKb = 0;
    const timer = sample
      ? setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) peakKb = Math.max(peakKb, Number(m[1]));
          } catch {
            /* gone */
          }
        }, 50)
      : null;
    child.once('close', (code) => {
      if (timer) clearInterval(timer);
      resolve({ code, peakKb });
    });
  });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
