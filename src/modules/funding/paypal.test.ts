// PayPal end to end against the fake on loopback: the reader's donation through Orders v2 (create, approve, capture)
// and the webhooks PayPal sends, signed with a test certificate that chains to a root made for the test. Each test
// ends with the ledger invariant (totals equal the sum of the events).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../test/db.js';
import { approveAtPaypal, checkLedger, donate, fundingApp, ledger, mails, paypalWebhook, payments, raisedOn, TEST_LIMITS, type FundingTest, withFundingApp } from './testing.js';

async function eventRows(f: FundingTest) {
  return f.t.ctx.db.selectFrom('funding_webhook_events').selectAll().where('provider', '=', 'paypal').execute();
}

test(`a donation through PayPal: form, approval, capture, thank-you page, receipt, and the bar moves (${engineName})`, () =>
  withFundingApp(async (f) => {
    const before = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.equal(before.statusCode, 200);
    assert.equal(raisedOn(before.body), 0);
    assert.ok(f.t.cache.get(f.path), 'the article page is cached');
    assert.match(before.body, new RegExp(`href="/support/\\?article=${f.articleId}#donate"`));

    const res = await donate(f, { provider: 'paypal', amount: 'other', other: '12.50', currency: 'EUR', article: String(f.articleId), mention: '1', public_name: 'Ada L.' });
    assert.equal(res.statusCode, 303, res.body);
    const approve = String(res.headers.location);
    assert.ok(approve.startsWith(`${f.paypal.base}/checkoutnow?token=`), approve);
    const order = [...f.paypal.orders.values()][0]!;
    assert.deepEqual(order.unit.amount, { currency_code: 'EUR', value: '12.50' });
    assert.equal((await payments(f)).length, 0, 'nothing is recorded before PayPal confirms');

    const back = await approveAtPaypal(f, approve);
    assert.equal(back.statusCode, 303, back.body);
    const thanksUrl = String(back.headers.location);
    assert.match(thanksUrl, /^\/support\/thanks\/\?c=[A-Za-z0-9_-]{22}$/);

    const [p] = await payments(f);
    assert.ok(p);
    assert.equal(p.provider, 'paypal');
    assert.equal(p.provider_id, order.capture!.id);
    assert.equal(Number(p.amount_minor), 1250);
    assert.equal(p.currency, 'EUR');
    assert.equal(p.status, 'completed');
    assert.equal(p.campaign, 'spring');
    assert.equal(Number(p.article_id), f.articleId);
    assert.equal(p.public_name, 'Ada L.');
    assert.equal(p.donor_email, 'ada.donor@example.net');
    assert.equal(p.donor_name, 'Ada Donor');

    const thanks = await f.t.app.inject({ method: 'GET', url: thanksUrl });
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /We received your donation of <strong>€12\.50<\/strong>/);
    assert.match(thanks.body, /Back to “Funding test article/);
    assert.doesNotMatch(thanks.body, /ada\.donor@example\.net/, 'no address on the page');

    const m = await mails(f);
    assert.equal(m.length, 1);
    assert.equal(m[0]!.to, 'ada.donor@example.net');
    assert.equal(m[0]!.subject, 'Thank you for supporting Test Outlet');
    assert.match(m[0]!.text, /your donation of €12\.50 to Test Outlet/);
    assert.match(m[0]!.text, new RegExp(`Reference: ${order.capture!.id}`));

    assert.equal(f.t.cache.get(f.path), undefined, 'the ledger change dropped the cached article page');
    const after = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.equal(raisedOn(after.body), 1250);
    assert.match(after.body, /<progress class="appeal-bar" max="100000" value="1250"/);

    // PayPal's webhook for the same capture comes afterwards: nothing changes, no second receipt.
    const ev = f.paypal.captureCompleted({ id: order.capture!.id, value: '12.50', currency: 'EUR', customId: order.unit.custom_id! });
    const hook = await paypalWebhook(f, ev);
    assert.equal(hook.statusCode, 200, hook.body);
    assert.deepEqual(hook.json(), { received: true, outcome: 'applied', duplicate: false });
    assert.equal((await ledger(f)).length, 1);
    assert.equal((await mails(f)).length, 1);

    // Coming back to the return address again (a reload) captures nothing twice.
    const again = await f.t.app.inject({ method: 'GET', url: `/support/paypal/return?token=${order.id}&PayerID=PAYERFAKE01` });
    assert.equal(again.statusCode, 303);
    assert.equal((await ledger(f)).length, 1);
    assert.equal((await mails(f)).length, 1);
  }));

