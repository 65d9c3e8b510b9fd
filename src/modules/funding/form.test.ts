// The donation form as a reader without JavaScript meets it: /support/, clear refusals for bad amounts (nothing
// started, nothing stored), CSRF, the rate limit, providers that are not set up, PayPal's button mode, the
// per-article appeal and the campaign's end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../test/db.js';
import { decode, donate, supportForm, type FundingTest, withFundingApp } from './testing.js';
import { saveAppeal, saveFundingSettings, setArticleAppeal } from './operations/saveFundingSettings.js';

const checkouts = (f: FundingTest) => f.t.ctx.db.selectFrom('funding_checkouts').selectAll().execute();
const errorOf = (html: string) => decode(/<p class="form-error" id="donate-error" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? '');

test(`/support/ shows the appeal, the progress and a form that needs no script (${engineName})`, () =>
  withFundingApp(async (f) => {
    await saveAppeal(f.t.ctx, { title: 'Keep us independent', text: 'We answer to readers.' });
    const { res, csrf, cookie } = await supportForm(f, `?article=${f.articleId}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /<h1 class="appeal-title">Keep us independent<\/h1>/);
    assert.match(res.body, /<form class="donate-form" id="donate" method="post" action="\/support\/donate"/);
    assert.match(csrf, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(cookie, `broadside_donate=${csrf}`);
    assert.match(res.body, new RegExp(`name="article" value="${f.articleId}"`));
    for (const name of ['amount', 'other', 'currency', 'frequency', 'mention', 'public_name']) assert.match(res.body, new RegExp(`name="${name}"`), name);
    assert.match(res.body, /<button type="submit" name="provider" value="paypal"/);
    assert.match(res.body, /<button type="submit" name="provider" value="stripe"/);
    assert.doesNotMatch(res.body, /<script>(?!\s*$)/, 'no inline script');
    assert.match(res.body, /<progress class="appeal-bar" max="100000" value="0"/);
  }));

test(`bad amounts on our form are refused with 400 and a clear message; nothing is started (${engineName})`, () =>
  withFundingApp(async (f) => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ provider: 'paypal', other: '0' }, /more than zero/],
      [{ provider: 'paypal', other: '-10' }, /more than zero/],
      [{ provider: 'stripe', other: '250000' }, /The most we take in one donation is €100,000\.00/],
      [{ provider: 'stripe', other: '1e99' }, /digits after the point/],
      [{ provider: 'paypal', other: '' }, /Enter an amount/],
      [{ provider: 'paypal', other: '10.5', currency: 'JPY' }, /whole number of JPY/],
      [{ provider: 'paypal', other: '10', currency: 'XXX' }, /We take donations in EUR, USD, JPY/],
      [{ provider: 'paypal', other: '10', frequency: 'monthly' }, /Monthly donations are taken by card/],
      [{ provider: 'bank', other: '10' }, /Choose how to pay/],
      [{ provider: 'paypal', other: '10', mention: '1', public_name: '' }, /Enter the name to show/],
    ];
    for (const [fields, message] of cases) {
      const res = await donate(f, fields);
      assert.equal(res.statusCode, 400, `${JSON.stringify(fields)}: ${res.statusCode}`);
      assert.match(errorOf(res.body), message, JSON.stringify(fields));
      // What was typed comes back.
      if (fields.other) assert.match(res.body, new RegExp(`name="other"[^>]*value="${fields.other.replace(/[.+]/g, '\\$&')}"`));
    }
    assert.equal((await checkouts(f)).length, 0);
    assert.equal(f.paypal.calls.get('POST /v2/checkout/orders') ?? 0, 0, 'PayPal was never asked');
    assert.equal(f.stripe.calls.get('POST /v1/checkout/sessions') ?? 0, 0, 'Stripe was never asked');
  }));

test(`the form needs its CSRF token and a same-site origin (${engineName})`, () =>
  withFundingApp(async (f) => {
    const noToken = await donate(f, { provider: 'paypal', other: '10' }, { csrf: '' });
    assert.equal(noToken.statusCode, 403);
    assert.match(errorOf(noToken.body), /expired or came from another website/);
    const otherCookie = await donate(f, { provider: 'paypal', other: '10' }, { cookie: 'broadside_donate=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    assert.equal(otherCookie.statusCode, 403);
    const foreign = await donate(f, { provider: 'paypal', other: '10' }, { origin: 'https://evil.example' });
    assert.equal(foreign.statusCode, 403);
    assert.equal((await checkouts(f)).length, 0);
    const ok = await donate(f, { provider: 'paypal', other: '10' }, { origin: 'http://news.test' });
    assert.equal(ok.statusCode, 303);
  }));

test(`starting many donations from one address is rate limited (429, Retry-After) (${engineName})`, () =>
  withFundingApp(
    async (f) => {
      for (let i = 0; i < 3; i++) assert.equal((await donate(f, { provider: 'stripe', other: '5' }, { ip: '203.0.113.7' })).statusCode, 303);
      const res = await donate(f, { provider: 'stripe', other: '5' }, { ip: '203.0.113.7' });
      assert.equal(res.statusCode, 429);
      assert.equal(res.headers['retry-after'], '600');
      assert.match(errorOf(res.body), /several donations in a short time/);
      assert.equal((await donate(f, { provider: 'stripe', other: '5' }, { ip: '203.0.113.8' })).statusCode, 303, 'another reader is not held up');
    },
    { build: { fundingLimits: { checkouts: 3, windowSeconds: 600, webhooksPerMinute: 100_000 } } },
  ));

test(`a provider that fails or is not set up: a readable page, nothing charged (${engineName})`, () =>
  withFundingApp(async (f) => {
    await f.paypal.close();
    const down = await donate(f, { provider: 'paypal', other: '10' });
    assert.equal(down.statusCode, 503);
    assert.match(errorOf(down.body), /PayPal could not be reached, so nothing was charged/);
    await saveFundingSettings(f.t.ctx, { stripe: { enabled: false } });
    const off = await donate(f, { provider: 'stripe', other: '10' });
    assert.equal(off.statusCode, 400);
    assert.match(errorOf(off.body), /Card payments are not available on this site/);
    await saveFundingSettings(f.t.ctx, { paypal: { mode: 'off' } });
    const page = await f.t.app.inject({ method: 'GET', url: '/support/' });
    assert.match(page.body, /Donations on this site are not open yet/);
    const article = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.doesNotMatch(article.body, /appeal-donate/, 'no button to a form that takes nothing');
  }));

test(`PayPal button mode: a link to PayPal's donation page, no keys, nothing recorded (${engineName})`, () =>
  withFundingApp(async (f) => {
    await saveFundingSettings(f.t.ctx, { paypal: { mode: 'button', buttonId: 'ABC123XYZ' }, stripe: { enabled: false } });
    const page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.match(page.body, /<a class="button button-secondary appeal-paypal" href="https:\/\/www\.paypal\.com\/donate\/\?hosted_button_id=ABC123XYZ" rel="noopener">Donate via PayPal<\/a>/);
    await saveFundingSettings(f.t.ctx, { paypal: { buttonId: '', business: 'desk@news.test' } });
    const again = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.match(again.body, /href="https:\/\/www\.paypal\.com\/donate\/\?business=desk%40news\.test&amp;currency_code=EUR"/);
  }));

test(`the per-article appeal an editor switches on, and the campaign's end (${engineName})`, () =>
  withFundingApp(async (f) => {
    let page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.match(page.body, /<h2 class="appeal-title">Support independent journalism<\/h2>/);
    await setArticleAppeal(f.t.ctx, f.articleId, true);
    page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.match(page.body, /<h2 class="appeal-title">Liked this article\?<\/h2>/);
    assert.match(page.body, /It was paid for by readers like you/);
    await setArticleAppeal(f.t.ctx, f.articleId, false);
    page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.match(page.body, /<h2 class="appeal-title">Support independent journalism<\/h2>/);

    await saveFundingSettings(f.t.ctx, { campaign: { endsAt: '2020-01-31' } });
    page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.match(page.body, /The campaign ended on 31 January 2020/);
    await saveFundingSettings(f.t.ctx, { campaign: { endsAt: new Date(Date.now() + 60_000).toISOString() } });
    page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.match(page.body, /The campaign runs until/);
    const cached = f.t.cache.get(f.path);
    assert.ok(cached && cached.expiresAt <= Date.now() + 60_000, 'the cached page stops at the campaign’s end');
  }));
