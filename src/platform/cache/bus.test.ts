// Two app processes (here two apps on one database) and the CLI: a change made through one drops the cached
// pages of the others, on SQLite (cache_events, polled) and on PostgreSQL (LISTEN/NOTIFY).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDb, engineName, type TestDb } from '../../../test/db.js';
import { loadConfig } from '../../config.js';
import { buildApp, type App } from '../../app.js';
import { plainCtx } from '../context/index.js';
import { createAuthor } from '../../modules/content/operations/createAuthor.js';
import { createArticle } from '../../modules/content/operations/createArticle.js';
import { updateArticle } from '../../modules/content/operations/updateArticle.js';
import type { ArticleInput } from '../../modules/content/operations/articleInput.js';
import { openBus, EVERYTHING } from './bus.js';

let db: TestDb;
let a: App;
let b: App;
let input: ArticleInput;
let id: number;
let path: string;

before(async () => {
  db = await createTestDb();
  const author = await createAuthor(plainCtx(db.db, db.engine), { name: 'Sara Lind' });
  input = { headline: 'The first headline', slug: 'the-story', bodyHtml: '<p>Text.</p>', status: 'published', publishedAt: '2025-03-01T08:00:00Z', authorIds: [author] };
  ({ id } = await createArticle(plainCtx(db.db, db.engine), input));
  path = '/2025/03/the-story/';
  const config = loadConfig({ BROADSIDE_DATA_DIR: db.dataDir }, { baseUrl: 'http://news.test', databaseUrl: db.databaseUrl, searchThreads: 0 });
  a = await buildApp(config, { db, logger: false });
  b = await buildApp(config, { db, logger: false });
  await a.app.ready();
  await b.app.ready();
});
after(async () => {
  await a?.close();
  await b?.close();
  await db?.close();
});

async function headlineOn(app: App, url: string): Promise<string> {
  const res = await app.app.inject({ method: 'GET', url });
  assert.equal(res.statusCode, 200);
  return /<h1[^>]*>([^<]*)</.exec(res.body)?.[1] ?? '';
}

/** Polls until the page shows `want` (at most 3 s: the SQLite bus reads every half second). */
async function eventually(app: App, url: string, want: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const got = await headlineOn(app, url);
    if (got === want) return Date.now() - t0;
    if (Date.now() - t0 > 3000) assert.fail(`${url} still shows "${got}" after 3 s (wanted "${want}")`);
    await sleep(50);
  }
}

test(`a change in one process reaches the other's page cache (${engineName})`, async () => {
  assert.equal(await headlineOn(b, path), 'The first headline');
  assert.equal(b.cache.size > 0, true, 'b has the page cached');
  await updateArticle(a.ctx, id, { ...input, headline: 'The second headline' });
  await eventually(b, path, 'The second headline');
  // And the other way round.
  assert.equal(await headlineOn(a, path), 'The second headline');
  await updateArticle(b.ctx, id, { ...input, headline: 'The third headline' });
  await eventually(a, path, 'The third headline');
});

test(`a command from the shell drops every cached page of a running server (${engineName})`, async () => {
  await headlineOn(b, path);
  await headlineOn(b, '/');
  assert.ok(b.cache.size >= 2);
  // The CLI changes rows without an app (no invalidation of its own), then says so once.
  await db.db.updateTable('articles').set({ headline: 'Changed from the shell' }).where('id', '=', id).execute();
  const bus = openBus(db, { databaseUrl: db.databaseUrl });
  await bus.publish([EVERYTHING]);
  await bus.close();
  await eventually(b, path, 'Changed from the shell');
});