test(`the webhook can arrive before the capture's answer: one payment, the address filled in once, one receipt (${engineName})`, () =>
  withFundingApp(async (f) => {
    const res = await donate(f, { provider: 'paypal', other: '30', currency: 'USD' });
    assert.equal(res.statusCode, 303, res.body);
    const order = [...f.paypal.orders.values()][0]!;
    // Approve at PayPal, and have the capture's webhook land before the reader's return is handled.
    await fetch(`${f.paypal.base}/checkoutnow/approve`, { method: 'POST', body: new URLSearchParams({ token: order.id }), redirect: 'manual' });
    const captureAnswer = await fetch(`${f.paypal.base}/v2/checkout/orders/${order.id}`, { headers: { authorization: 'Bearer none' } });
    assert.equal(captureAnswer.status, 401, 'the fake checks its tokens');
    const ret = await f.t.app.inject({ method: 'GET', url: `/support/paypal/return?token=${order.id}&PayerID=PAYERFAKE01` });
    assert.equal(ret.statusCode, 303);
    const cap = order.capture!;
    await f.t.ctx.db.deleteFrom('funding_ledger').execute();
    await f.t.ctx.db.deleteFrom('jobs').execute();
    // Replaying history in the other order: webhook first (no address), then the capture answer (address).
    assert.equal((await paypalWebhook(f, f.paypal.captureCompleted({ id: cap.id, value: '30.00', currency: 'USD', customId: order.unit.custom_id! }))).statusCode, 200);
    let [p] = await payments(f);
    assert.equal(p!.donor_email, '');
    assert.equal(p!.campaign, 'spring', 'the checkout named in custom_id gives the campaign');
    assert.equal((await mails(f)).length, 0);
    const again = await f.t.app.inject({ method: 'GET', url: `/support/paypal/return?token=${order.id}&PayerID=PAYERFAKE01` });
    assert.equal(again.statusCode, 303, 'an order already captured is read instead');
    [p] = await payments(f);
    assert.equal(p!.donor_email, 'ada.donor@example.net');
    assert.equal(Number(p!.amount_minor), 3000);
    assert.equal((await mails(f)).length, 1);
    await f.t.app.inject({ method: 'GET', url: `/support/paypal/return?token=${order.id}&PayerID=PAYERFAKE01` });
    assert.equal((await mails(f)).length, 1, 'one receipt');
  }));

test(`a bad signature is refused with 400 and nothing is stored (${engineName})`, () =>
  withFundingApp(async (f) => {
    const ev = f.paypal.captureCompleted({ value: '10.00', currency: 'EUR' });
    const body = JSON.stringify(ev);
    const cases: [string, Promise<import('./testing.js').Res>][] = [
      ['a changed body', f.t.app.inject({ method: 'POST', url: '/webhooks/paypal', headers: f.paypal.sign(body), payload: body.replace('10.00', '99.00') })],
      ['another webhook id', paypalWebhook(f, ev, { webhookId: 'OTHERWEBHOOK1' })],
      ['a certificate not named for PayPal', paypalWebhook(f, ev, { signer: f.paypal.pki.wrongName })],
      ['a certificate from an untrusted CA', paypalWebhook(f, ev, { signer: f.paypal.pki.untrusted })],
      ['a certificate on another host', paypalWebhook(f, ev, { certUrl: 'https://certs.example.com/CERT-good' })],
      ['a signature over another time', f.t.app.inject({ method: 'POST', url: '/webhooks/paypal', headers: { ...f.paypal.sign(body), 'paypal-transmission-time': '2020-01-01T00:00:00Z' }, payload: body })],
      ['no signature headers', f.t.app.inject({ method: 'POST', url: '/webhooks/paypal', headers: { 'content-type': 'application/json' }, payload: body })],
      ['another algorithm', f.t.app.inject({ method: 'POST', url: '/webhooks/paypal', headers: { ...f.paypal.sign(body), 'paypal-auth-algo': 'SHA1withRSA' }, payload: body })],
    ];
    for (const [what, p] of cases) {
      const res = await p;
      assert.equal(res.statusCode, 400, `${what}: ${res.body}`);
      assert.equal(res.json().error.code, 'BROADSIDE_E_BAD_INPUT', what);
    }
    assert.equal((await ledger(f)).length, 0);
    assert.equal((await eventRows(f)).length, 0, 'not even the event id is kept');
    // The good one still goes through.
    assert.equal((await paypalWebhook(f, ev)).statusCode, 200);
    assert.equal((await payments(f)).length, 1);
  }));

