// The admin app in Debian's Chromium, end to end against the real API: first-run setup, sign-in, writing an
// article with a subhead and a bold word, saving, publishing and reading it on the public site, sticking it to
// the top of the front page and unsticking it; then two browsers editing the same article, and the second save
// showing the conflict.
// Needs the admin bundle: build first (scripts/build.mjs puts it in <build dir>/admin).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, noChromium, freePort } from './chromium.js';
import { createTestApp, type TestApp } from '../app.js';
import { defaultAdminBuildDir } from '../../src/modules/editorial/admin-app.js';

const ARTIFACTS = 'test-artifacts';
const built = existsSync(`${defaultAdminBuildDir()}/index.html`);
const skip = noChromium || (built ? false : 'the admin app is not built (run scripts/build.mjs first)');

const OWNER = { name: 'Rana Aziz', email: 'rana@news.test', password: 'correct horse battery staple' };

let app: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (skip) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await createTestApp({ baseUrl: base });
  await app.app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await app?.close();
});

/** Fails the test on any script error or CSP violation in the page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

async function signIn(page: Page) {
  await page.getByLabel('Email address').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Admin' }).waitFor();
}

/** On failure, a picture of every open admin page next to the other screenshots. */
function withShots(fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await fn();
    } catch (err) {
      for (const [i, p] of browser.contexts().flatMap((c) => c.pages()).entries()) await p.screenshot({ path: `${ARTIFACTS}/admin-failure-${i}.png` }).catch(() => undefined);
      throw err;
    }
  };
}

let articleId = 0;
let publicPath = '';
let contextA: BrowserContext;
let pageA: Page;
let problemsA: string[] = [];

test('first run: the owner sets up the site, signs out and signs in again', { skip }, withShots(async () => {
  contextA = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  pageA = await contextA.newPage();
  problemsA = watch(pageA);
  const res = await pageA.goto(`${base}/admin`);
  assert.equal(res?.status(), 200);
  await pageA.getByRole('heading', { name: 'Welcome to Broadside' }).waitFor();
  await pageA.screenshot({ path: `${ARTIFACTS}/admin-setup.png` });

  // A mismatched repeat is caught before anything is sent.
  await pageA.getByLabel('Your name').fill(OWNER.name);
  await pageA.getByLabel('Email address').fill(OWNER.email);
  await pageA.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await pageA.getByLabel('Password again').fill('something else entirely');
  await pageA.getByRole('button', { name: 'Create the owner account' }).click();
  await pageA.getByText('The two passwords differ.').waitFor();
  await pageA.getByLabel('Password again').fill(OWNER.password);
  await pageA.getByRole('button', { name: 'Create the owner account' }).click();
  await pageA.getByRole('navigation', { name: 'Admin' }).waitFor();
  await pageA.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();

  await pageA.getByRole('button', { name: 'Sign out' }).click();
  await pageA.getByRole('heading', { name: 'Sign in' }).waitFor();
  // A wrong password: a visible error, still signed out.
  await pageA.getByLabel('Email address').fill(OWNER.email);
  await pageA.getByLabel('Password', { exact: true }).fill('not the password at all');
  await pageA.getByRole('button', { name: 'Sign in' }).click();
  await pageA.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
  await signIn(pageA);
  assert.deepEqual(problemsA, []);
}));

