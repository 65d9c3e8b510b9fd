// `broadside search reindex` as an operator runs it: a real process on a real database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createTestDb, engineName } from '../../../test/db.js';
import { plainCtx } from '../../platform/context/index.js';
import { createAuthor } from '../content/operations/createAuthor.js';
import { createArticle } from '../content/operations/createArticle.js';
import { searchArticles } from './index.js';

const MAIN = fileURLToPath(new URL('../../main.js', import.meta.url));

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test(`search reindex rebuilds the index in batches and prints progress (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    const ctx = plainCtx(t.db, t.engine);
    const a = await createAuthor(ctx, { name: 'Lina Haddad' });
    for (let i = 0; i < 5; i++) {
      await createArticle(ctx, { headline: `Kirkuk report ${i}`, status: i === 4 ? 'draft' : 'published', publishedAt: i === 4 ? null : '2025-01-01T00:00:00Z', authorIds: [a] });
    }
    if (t.engine === 'sqlite') await sql`insert into article_fts (article_fts) values ('delete-all')`.execute(t.db);
    else for (const table of ['article_search', 'article_search_recent'] as const) await t.db.deleteFrom(table).execute();
    assert.equal((await searchArticles(ctx, { q: 'kirkuk' })).total, 0);

    const env = { BROADSIDE_DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl ?? '' };
    const r = run(['search', 'reindex', '--batch-size', '2'], env);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.match(lines[0]!, /^Indexed 2 of 5 articles \(40 %\), \d+\.\d s$/);
    assert.match(lines.at(-2)!, /^Indexed 5 of 5 articles \(100 %\)/);
    assert.match(lines.at(-1)!, /^Search index rebuilt in \d+\.\d s: 4 articles indexed, 1 left out \(drafts or in the trash\)\.$/);
    assert.equal((await searchArticles(ctx, { q: 'kirkuk' })).total, 4);

    const bad = run(['search', 'reindex', '--batch-size', 'lots'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--batch-size must be a whole number from 1 to 5000/);
    const unknown = run(['search', 'frobnicate'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /Unknown search command "frobnicate"/);
    const help = run(['help'], env);
    assert.match(help.out, /search reindex/);
  } finally {
    await t.close();
  }
});
