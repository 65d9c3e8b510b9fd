// The admin's Import screen in Debian's Chromium against the real app: an administrator uploads a WordPress
// export, the job queue imports it in the background, and the screen follows the run to its report.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, noChromium, freePort } from './chromium.js';
import { createTestApp, type TestApp } from '../app.js';
import { defaultAdminBuildDir } from '../../src/modules/editorial/admin-app.js';
import { addUser } from '../../src/modules/editorial/auth/testing.js';
import { generateWxr } from '../../src/modules/importers/testing.js';

const ARTIFACTS = 'test-artifacts';
const built = existsSync(`${defaultAdminBuildDir()}/index.html`);
const skip = noChromium || (built ? false : 'the admin app is not built (run scripts/build.mjs first)');

let app: TestApp;
let browser: Browser;
let base: string;
let dir: string;


before(async () => {
  if (skip) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await createTestApp({ baseUrl: base });
  await app.app.listen({ port, host: '127.0.0.1' });
  app.startBackground();
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'broadside-browser-import-'));
});

after(async () => {
  await browser?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an administrator uploads a WordPress export and watches it import', { skip }, async () => {
  const admin = await addUser(app, 'administrator', { email: 'imports@news.test', password: 'correct horse battery staple' });
  const file = join(dir, 'gazette.xml');
  await generateWxr(file, { posts: 300, commentsPerPost: 3 });
  const page = await (await browser.newContext()).newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto(`${base}/admin/import`);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Import from WordPress' }).waitFor();
    await page.getByLabel('Export file (.xml)').setInputFiles(file);
    await page.getByLabel('Split "Region: Headline" titles into kicker and headline').check();
    await page.getByLabel('Categories that become regions').fill('iraq-syria');
    await page.getByRole('button', { name: 'Start the import' }).click();
    await page.getByRole('heading', { name: 'gazette.xml — done' }).waitFor({ timeout: 60_000 });
    await page.getByText(/^Finished in/).waitFor();
    const row = page.getByRole('row', { name: /^Articles/ });
    assert.match((await row.textContent()) ?? '', /Articles\s*300\s*0\s*0\s*0/);
    assert.match((await page.getByRole('row', { name: /^Comments/ }).textContent()) ?? '', /Comments\s*900/);
    await page.screenshot({ path: `${ARTIFACTS}/admin-import.png`, fullPage: true });
    const a = await app.ctx.db.selectFrom('articles').select(['kicker', 'headline']).where('slug', '=', 'story-number-7').executeTakeFirstOrThrow();
    assert.deepEqual(a, { kicker: 'Iraq/Syria', headline: 'Story number 7' });
    assert.deepEqual(problems, []);
  } catch (err) {
    await page.screenshot({ path: `${ARTIFACTS}/admin-import-failure.png`, fullPage: true }).catch(() => undefined);
    throw err;
  }
});