test(`a replayed delivery and two identical deliveries at once are applied once (${engineName})`, () =>
  withFundingApp(async (f) => {
    const ev = f.paypal.captureCompleted({ value: '20.00', currency: 'EUR' });
    const first = await paypalWebhook(f, ev);
    assert.deepEqual(first.json(), { received: true, outcome: 'applied', duplicate: false });
    const replay = await paypalWebhook(f, ev);
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json().duplicate, true);

    const ev2 = f.paypal.captureCompleted({ value: '7.00', currency: 'EUR' });
    const both = await Promise.all([paypalWebhook(f, ev2), paypalWebhook(f, ev2), paypalWebhook(f, ev2)]);
    assert.deepEqual(both.map((r) => r.statusCode), [200, 200, 200]);
    assert.equal(both.filter((r) => r.json().duplicate === false).length, 1, 'exactly one delivery applied');
    const p = await payments(f);
    assert.equal(p.length, 2);
    assert.deepEqual(p.map((r) => Number(r.amount_minor)).sort((a, b) => a - b), [700, 2000]);
    assert.equal((await eventRows(f)).length, 2);
  }));

test(`refunds: partial, then the rest; a reversal; the progress follows (${engineName})`, () =>
  withFundingApp(async (f) => {
    const cap = f.paypal.captureCompleted({ id: 'CAPREFUND0000001', value: '50.00', currency: 'EUR' });
    await paypalWebhook(f, cap);
    let page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.equal(raisedOn(page.body), 5000);

    assert.equal((await paypalWebhook(f, f.paypal.refunded({ captureId: 'CAPREFUND0000001', id: 'REF000000000001', value: '20.00', currency: 'EUR' }))).statusCode, 200);
    let [p] = await payments(f);
    assert.equal(p!.status, 'partially_refunded');
    assert.equal(Number(p!.refunded_minor), 2000);
    page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.equal(raisedOn(page.body), 3000, 'the bar moved back on the next request');

    await paypalWebhook(f, f.paypal.refunded({ captureId: 'CAPREFUND0000001', id: 'REF000000000002', value: '30.00', currency: 'EUR' }));
    [p] = await payments(f);
    assert.equal(p!.status, 'refunded');
    assert.equal(raisedOn((await f.t.app.inject({ method: 'GET', url: f.path })).body), 0);

    await paypalWebhook(f, f.paypal.captureCompleted({ id: 'CAPREVERSE000001', value: '15.00', currency: 'EUR' }));
    await paypalWebhook(f, f.paypal.reversed({ captureId: 'CAPREVERSE000001', id: 'REV000000000001', value: '15.00', currency: 'EUR' }));
    const rev = (await payments(f)).find((r) => r.provider_id === 'CAPREVERSE000001')!;
    assert.equal(rev.status, 'reversed');
    assert.equal(raisedOn((await f.t.app.inject({ method: 'GET', url: f.path })).body), 0);
  }));

