// The donate flow in Debian's Chromium against the fakes of PayPal and Stripe on loopback: a reader clicks the
// appeal's button under an article, picks an amount, approves at the provider, lands on the thank-you page, and
// the progress bar on the article has moved by exactly that amount. PayPal with JavaScript off; Stripe (monthly
// off, card) with JavaScript on. The providers' webhooks arrive too, and change nothing more.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, noChromium, freePort } from './chromium.js';
import { createTestApp, type TestApp } from '../app.js';
import { anArticle, anAuthor } from '../factories.js';
import { startFakePaypal, type FakePaypal } from '../fakes/paypal.js';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe.js';
import { saveFundingSettings } from '../../src/modules/funding/index.js';
import { saveAppeal } from '../../src/modules/funding/operations/saveFundingSettings.js';
import { fundingConfig } from '../../src/modules/funding/testing.js';
import { createStaffUser } from '../../src/modules/editorial/index.js';
import { defaultAdminBuildDir } from '../../src/modules/editorial/admin-app.js';

const skip = noChromium;
const ARTIFACTS = 'test-artifacts';

let app: TestApp;
let browser: Browser;
let paypal: FakePaypal;
let stripe: FakeStripe;
let base: string;
let path: string;

before(async () => {
  if (skip) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  [paypal, stripe] = await Promise.all([startFakePaypal(), startFakeStripe()]);
  app = await createTestApp(
    {
      baseUrl: base,
      funding: fundingConfig(paypal, stripe, null),
    },
    { fundingLimits: { checkouts: 100, windowSeconds: 600, webhooksPerMinute: 100_000 } },
  );
  await saveFundingSettings(app.ctx, { paypal: { mode: 'api' }, stripe: { enabled: true, monthly: false }, campaign: { slug: 'browser', title: 'Browser drive', currency: 'EUR', goal: '500' } });
  await saveAppeal(app.ctx, { title: 'Support independent reporting', text: 'Readers pay for this work.' });
  const authorId = await anAuthor(app.ctx);
  const a = await anArticle(app.ctx, { authorIds: [authorId], headline: 'Donations in a real browser' });
  const row = await app.ctx.db.selectFrom('articles').select(['slug', 'month_key']).where('id', '=', a.id).executeTakeFirstOrThrow();
  path = `/${row.month_key!.replace('-', '/')}/${row.slug}/`;
  await app.app.listen({ port, host: '127.0.0.1' });
  paypal.webhookUrl = `${base}/webhooks/paypal`;
  paypal.autoWebhooks = true;
  stripe.webhookUrl = `${base}/webhooks/stripe`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.close();
  await paypal?.close();
  await stripe?.close();
});

async function raised(page: Page): Promise<number> {
  return Number(await page.locator('[data-slot="appeal"] .appeal-progress').getAttribute('data-raised-minor'));
}

