// The funding admin API: who may do what (money is an administrator's, the appeal an editor's too), the ledger's
// filters, totals, months and CSV export, and provider settings whose secrets never come back in full and never
// reach a log line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../test/db.js';
import { addUser, call, signIn } from '../editorial/auth/testing.js';
import { checkLedger, fundingApp, paypalWebhook, stripeWebhook, type FundingTest, withFundingApp } from './testing.js';

async function seedLedger(f: FundingTest) {
  const e1 = f.paypal.captureCompleted({ id: 'CAPADMIN00000001', value: '10.00', currency: 'EUR' });
  (e1 as { resource: { create_time: string } }).resource.create_time = '2026-01-15T10:00:00Z';
  await paypalWebhook(f, e1);
  const e2 = f.paypal.captureCompleted({ id: 'CAPADMIN00000002', value: '30.00', currency: 'EUR' });
  (e2 as { resource: { create_time: string } }).resource.create_time = '2026-02-03T10:00:00Z';
  await paypalWebhook(f, e2);
  const r = f.paypal.refunded({ captureId: 'CAPADMIN00000002', id: 'REFADMIN0000001', value: '5.00', currency: 'EUR' }) as { resource: { create_time: string; update_time: string } };
  r.resource.create_time = r.resource.update_time = '2026-02-10T10:00:00Z';
  await paypalWebhook(f, r);
  const e3 = f.paypal.captureCompleted({ id: 'CAPADMIN00000003', value: '2000', currency: 'JPY' });
  (e3 as { resource: { create_time: string } }).resource.create_time = '2026-02-20T10:00:00Z';
  await paypalWebhook(f, e3);
  // A donor whose name would be a spreadsheet formula.
  await f.t.ctx.db.updateTable('funding_ledger').set({ donor_name: '=HYPERLINK("http://evil")', donor_email: 'eve@example.net' }).where('provider_id', '=', 'CAPADMIN00000001').execute();
}

test(`roles: administrators manage money, editors the appeal, others nothing (${engineName})`, () =>
  withFundingApp(async (f) => {
    const admin = await signIn(f.t, await addUser(f.t, 'administrator'));
    const editor = await signIn(f.t, await addUser(f.t, 'editor'));
    const author = await signIn(f.t, await addUser(f.t, 'author'));
    for (const path of ['funding/ledger', 'funding/totals', 'funding/monthly', 'funding/export.csv', 'funding/events', 'funding/patrons', 'funding/settings']) {
      assert.equal((await call(f.t, 'GET', path)).statusCode, 401, `${path} anonymous`);
      assert.equal((await call(f.t, 'GET', path, author)).statusCode, 403, `${path} author`);
      const e = await call(f.t, 'GET', path, editor);
      assert.equal(e.statusCode, 403, `${path} editor`);
      assert.equal(e.json().error.code, 'BROADSIDE_E_FORBIDDEN');
      assert.equal((await call(f.t, 'GET', path, admin)).statusCode, 200, `${path} administrator`);
    }
    assert.equal((await call(f.t, 'PUT', 'funding/settings', { ...editor, body: { currencies: ['EUR'] } })).statusCode, 403);

    const appeal = await call(f.t, 'PUT', 'funding/appeal', { ...editor, body: { title: 'Fund the newsroom', text: 'Every euro goes to reporting.', articleTitle: 'Liked this piece?' } });
    assert.equal(appeal.statusCode, 200, appeal.body);
    assert.equal(appeal.json().title, 'Fund the newsroom');
    assert.equal((await call(f.t, 'PUT', 'funding/appeal', { ...author, body: { title: 'x' } })).statusCode, 403);
    assert.equal((await call(f.t, 'PUT', 'funding/appeal', { cookie: editor.cookie, body: { title: 'no csrf' } })).statusCode, 403, 'a write without the CSRF token');
    const page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.match(page.body, /<h2 class="appeal-title">Fund the newsroom<\/h2>/);

    const on = await call(f.t, 'PUT', `funding/articles/${f.articleId}/appeal`, { ...editor, body: { variant: true } });
    assert.deepEqual(on.json(), { articleId: f.articleId, variant: true });
    assert.match((await f.t.app.inject({ method: 'GET', url: f.path })).body, /<h2 class="appeal-title">Liked this piece\?<\/h2>/);
    const list = await call(f.t, 'GET', 'funding/articles', editor);
    assert.deepEqual(list.json().items.map((i: { id: number }) => i.id), [f.articleId]);
    assert.equal((await call(f.t, 'PUT', `funding/articles/${f.articleId}/appeal`, { ...editor, body: { variant: 'yes' } })).statusCode, 400);
    assert.equal((await call(f.t, 'PUT', 'funding/articles/999999/appeal', { ...editor, body: { variant: true } })).statusCode, 400);
    assert.equal((await call(f.t, 'PUT', 'funding/appeal', { ...editor, body: { title: 'x'.repeat(201) } })).json().error.field, 'title');
  }));