test(`a refund that arrives before its capture ends in the right state (${engineName})`, () =>
  withFundingApp(async (f) => {
    const refund = await paypalWebhook(f, f.paypal.refunded({ captureId: 'CAPLATE000000001', id: 'REFEARLY0000001', value: '4.00', currency: 'EUR' }));
    assert.equal(refund.statusCode, 200);
    assert.equal((await payments(f)).length, 0);
    assert.equal(raisedOn((await f.t.app.inject({ method: 'GET', url: f.path })).body), 0, 'a refund alone does not move the bar');
    await paypalWebhook(f, f.paypal.captureCompleted({ id: 'CAPLATE000000001', value: '10.00', currency: 'EUR' }));
    const [p] = await payments(f);
    assert.equal(p!.status, 'partially_refunded');
    assert.equal(Number(p!.refunded_minor), 400);
    assert.equal(raisedOn((await f.t.app.inject({ method: 'GET', url: f.path })).body), 600);

    // A refund and its capture at the same moment, in parallel: still right.
    const cap = f.paypal.captureCompleted({ id: 'CAPPARALLEL00001', value: '8.00', currency: 'EUR' });
    const ref = f.paypal.refunded({ captureId: 'CAPPARALLEL00001', id: 'REFPARALLEL0001', value: '8.00', currency: 'EUR' });
    await Promise.all([paypalWebhook(f, ref), paypalWebhook(f, cap), paypalWebhook(f, ref)]);
    const q = (await payments(f)).find((r) => r.provider_id === 'CAPPARALLEL00001')!;
    assert.equal(q.status, 'refunded');
  }));

test(`an unknown event type is answered 200, ignored and noted; a malformed body is 400 (${engineName})`, () =>
  withFundingApp(async (f) => {
    const ev = f.paypal.event('CUSTOMER.DISPUTE.CREATED', { dispute_id: 'PP-D-1' });
    const res = await paypalWebhook(f, ev);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { received: true, outcome: 'ignored', duplicate: false });
    const [row] = await eventRows(f);
    assert.equal(row!.outcome, 'ignored');
    assert.equal(row!.event_type, 'CUSTOMER.DISPUTE.CREATED');
    assert.match(row!.note, /not one we handle/);

    for (const body of ['{not json', '[]', JSON.stringify({ id: 'WH-1' }), JSON.stringify({ ...f.paypal.captureCompleted({ value: '1.00', currency: 'EUR' }), resource: 'x' }), JSON.stringify(f.paypal.captureCompleted({ value: '1.234', currency: 'EUR' })), JSON.stringify(f.paypal.captureCompleted({ value: 'ten', currency: 'EUR' }))]) {
      const bad = await paypalWebhook(f, {}, undefined, body);
      assert.equal(bad.statusCode, 400, `${body.slice(0, 40)}: ${bad.body}`);
    }
    const empty = await f.t.app.inject({ method: 'POST', url: '/webhooks/paypal', headers: { 'content-type': 'application/json' }, payload: '' });
    assert.equal(empty.statusCode, 400);
    assert.equal((await ledger(f)).length, 0);
    assert.equal((await eventRows(f)).length, 1);
  }));

test(`JPY has no decimals: PayPal's "1000" is 1000 yen, and a capture still pending is noted, not counted (${engineName})`, () =>
  withFundingApp(async (f) => {
    await paypalWebhook(f, f.paypal.captureCompleted({ value: '1000', currency: 'JPY' }));
    const [p] = await payments(f);
    assert.equal(Number(p!.amount_minor), 1000);
    assert.equal(p!.currency, 'JPY');
    const pending = await paypalWebhook(f, f.paypal.captureCompleted({ value: '5.00', currency: 'EUR', status: 'PENDING' }));
    assert.equal(pending.json().outcome, 'noted');
    assert.equal((await payments(f)).length, 1);
  }));

test(`a flood of deliveries from one address is refused with 429 past the limit, and nothing of it is stored (${engineName})`, async () => {
  const f = await fundingApp({ build: { fundingLimits: { ...TEST_LIMITS, webhooksPerMinute: 3 } } });
  try {
    const evs = [1, 2, 3, 4].map((n) => f.paypal.captureCompleted({ value: `${n}.00`, currency: 'EUR' }));
    // A forged delivery counts against the limit like any other.
    const forged = await f.t.app.inject({ method: 'POST', url: '/webhooks/paypal', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(evs[0]) });
    assert.equal(forged.statusCode, 400);
    assert.equal((await paypalWebhook(f, evs[0]!)).statusCode, 200);
    assert.equal((await paypalWebhook(f, evs[1]!)).statusCode, 200);
    const refused = await paypalWebhook(f, evs[2]!);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'BROADSIDE_E_RATE_LIMITED');
    assert.match(refused.json().error.message, /at most 3 a minute/);
    assert.equal((await payments(f)).length, 2, 'the refused delivery stored nothing (PayPal sends it again later)');
    assert.equal((await eventRows(f)).length, 2);
    await checkLedger(f);
  } finally {
    await f.close();
  }
});
