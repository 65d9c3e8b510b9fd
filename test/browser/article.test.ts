// Opens a real article page in Debian's Chromium, with JavaScript off as many readers have it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser } from 'playwright-core';
import { launchChromium, noChromium } from './chromium.js';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../app.js';
import { seedDemo } from '../../src/modules/content/demo/seed.js';
import { demoArticles } from '../../src/modules/content/demo/data.js';
import { articlePath, monthKeyOf } from '../../src/modules/content/dates.js';

const skip = noChromium;
export const ARTIFACTS = 'test-artifacts';

let app: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  if (skip) return;
  app = await createTestApp();
  await seedDemo(app.ctx);
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.close();
});

test('an article page has one h1, standfirst, subheads and the archive list, with JavaScript off', { skip }, async () => {
  const article = demoArticles.find((a) => a.kicker === 'Iraq/Syria')!;
  const path = articlePath(monthKeyOf(article.publishedAt), article.slug);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const res = await page.goto(base + path);
  assert.equal(res?.status(), 200);

  assert.equal(await page.locator('h1').count(), 1);
  assert.equal((await page.locator('h1').innerText()).trim(), article.headline);
  assert.equal((await page.locator('.kicker').first().innerText()).trim().toLowerCase(), 'iraq/syria');
  assert.equal((await page.locator('.standfirst').innerText()).trim(), article.standfirst);
  assert.ok((await page.locator('.article-body h2').count()) >= 2, 'body has h2 subheads');
  assert.match(await page.locator('.byline').innerText(), /^By /);
  assert.ok(await page.locator('main#main').isVisible());
  assert.equal(await page.locator('.appeal').count(), 1);
  assert.equal(await page.locator('.comments').count(), 1);

  const months = await page.locator('.archive-list li a').allInnerTexts();
  assert.ok(months.length >= 8, 'archive list shows the months');
  assert.ok(months.includes('May 2025'));
  // Newest first.
  const keys = await page.locator('.archive-list li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual([...keys].sort().reverse(), keys);

  // The stylesheet loaded: the body text is set in a serif face at a long-read size.
  const font = await page.locator('.article-body p').first().evaluate((p) => getComputedStyle(p).fontFamily);
  assert.match(font, /serif/i);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/article-desktop.png`, fullPage: false });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: `${ARTIFACTS}/article-phone.png`, fullPage: false });
  assert.ok(existsSync(`${ARTIFACTS}/article-desktop.png`));
  // On a phone nothing overflows sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page overflows horizontally by ${overflow}px on a phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
  // The skip link is the first focusable element and leads to the main landmark.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#main');

  await context.close();
});