test(`the ledger: filters, totals per campaign and currency, money per month, CSV export (${engineName})`, () =>
  withFundingApp(async (f) => {
    await seedLedger(f);
    const admin = await signIn(f.t, await addUser(f.t, 'administrator'));
    const all = (await call(f.t, 'GET', 'funding/ledger', admin)).json();
    assert.equal(all.total, 4, 'three payments and a refund');
    assert.equal(all.items[0].providerId, 'CAPADMIN00000003', 'newest first');
    assert.deepEqual(
      all.totals.map((t: Record<string, unknown>) => [t.campaign, t.currency, t.payments, t.grossMinor, t.refundedMinor, t.netMinor]),
      [
        ['spring', 'EUR', 2, 4000, 500, 3500],
        ['spring', 'JPY', 1, 2000, 0, 2000],
      ],
    );
    const eur = (await call(f.t, 'GET', 'funding/ledger?currency=eur&entry=payment', admin)).json();
    assert.deepEqual(eur.items.map((i: { providerId: string }) => i.providerId), ['CAPADMIN00000002', 'CAPADMIN00000001']);
    assert.equal((await call(f.t, 'GET', 'funding/ledger?status=partially_refunded', admin)).json().total, 1);
    assert.equal((await call(f.t, 'GET', 'funding/ledger?from=2026-02&to=2026-02', admin)).json().total, 3);
    assert.equal((await call(f.t, 'GET', 'funding/ledger?q=eve@', admin)).json().items[0].providerId, 'CAPADMIN00000001');
    assert.equal((await call(f.t, 'GET', 'funding/ledger?q=100%25', admin)).json().total, 0, 'LIKE wildcards are literal');
    for (const [q, field] of [['status=paid', 'status'], ['currency=euro', 'currency'], ['from=yesterday', 'from'], ['provider=bank', 'provider'], ['page=0', 'page']]) {
      const r = await call(f.t, 'GET', `funding/ledger?${q}`, admin);
      assert.equal(r.statusCode, 400, q);
      assert.equal(r.json().error.field, field, q);
    }

    const months = (await call(f.t, 'GET', 'funding/monthly', admin)).json().months;
    assert.deepEqual(months, [
      { month: '2026-01', currency: 'EUR', netMinor: 1000, payments: 1 },
      { month: '2026-02', currency: 'EUR', netMinor: 2500, payments: 1 },
      { month: '2026-02', currency: 'JPY', netMinor: 2000, payments: 1 },
    ]);

    const csv = await call(f.t, 'GET', 'funding/export.csv?entry=payment', admin);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /^attachment; filename="ledger-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'id,entry,provider,provider_id,payment_id,kind,status,currency,amount,refunded,net,campaign,donor_name,donor_email,public_name,article_id,occurred_at,created_at');
    assert.equal(lines.length, 4);
    const first = lines.find((l) => l.includes('CAPADMIN00000001'))!;
    assert.match(first, /,"'=HYPERLINK\(""http:\/\/evil""\)",eve@example\.net,/, 'a formula is defused and quoted');
    assert.match(first, /,EUR,10\.00,0\.00,10\.00,spring,/);
    assert.match(lines.find((l) => l.includes('CAPADMIN00000002'))!, /,partially_refunded,EUR,30\.00,5\.00,25\.00,/);
    assert.match(lines.find((l) => l.includes('CAPADMIN00000003'))!, /,JPY,2000,0,2000,/);

    const events = (await call(f.t, 'GET', 'funding/events', admin)).json();
    assert.equal(events.total, 4);
  }));

