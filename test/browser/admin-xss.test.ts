// Stored XSS, looked at in Debian's Chromium: an attack in every field an editor fills in (kicker, headline,
// standfirst, body, slug, tag name and description, author name and bio, page title and body, site title and
// description, image alt text, caption and credit), then every admin screen that shows them, and the public
// pages. No dialog may open, no element of the attack may exist in the page, and nothing may try to run.
// Needs the admin bundle: build first (scripts/build.mjs puts it in <build dir>/admin).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, noChromium, freePort } from './chromium.js';
import { createTestApp, type TestApp } from '../app.js';
import { defaultAdminBuildDir } from '../../src/modules/editorial/admin-app.js';
import { person, type Person } from '../../src/modules/editorial/articles/testing.js';
import { MARKS, seedXss, type XssFixture } from '../../src/modules/editorial/xss-testing.js';
import { EMBED_HOSTS } from '../../src/platform/html/sanitizer.js';

const ARTIFACTS = 'test-artifacts';
const built = existsSync(`${defaultAdminBuildDir()}/index.html`);
const skip = noChromium || (built ? false : 'the admin app is not built (run scripts/build.mjs first)');

let app: TestApp;
let browser: Browser;
let base: string;
let owner: Person;
let fx: XssFixture;

before(async () => {
  if (skip) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // No title from the environment: the site settings, with the attack in them, name the site.
  app = await createTestApp({ baseUrl: base, title: '', description: '' });
  await app.app.listen({ port, host: '127.0.0.1' });
  owner = await person(app, 'owner');
  fx = await seedXss(app, owner);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await app?.close();
});

/** Everything that would show an attack working: dialogs, CSP refusals (something tried to run), script errors. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (d) => {
    // Leaving an editor with unsaved changes asks first: the app's own question, not an attack.
    if (d.type() === 'beforeunload') return void d.accept();
    problems.push(`dialog (${d.type()}): ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** Runs in the page: elements of the attack, event-handler attributes, foreign scripts and frames, script URLs. */