test('writing an article: kicker, headline, standfirst, an h2 subhead and a bold word; save; publish; read it on the site', { skip }, withShots(async () => {
  assert.ok(pageA, 'signed in by the previous test');
  await pageA.getByRole('link', { name: 'New article' }).click();
  await pageA.getByRole('heading', { name: 'New article', level: 1 }).waitFor();
  await pageA.getByLabel('Kicker').fill('Water');
  await pageA.getByLabel('Headline').fill('The river that ran dry');
  await pageA.getByLabel('Standfirst').fill('How a town learned to live without its river.');

  const body = pageA.locator('.ProseMirror');
  await body.click();
  await pageA.keyboard.type('For a hundred years the river was the town. ');
  await pageA.keyboard.press('Enter');
  await pageA.getByRole('button', { name: 'Subhead', exact: true }).click();
  await pageA.keyboard.type('The last summer');
  await pageA.keyboard.press('Enter');
  await pageA.keyboard.type('It was ');
  await pageA.getByRole('button', { name: 'Bold', exact: true }).click();
  await pageA.keyboard.type('unthinkable');
  await pageA.getByRole('button', { name: 'Bold', exact: true }).click();
  await pageA.keyboard.type(' until it happened.');
  assert.equal(await body.locator('h2').innerText(), 'The last summer');
  assert.equal(await body.locator('strong').innerText(), 'unthinkable');
  // The live count: 9 + 3 + 6 words.
  await pageA.getByText('18 words · 1 min read').waitFor();

  await pageA.getByRole('button', { name: 'Save', exact: true }).click();
  await pageA.locator('.save-state').filter({ hasText: /^Saved/ }).waitFor();
  articleId = Number(/\/admin\/articles\/(\d+)$/.exec(new URL(pageA.url()).pathname)?.[1]);
  assert.ok(articleId > 0, `the address names the article (${pageA.url()})`);
  await pageA.screenshot({ path: `${ARTIFACTS}/admin-editor.png` });

  await pageA.getByRole('button', { name: 'Publish', exact: true }).click();
  await pageA.locator('.editor-side .badge').filter({ hasText: 'Published' }).waitFor();
  const link = pageA.getByRole('link', { name: /^\/\d{4}\/\d{2}\/the-river-that-ran-dry\/?$/ });
  publicPath = (await link.getAttribute('href'))!;

  // The public page, as a reader without a session sees it.
  const reader = await browser.newContext({ javaScriptEnabled: false });
  const pub = await reader.newPage();
  const res = await pub.goto(base + publicPath);
  assert.equal(res?.status(), 200);
  assert.equal((await pub.locator('h1').innerText()).trim(), 'The river that ran dry');
  assert.equal((await pub.locator('.article-body h2').innerText()).trim(), 'The last summer');
  assert.equal((await pub.locator('.article-body strong').innerText()).trim(), 'unthinkable');
  assert.equal((await pub.locator('.standfirst').innerText()).trim(), 'How a town learned to live without its river.');
  await reader.close();

  // Stuck to the top of the front page with a tick and a save: the home page marks it; unticked and saved, not.
  const stick = pageA.getByLabel('Stick to the top of the front page');
  assert.equal(await stick.isChecked(), false);
  const homeMarked = async () => (await app.app.inject({ url: '/' })).body.includes('<li class="article-card sticky">');
  assert.equal(await homeMarked(), false);
  await stick.check();
  await pageA.getByRole('button', { name: 'Save', exact: true }).click();
  await pageA.locator('.save-state').filter({ hasText: /^Saved/ }).waitFor();
  assert.equal(await homeMarked(), true);

  // The list shows it, published and sticky.
  await pageA.getByRole('link', { name: '← All articles' }).click();
  const row = pageA.getByRole('row').filter({ hasText: 'The river that ran dry' });
  await row.getByText('Published').waitFor();
  await row.locator('.badge.sticky').filter({ hasText: 'Sticky' }).waitFor();
  await pageA.screenshot({ path: `${ARTIFACTS}/admin-list.png` });

  // Unticked and saved: no longer marked, on the home page or in the list.
  await row.getByRole('link', { name: 'The river that ran dry' }).click();
  await pageA.getByLabel('Stick to the top of the front page').uncheck();
  await pageA.getByRole('button', { name: 'Save', exact: true }).click();
  await pageA.locator('.save-state').filter({ hasText: /^Saved/ }).waitFor();
  assert.equal(await homeMarked(), false);
  await pageA.getByRole('link', { name: '← All articles' }).click();
  await row.getByText('Published').waitFor();
  assert.equal(await row.locator('.badge.sticky').count(), 0);
  assert.deepEqual(problemsA, []);
}));

test('two people edit the same article: the second save shows the conflict with both versions', { skip }, withShots(async () => {
  assert.ok(articleId > 0, 'an article from the previous test');
  await pageA.goto(`${base}/admin/articles/${articleId}`);
  await pageA.getByLabel('Headline').waitFor();

  const contextB = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pageB = await contextB.newPage();
  const problemsB = watch(pageB);
  await pageB.goto(`${base}/admin/articles/${articleId}`);
  await signIn(pageB);
  await pageB.getByLabel('Headline').waitFor();
  assert.equal(await pageB.getByLabel('Headline').inputValue(), 'The river that ran dry');

  // A saves first.
  await pageA.getByLabel('Headline').fill('The river that ran dry, and what came after');
  await pageA.getByRole('button', { name: 'Save', exact: true }).click();
  await pageA.locator('.save-state').filter({ hasText: /^Saved/ }).waitFor();

  // B, still on the revision it opened, saves its own change: refused, and told so.
  await pageB.getByLabel('Standfirst').fill('A town, a river, and a summer nobody will forget.');
  await pageB.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = pageB.getByRole('dialog', { name: 'Someone else saved this article while you were editing' });
  await dialog.waitFor();
  await dialog.getByText('Your changes were not saved.').waitFor();
  // Both versions, side by side.
  await dialog.locator('.theirs').getByText('The river that ran dry, and what came after').waitFor();
  await dialog.locator('.mine').getByText('A town, a river, and a summer nobody will forget.').waitFor();
  await pageB.screenshot({ path: `${ARTIFACTS}/admin-conflict.png` });
  // B's text is still in the editor behind the dialog: nothing lost.
  assert.equal(await pageB.getByLabel('Standfirst').inputValue(), 'A town, a river, and a summer nobody will forget.');

  // B keeps their version: saved over A's, on purpose.
  await dialog.getByRole('button', { name: 'Save my version over theirs' }).click();
  await pageB.locator('.save-state').filter({ hasText: /^Saved/ }).waitFor();
  assert.equal(await dialog.isVisible(), false);
  const a = await app.app.inject({ url: `/api/admin/articles/${articleId}`, headers: { cookie: (await contextB.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
  assert.equal(a.statusCode, 200);
  assert.equal(a.json().standfirst, 'A town, a river, and a summer nobody will forget.');

  // At phone width the editor still fits.
  await pageB.setViewportSize({ width: 375, height: 800 });
  const overflow = await pageB.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the editor overflows by ${overflow}px at phone width`);
  await pageB.screenshot({ path: `${ARTIFACTS}/admin-phone.png` });

  assert.deepEqual(problemsB, []);
  assert.deepEqual(problemsA, []);
  await contextB.close();
  await contextA.close();
}));
