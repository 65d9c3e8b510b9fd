// Child process: server time of uncached renders, in-process with app.inject and the page cache off
// (BROADSIDE_PAGE_CACHE=false, set by the parent). Reports over IPC and exits.
//   BENCH_RENDER_URL      the page whose render is the target (the 3,000-word article)
//   BENCH_RENDER_INFO     other URLs to time the same way, for information (comma-separated)
//   BENCH_RENDER_WARMUP / BENCH_RENDER_COUNT   renders before / during the measurement
import { performance } from 'node:perf_hooks';
// The bundled server, as `npm start` runs it.
const { loadConfig, buildApp } = (await import(new URL('../server.js', import.meta.url).href)) as typeof import('../src/main.js');
import { getArticle } from '../src/modules/content/queries.js';

const send = (m: object) => process.send?.(m);
const HEADERS = { 'user-agent': 'broadside-bench', accept: 'text/html' };

export interface RenderTiming {
  url: string;
  firstMs: number;
  count: number;
  medianMs: number;
  p95Ms: number;
  /** CPU time of the process per render (median): insensitive to other processes competing for the CPU. */
  cpuMedianMs: number;
  minMs: number;
  maxMs: number;
  bytes: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

try {
  const url = process.env.BENCH_RENDER_URL!;
  const info = (process.env.BENCH_RENDER_INFO ?? '').split(',').filter(Boolean);
  const warmup = Math.min(100, Number(process.env.BENCH_RENDER_WARMUP ?? 5));
  const count = Math.min(1000, Number(process.env.BENCH_RENDER_COUNT ?? 50));
  const config = loadConfig(process.env);
  if (config.pageCache) throw new Error('the render measurement needs BROADSIDE_PAGE_CACHE=false');
  const built = await buildApp(config);
  await built.app.ready();

  async function time(u: string): Promise<RenderTiming> {
    const once = async () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await built.app.inject({ method: 'GET', url: u, headers: HEADERS });
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (res.statusCode !== 200) throw new Error(`GET ${u} answered ${res.statusCode}`);
      return { ms, cpuMs: (c.user + c.system) / 1000, bytes: res.rawPayload.length };
    };
    const first = await once();
    for (let i = 0; i < warmup; i++) await once();
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < count; i++) {
      const r = await once();
      samples.push(r.ms);
      cpu.push(r.cpuMs);
    }
    samples.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    return {
      url: u,
      firstMs: first.ms,
      count,
      medianMs: quantile(samples, 0.5),
      p95Ms: quantile(samples, 0.95),
      cpuMedianMs: quantile(cpu, 0.5),
      minMs: samples[0]!,
      maxMs: samples[samples.length - 1]!,
      bytes: first.bytes,
    };
  }

  const target = await time(url);

  // Where the time goes: the article's database reads alone (getArticle), same count.
  const m = /^\/(\d{4})\/(\d{2})\/([^/]+)\/$/.exec(url);
  let dbMedianMs: number | null = null;
  if (m) {
    const samples: number[] = [];
    for (let i = 0; i < warmup + count; i++) {
      const t0 = performance.now();
      const a = await getArticle(built.db.db, new Date().toISOString(), `${m[1]}-${m[2]}`, m[3]!);
      const ms = performance.now() - t0;
      if (!a) throw new Error(`getArticle found nothing for ${url}`);
      if (i >= warmup) samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    dbMedianMs = quantile(samples, 0.5);
  }

  // For information only: a page that fails here does not spoil the target's figure.
  const others: RenderTiming[] = [];
  for (const u of info) {
    try {
      others.push(await time(u));
    } catch (err) {
      console.error(`render of ${u} failed: ${(err as Error).message}`);
    }
  }
  send({ type: 'render', target, dbMedianMs, others });
  await built.close();
  process.disconnect?.();
} catch (err) {
  send({ type: 'error', message: (err as Error).stack ?? String(err) });
  process.exitCode = 1;
  process.disconnect?.();
}
