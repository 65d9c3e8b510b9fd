// `broadside search reindex [--batch-size N]`: rebuilds the search index from the articles, printing progress.
import { performance } from 'node:perf_hooks';
import type { Config } from '../../config.js';
import { openDatabase } from '../../platform/db/index.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { rebuildSearchIndex } from './operations/rebuildSearchIndex.js';

export const SEARCH_USAGE = `Usage: broadside search reindex [--batch-size N]

  reindex   rebuild the search index from every article, N articles a transaction (default 500);
            the site keeps answering searches meanwhile`;

export async function searchCommand(config: Config, args: string[], out: (line: string) => void = (l) => console.log(l)): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'reindex') {
    console.error(sub === undefined ? SEARCH_USAGE : `Unknown search command "${sub}".\n\n${SEARCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  let batchSize = 500;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const v = a === '--batch-size' ? rest[++i] : a.startsWith('--batch-size=') ? a.slice('--batch-size='.length) : undefined;
    if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 5000) {
      console.error(a.startsWith('--batch-size') ? '--batch-size must be a whole number from 1 to 5000.' : `Unknown option "${a}".\n\n${SEARCH_USAGE}`);
      process.exitCode = 2;
      return;
    }
    batchSize = Number(v);
  }
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const started = performance.now();
    let lastPct = -1;
    let lastAt = 0;
    const fmt = (n: number) => n.toLocaleString('en-GB');
    const p = await rebuildSearchIndex(handle.db, {
      batchSize,
      onProgress: ({ done, total }) => {
        const pct = total ? Math.floor((done * 100) / total) : 100;
        const t = performance.now();
        // A line per 5 %, or every 10 s on a slow run; always the last.
        if (done < total && Math.floor(pct / 5) === Math.floor(lastPct / 5) && t - lastAt < 10_000) return;
        lastPct = pct;
        lastAt = t;
        out(`Indexed ${fmt(done)} of ${fmt(total)} articles (${pct} %), ${((t - started) / 1000).toFixed(1)} s`);
      },
    });
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const skipped = p.done - p.indexed;
    out(`Search index rebuilt in ${secs} s: ${fmt(p.indexed)} articles indexed${skipped ? `, ${fmt(skipped)} left out (drafts or in the trash)` : ''}.`);
  } finally {
    await handle.close();
  }
}