test(`provider settings: secrets are never shown back in full nor logged; bad values are named (${engineName})`, async () => {
  const lines: string[] = [];
  const f = await fundingApp({ build: { logger: true, logStream: { write: (l: string) => void lines.push(l) } }, config: {} });
  try {
    const admin = await signIn(f.t, await addUser(f.t, 'administrator'));
    const secret = 'sk_live_THIS_IS_SECRET_0123456789abcd';
    const put = await call(f.t, 'PUT', 'funding/settings', { ...admin, body: { stripe: { secretKey: secret, webhookSecret: 'whsec_ALSO_SECRET_99998888' }, patreon: { pageUrl: 'https://www.patreon.com/outlet' } } });
    assert.equal(put.statusCode, 200, put.body);
    const view = await call(f.t, 'GET', 'funding/settings', admin);
    assert.doesNotMatch(view.body, /THIS_IS_SECRET|ALSO_SECRET/);
    // The test config sets the keys by environment: those win and are shown as such, also masked.
    assert.deepEqual(view.json().stripe.secretKey, { set: true, hint: `…${f.stripe.secretKey.slice(-4)}`, fromEnv: true });
    assert.doesNotMatch(view.body, new RegExp(f.stripe.secretKey));
    assert.doesNotMatch(view.body, new RegExp(f.paypal.secret));
    const stored = await f.t.ctx.db.selectFrom('settings').select('value').where('key', '=', 'funding.settings').executeTakeFirstOrThrow();
    assert.match(stored.value, /THIS_IS_SECRET/, 'kept in the database, for use');

    for (const [body, field] of [
      [{ campaign: { slug: 'Not A Slug' } }, 'campaign.slug'],
      [{ campaign: { goal: 'lots' } }, 'campaign.goal'],
      [{ currencies: ['EURO'] }, 'currencies'],
      [{ paypal: { mode: 'maybe' } }, 'paypal.mode'],
      [{ paypal: { apiUrl: 'http://insecure.example' } }, 'paypal.apiUrl'],
      [{ stripe: { color: 'blue' } }, 'stripe.color'],
      [{ nonsense: 1 }, 'nonsense'],
    ] as const) {
      const r = await call(f.t, 'PUT', 'funding/settings', { ...admin, body });
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.equal(r.json().error.field, field);
    }

    // Deliveries and a donation write log lines: none holds a secret, a signature or an address.
    await paypalWebhook(f, f.paypal.captureCompleted({ value: '10.00', currency: 'EUR' }));
    await stripeWebhook(f, f.stripe.event('customer.created', { id: 'cus_1' }));
    await stripeWebhook(f, f.stripe.event('customer.created', { id: 'cus_2' }), { secret: 'whsec_wrong' });
    const joined = lines.join('\n');
    assert.ok(lines.length > 5, 'there are log lines to look at');
    for (const s of [secret, 'ALSO_SECRET', f.stripe.secretKey, f.stripe.webhookSecret, f.paypal.secret, f.patreon.secret, 'ada.donor@example.net']) assert.ok(!joined.includes(s), `log lines hold ${s.slice(0, 8)}…`);
    assert.doesNotMatch(joined, /paypal-transmission-sig|stripe-signature/i);
    await checkLedger(f);
  } finally {
    await f.close();
  }
});