async function shot(page: Page, name: string) {
  if (!existsSync(ARTIFACTS)) mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

const payments = () => app.ctx.db.selectFrom('funding_ledger').selectAll().where('entry', '=', 'payment').orderBy('id').execute();

test('without JavaScript: Donate under the article, €25 through PayPal, the thank-you page, and the bar moved by €25', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(base + path);
    assert.equal(await page.locator('[data-slot="appeal"] h2').innerText(), 'Support independent reporting');
    const before = await raised(page);
    assert.equal(await page.locator('[data-slot="appeal"] progress').getAttribute('value'), String(before));

    await Promise.all([page.waitForURL(/\/support\//), page.locator('[data-slot="appeal"] .appeal-donate').click()]);
    await page.locator('input[name="amount"][value="25"]').check();
    await page.selectOption('select[name="currency"]', 'EUR');
    await shot(page, 'funding-form');
    await Promise.all([page.waitForURL((u) => u.href.startsWith(paypal.base)), page.locator('button[name="provider"][value="paypal"]').click()]);
    assert.match(await page.locator('h1').innerText(), /Pay 25\.00 EUR/);
    await Promise.all([page.waitForURL(/\/support\/thanks\//), page.locator('#approve').click()]);
    assert.match(await page.locator('.thanks-confirmed').innerText(), /We received your donation of €25\.00/);
    await shot(page, 'funding-thanks');

    await Promise.all([page.waitForURL(base + path), page.locator('.thanks-back a').click()]);
    assert.equal(await raised(page), before + 2500, 'the bar moved by exactly the amount');
    assert.equal(await page.locator('[data-slot="appeal"] progress').getAttribute('value'), String(before + 2500));
    assert.match(await page.locator('[data-slot="appeal"] .appeal-raised').innerText(), /€25\.00 raised of our €500\.00 goal/);
    await shot(page, 'funding-article-after');

    // PayPal's webhook for the capture comes a moment later: still one payment, still the same bar.
    await new Promise((r) => setTimeout(r, 400));
    const events = await app.ctx.db.selectFrom('funding_webhook_events').selectAll().where('provider', '=', 'paypal').execute();
    assert.equal(events.length, 1, 'the webhook arrived');
    assert.equal((await payments()).length, 1);
    await page.reload();
    assert.equal(await raised(page), before + 2500);
  } finally {
    await context.close();
  }
});

test('with JavaScript: an amount of our own, by card through Stripe Checkout, and the bar moved by that much', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(base + path);
    const before = await raised(page);
    await Promise.all([page.waitForURL(/\/support\//), page.locator('[data-slot="appeal"] .appeal-donate').click()]);
    // A bad amount first: the form comes back with the error and what was typed.
    await page.locator('input[name="amount"][value="other"]').check();
    await page.fill('#donate-other', '0');
    await Promise.all([page.waitForLoadState('load'), page.locator('button[name="provider"][value="stripe"]').click()]);
    assert.match(await page.locator('#donate-error').innerText(), /more than zero/);
    await page.fill('#donate-other', '12.34');
    await Promise.all([page.waitForURL((u) => u.href.startsWith(stripe.base)), page.locator('button[name="provider"][value="stripe"]').click()]);
    assert.match(await page.locator('h1').innerText(), /Pay 12\.34 EUR/);
    await Promise.all([page.waitForURL(/\/support\/thanks\//), page.locator('#pay').click()]);
    assert.match(await page.locator('.thanks-confirmed').innerText(), /€12\.34/);
    await page.goto(base + path);
    assert.equal(await raised(page), before + 1234);
    assert.equal((await payments()).filter((p) => p.provider === 'stripe').length, 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

const adminBuilt = existsSync(`${defaultAdminBuildDir()}/index.html`);

test('the admin: totals, the monthly chart and the CSV link for an administrator; the appeal for an editor', { skip: skip || (adminBuilt ? false : 'the admin app is not built') }, async () => {
  await createStaffUser(app.ctx, { email: 'money@news.test', name: 'Mona Money', role: 'administrator', password: 'correct horse battery staple' });
  await createStaffUser(app.ctx, { email: 'words@news.test', name: 'Wes Words', role: 'editor', password: 'correct horse battery staple' });
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${base}/admin/funding`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.locator('h1', { hasText: 'Funding' }).waitFor();
  };
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await signIn(page, 'money@news.test');
    const totals = page.locator('.totals-table tbody tr');
    await totals.first().waitFor();
    const paid = await payments();
    assert.ok(paid.length >= 1, 'the earlier tests left payments');
    const sum = paid.filter((p) => p.currency === 'EUR').reduce((a, p) => a + Number(p.amount_minor), 0);
    const expected = `${(sum / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} EUR`;
    assert.match(await totals.first().innerText(), new RegExp(expected.replace('.', '\\.')));
    assert.ok((await page.locator('.monthly-chart svg rect.bar').count()) >= 1, 'a bar for this month');
    assert.match(String(await page.locator('a', { hasText: 'Export CSV' }).getAttribute('href')), /^\/api\/admin\/funding\/export\.csv/);
    assert.ok((await page.locator('.ledger-table tbody tr').count()) >= 1);
    await shot(page, 'funding-admin-ledger');
    await page.getByRole('button', { name: 'Campaign & providers' }).click();
    await page.getByLabel('Name', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Browser drive');
    assert.doesNotMatch(await page.content(), new RegExp(stripe.secretKey), 'no secret in the page');
    await context.clearCookies();

    await signIn(page, 'words@news.test');
    assert.equal(await page.getByRole('button', { name: 'Ledger' }).count(), 0, 'an editor sees no money');
    await page.getByLabel('Heading').first().fill('Fund the newsroom');
    await page.getByRole('button', { name: 'Save the appeal' }).click();
    await page.getByText('Saved. Every article shows the new appeal').waitFor();
    const pub = await context.newPage();
    await pub.goto(base + path);
    assert.equal(await pub.locator('[data-slot="appeal"] h2').innerText(), 'Fund the newsroom');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