function injected(allowed: { embedHosts: string[] }): string[] {
  const bad: string[] = [];
  const describe = (el: Element) => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll('*')) {
    if (el.hasAttribute('data-xss')) bad.push(`injected element: ${describe(el)}`);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push(`event handler: ${describe(el)}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(a.name) && /^\s*(javascript|vbscript):/i.test(a.value)) bad.push(`script URL: ${describe(el)}`);
    }
    if (el instanceof HTMLScriptElement && el.type !== 'application/ld+json') {
      const path = el.src ? new URL(el.src).pathname : '';
      if (!/^\/(admin\/)?assets\/[\w.-]+\.js$/.test(path)) bad.push(`script: ${describe(el)}`);
    }
    if (el instanceof HTMLIFrameElement) {
      let host = '';
      try {
        host = new URL(el.src).hostname;
      } catch {
        /* none */
      }
      if (!allowed.embedHosts.includes(host) || el.hasAttribute('srcdoc')) bad.push(`frame: ${describe(el)}`);
    }
    if (['OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) bad.push(`${el.tagName.toLowerCase()}: ${describe(el)}`);
  }
  return bad;
}

/** Waits until `mark`'s attack is on screen (as text or in a form field): the field was shown. */
async function shows(page: Page, mark: string) {
  await page.waitForFunction(
    (m) => (document.body.textContent ?? "").includes(m) || [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].some((i) => i.value.includes(m)) || !!document.querySelector(`[alt*="${m}"]`),
    `data-xss=${mark}`,
    { timeout: 15_000 },
  );
}

async function inert(page: Page, where: string) {
  // A moment for anything queued (image errors, timers) to fire.
  await page.waitForTimeout(300);
  const bad = await page.evaluate(injected, { embedHosts: EMBED_HOSTS });
  assert.deepEqual(bad, [], where);
}

test('every admin screen shows the attacks as text, and nothing runs', { skip, timeout: 180_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    await page.goto(`${base}/admin`);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Admin' }).waitFor();

    // The article list.
    await page.goto(`${base}/admin/articles`);
    await shows(page, MARKS.headline);
    await inert(page, 'article list');

    // The editor: every article field, the body (with the figure's caption and credit), tags and bylines.
    await page.goto(`${base}/admin/articles/${fx.articleId}`);
    await page.locator('.ProseMirror').waitFor();
    for (const m of [MARKS.kicker, MARKS.headline, MARKS.standfirst, MARKS.tagName, MARKS.authorName, MARKS.mediaCaption, MARKS.mediaCredit]) await shows(page, m);
    assert.ok(await page.locator('.ProseMirror').getByText(`Plain words for ${MARKS.body}.`).isVisible(), 'the body is in the editor');
    await inert(page, 'article editor');
    // The image's details dialog shows its alt text, caption and credit in fields.
    await page.locator('.ProseMirror figure').first().dblclick();
    const details = page.getByRole('dialog', { name: 'Image details' });
    await details.waitFor();
    for (const m of [MARKS.mediaAlt, MARKS.mediaCaption, MARKS.mediaCredit]) await shows(page, m);
    await inert(page, 'image details in the editor');
    await details.getByRole('button', { name: 'Cancel' }).click();
    // The revisions and their differences.
    await page.getByRole('button', { name: 'Revisions and changes' }).click();
    await page.getByRole('dialog', { name: 'Revisions' }).waitFor();
    await inert(page, 'revisions');
    await page.screenshot({ path: `${ARTIFACTS}/xss-editor.png` });

    // Tags, authors, pages, settings, media: lists, and their edit forms.
    await page.goto(`${base}/admin/tags`);
    for (const m of [MARKS.tagName, MARKS.tagDescription]) await shows(page, m);
    await inert(page, 'tags');
    await page.getByRole('button', { name: /^Edit .*data-xss=tagname/ }).click();
    await inert(page, 'tag form');

    await page.goto(`${base}/admin/authors`);
    await shows(page, MARKS.authorName);
    await inert(page, 'authors');
    await page.getByRole('button', { name: /^Edit .*data-xss=authname/ }).click();
    await shows(page, MARKS.authorBio);
    await inert(page, 'author form');

    await page.goto(`${base}/admin/pages`);
    await shows(page, MARKS.pageTitle);
    await inert(page, 'pages');
    await page.goto(`${base}/admin/pages/${fx.pageId}`);
    await page.locator('.ProseMirror').waitFor();
    await shows(page, MARKS.pageTitle);
    assert.ok(await page.locator('.ProseMirror').getByText(`Plain words for ${MARKS.pageBody}.`).isVisible(), 'the page body is in the editor');
    await inert(page, 'page editor');

    await page.goto(`${base}/admin/settings`);
    for (const m of [MARKS.settingsTitle, MARKS.settingsDescription]) await shows(page, m);
    await inert(page, 'settings');

    await page.goto(`${base}/admin/media`);
    await shows(page, MARKS.mediaAlt);
    await inert(page, 'media library');
    await page.locator('.media-tile').first().click();
    for (const m of [MARKS.mediaAlt, MARKS.mediaCaption, MARKS.mediaCredit]) await shows(page, m);
    await inert(page, 'media details');
    await page.screenshot({ path: `${ARTIFACTS}/xss-media.png` });

    assert.deepEqual(problems, []);
  } catch (err) {
    await page.screenshot({ path: `${ARTIFACTS}/xss-admin-failure.png` }).catch(() => undefined);
    throw err;
  } finally {
    await ctx.close();
  }
});

test('the public pages and the preview, with scripts on: the attacks are text, and nothing runs', { skip, timeout: 120_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const problems = watch(page);
  try {
    for (const [path, marks] of [
      ['/', [MARKS.settingsTitle, MARKS.settingsDescription, MARKS.headline, MARKS.kicker, MARKS.standfirst]],
      [fx.articlePath, [MARKS.headline, MARKS.authorName, MARKS.tagName, MARKS.mediaCaption, MARKS.mediaCredit, MARKS.mediaAlt]],
      [fx.tagPath, [MARKS.tagName, MARKS.tagDescription]],
      [fx.authorPath, [MARKS.authorName, MARKS.authorBio]],
      [fx.pagePath, [MARKS.pageTitle]],
    ] as const) {
      const res = await page.goto(base + path);
      assert.equal(res?.status(), 200, path);
      for (const m of marks) await shows(page, m);
      await inert(page, path);
    }
    // The preview, signed in.
    await ctx.addCookies([{ name: owner.cookie.split('=')[0]!, value: owner.cookie.split('=')[1]!, url: base }]);
    const res = await page.goto(`${base}/api/admin/articles/${fx.articleId}/preview`);
    assert.equal(res?.status(), 200);
    await shows(page, MARKS.headline);
    await inert(page, 'preview');
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});
