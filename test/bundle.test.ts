// The bundled server (dist/server.js) is what `npm start` and `npx broadside` run; the other tests import the
// separately compiled modules. This checks what only the bundle can get wrong: files and worker threads found
// beside it (search threads, the import's threads, static assets, the admin app).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDb, type TestDb } from './db.js';
import { freePort } from './browser/chromium.js';

const SERVER = fileURLToPath(new URL('../server.js', import.meta.url));
const dirs: string[] = [];
const dbs: TestDb[] = [];
const children: ChildProcess[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  for (const d of dbs) await d.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [SERVER, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout!.on('data', (d) => (out += d));
    c.stderr!.on('data', (d) => (out += d));
    c.on('close', (code) => resolve({ code, out }));
  });
}

const WXR = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><link>https://old.example.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example.org</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[ed]]></wp:author_login><wp:author_email><![CDATA[ed@example.org]]></wp:author_email><wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>
<item><title>Harbour cranes stand idle</title><link>https://old.example.org/2019/04/harbour-cranes/</link><dc:creator><![CDATA[ed]]></dc:creator>
<content:encoded><![CDATA[The port has been quiet since March.

Dockers wait for ships that do not come.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>7</wp:post_id><wp:post_date_gmt><![CDATA[2019-04-02 09:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[harbour-cranes]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>
</channel></rss>`;

test('the bundled CLI imports a WordPress export (its threads are found beside the bundle)', async () => {
  const db = await createTestDb();
  dbs.push(db);
  const dir = mkdtempSync(join(tmpdir(), 'broadside-bundle-'));
  dirs.push(dir);
  const file = join(dir, 'export.xml');
  writeFileSync(file, WXR);
  const env = { BROADSIDE_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '' };
  const r = await run(['import', 'wordpress', file], env);
  assert.equal(r.code, 0, r.out);
  const row = await db.db.selectFrom('articles').select(['headline', 'slug']).executeTakeFirst();
  assert.deepEqual(row, { headline: 'Harbour cranes stand idle', slug: 'harbour-cranes' });
});

test('the bundled server serves pages, assets, the admin and searches in its threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadside-bundle-'));
  dirs.push(dir);
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER, 'serve'], { env: { ...process.env, DATABASE_URL: '', BROADSIDE_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', BROADSIDE_SEARCH_THREADS: '2', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  let home: Response | null = null;
  for (let i = 0; i < 100 && !home; i++) {
    home = await fetch(`${base}/`).catch(() => null);
    if (!home) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(home, 'the server answered');
  assert.equal(home.status, 200);
  const html = await home.text();
  const css = /href="(\/assets\/site\.[^"]+\.css)"/.exec(html)?.[1];
  assert.ok(css, 'the page links its stylesheet');
  assert.equal((await fetch(base + css)).status, 200);
  assert.equal((await fetch(`${base}/admin`)).status, 200);
  // The demo outlet (written on first start) has articles about water; the search runs in a thread.
  const search = await fetch(`${base}/search/?q=water`);
  assert.equal(search.status, 200);
  assert.match(await search.text(), /class="card-headline"/);
  child.kill('SIGTERM');
});
