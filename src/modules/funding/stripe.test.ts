// Stripe end to end against the fake on loopback: Checkout sessions made by the official package (pointed at the
// fake by its host, port and protocol options), the hosted page, the thank-you page, and webhooks signed with the
// Stripe-Signature scheme. Each test ends with the ledger invariant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../test/db.js';
import { donate, ledger, mails, payments, raisedOn, stripeWebhook, type FundingTest, withFundingApp } from './testing.js';

/** Pays on the fake's hosted page (without its webhooks) and follows it back to our thank-you page. */
async function payAtStripe(f: FundingTest, url: string) {
  const page = await fetch(url);
  assert.equal(page.status, 200);
  const paid = await fetch(url, { method: 'POST', redirect: 'manual' });
  assert.equal(paid.status, 303);
  const back = new URL(paid.headers.get('location')!);
  return { back, res: await f.t.app.inject({ method: 'GET', url: back.pathname + back.search }) };
}

test(`a one-off card donation: Checkout session, payment, thank-you page (confirmed with Stripe), webhook applied once (${engineName})`, () =>
  withFundingApp(async (f) => {
    await f.t.app.inject({ method: 'GET', url: f.path });
    const res = await donate(f, { provider: 'stripe', amount: '25', currency: 'EUR', article: String(f.articleId) });
    assert.equal(res.statusCode, 303, res.body);
    const url = String(res.headers.location);
    assert.ok(url.startsWith(`${f.stripe.base}/pay/cs_test_`), url);
    const session = [...f.stripe.sessions.values()][0]!;
    assert.equal(session.mode, 'payment');
    assert.equal(session.amount_total, 2500);
    assert.equal(session.currency, 'eur');
    assert.match(session.success_url, /\/support\/thanks\/\?c=[A-Za-z0-9_-]{22}&session_id=\{CHECKOUT_SESSION_ID\}$/);

    const { back, res: thanks } = await payAtStripe(f, url);
    assert.equal(back.searchParams.get('session_id'), session.id);
    assert.equal(thanks.statusCode, 200);
    assert.match(thanks.body, /We received your donation of <strong>€25\.00<\/strong>/);
    const [p] = await payments(f);
    assert.equal(p!.provider, 'stripe');
    assert.equal(p!.provider_id, session.payment_intent);
    assert.equal(Number(p!.amount_minor), 2500);
    assert.equal(p!.donor_email, 'card.donor@example.net');
    assert.equal(Number(p!.article_id), f.articleId);
    assert.equal((await mails(f)).length, 1);
    assert.equal(raisedOn((await f.t.app.inject({ method: 'GET', url: f.path })).body), 2500);

    // The webhook Stripe sends for the same session finds the payment already there.
    const [completed] = f.stripe.pay(session.id);
    const hook = await stripeWebhook(f, completed!);
    assert.equal(hook.statusCode, 200, hook.body);
    assert.deepEqual(hook.json(), { received: true, outcome: 'applied', duplicate: false });
    assert.equal((await ledger(f)).length, 1);
    assert.equal((await mails(f)).length, 1);
    assert.equal((await stripeWebhook(f, completed!)).json().duplicate, true, 'the same event again is a duplicate');
  }));

test(`monthly: a subscription session, each invoice.paid a recurring payment, and the end of the subscription (${engineName})`, () =>
  withFundingApp(async (f) => {
    const res = await donate(f, { provider: 'stripe', amount: '10', currency: 'EUR', frequency: 'monthly' });
    assert.equal(res.statusCode, 303, res.body);
    const session = [...f.stripe.sessions.values()][0]!;
    assert.equal(session.mode, 'subscription');
    const [completed, invoice] = f.stripe.pay(session.id);
    assert.equal((await stripeWebhook(f, completed!)).statusCode, 200);
    const checkout = await f.t.ctx.db.selectFrom('funding_checkouts').selectAll().executeTakeFirstOrThrow();
    assert.equal(checkout.subscription_id, session.subscription);
    assert.equal((await stripeWebhook(f, invoice!)).statusCode, 200);
    const next = f.stripe.invoicePaid({ subscription: session.subscription!, amount: 1000, currency: 'eur' });
    assert.equal((await stripeWebhook(f, next)).statusCode, 200);
    const p = await payments(f);
    assert.equal(p.length, 2);
    assert.ok(p.every((r) => r.kind === 'recurring' && Number(r.amount_minor) === 1000 && r.campaign === 'spring'));
    assert.equal((await mails(f)).length, 2, 'a receipt for each month');
    assert.match((await mails(f))[0]!.text, /monthly donation of €10\.00/);

    const ended = await stripeWebhook(f, f.stripe.subscriptionDeleted(session.subscription!));
    assert.equal(ended.statusCode, 200);
    const after = await f.t.ctx.db.selectFrom('funding_checkouts').selectAll().executeTakeFirstOrThrow();
    assert.ok(after.subscription_ended_at);
  }));

test(`refunds by charge.refunded (a running total), also before the payment, and out of order (${engineName})`, () =>
  withFundingApp(async (f) => {
    const res = await donate(f, { provider: 'stripe', amount: 'other', other: '40', currency: 'EUR' });
    const session = [...f.stripe.sessions.values()][0]!;
    const [completed] = f.stripe.pay(session.id);
    void res;
    const pi = session.payment_intent!;
    // The refund of 15 arrives first, then the payment, then a later total of 40, then the stale total of 15 again.
    const r15 = f.stripe.chargeRefunded({ paymentIntent: pi, charge: 'ch_test_1', amount: 4000, amountRefunded: 1500, currency: 'EUR' });
    const r40 = f.stripe.chargeRefunded({ paymentIntent: pi, charge: 'ch_test_1', amount: 4000, amountRefunded: 4000, currency: 'EUR' });
    assert.equal((await stripeWebhook(f, r15)).statusCode, 200);
    assert.equal((await payments(f)).length, 0);
    assert.equal((await stripeWebhook(f, completed!)).statusCode, 200);
    let [p] = await payments(f);
    assert.equal(p!.status, 'partially_refunded');
    assert.equal(raisedOn((await f.t.app.inject({ method: 'GET', url: f.path })).body), 2500);
    await stripeWebhook(f, r40);
    const stale = f.stripe.chargeRefunded({ paymentIntent: pi, charge: 'ch_test_1', amount: 4000, amountRefunded: 1500, currency: 'EUR' });
    await stripeWebhook(f, stale);
    [p] = await payments(f);
    assert.equal(p!.status, 'refunded');
    assert.equal(Number(p!.refunded_minor), 4000, 'a late, smaller running total changes nothing');
    assert.equal(raisedOn((await f.t.app.inject({ method: 'GET', url: f.path })).body), 0);
  }));

test(`bad signatures, old timestamps (replays), a wrong secret and malformed bodies are refused; nothing stored (${engineName})`, () =>
  withFundingApp(async (f) => {
    const session = [...(await (async () => (await donate(f, { provider: 'stripe', amount: '5', currency: 'EUR' }), f.stripe.sessions))()).values()][0]!;
    const [completed] = f.stripe.pay(session.id);
    const body = JSON.stringify(completed);
    const inject = (headers: Record<string, string>, payload = body) => f.t.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { 'content-type': 'application/json', ...headers }, payload });
    const cases: [string, Promise<import('./testing.js').Res>][] = [
      ['a changed body', inject({ 'stripe-signature': f.stripe.sign(body) }, body.replace('"amount_total":500', '"amount_total":50000'))],
      ['another secret', stripeWebhook(f, completed!, { secret: 'whsec_someone_else' })],
      ['a signature ten minutes old (a replay)', stripeWebhook(f, completed!, { timestamp: Math.floor(Date.now() / 1000) - 600 })],
      ['no signature', inject({})],
      ['a garbled header', inject({ 'stripe-signature': 'nonsense' })],
    ];
    for (const [what, p] of cases) {
      const res = await p;
      assert.equal(res.statusCode, 400, `${what}: ${res.body}`);
    }
    assert.match((await stripeWebhook(f, completed!, { timestamp: Math.floor(Date.now() / 1000) - 600 })).json().error.message, /older than five minutes/);
    const notJson = '{"id": "evt_1", nope';
    assert.equal((await inject({ 'stripe-signature': f.stripe.sign(notJson) }, notJson)).statusCode, 400);
    const noData = JSON.stringify({ id: 'evt_x', type: 'checkout.session.completed' });
    assert.equal((await inject({ 'stripe-signature': f.stripe.sign(noData) }, noData)).statusCode, 400);
    const badAmount = JSON.stringify(f.stripe.event('checkout.session.completed', { ...completed!.data as object, ...(completed!.data as { object: object }).object, amount_total: 12.5 }));
    assert.equal((await inject({ 'stripe-signature': f.stripe.sign(badAmount) }, badAmount)).statusCode, 400);
    assert.equal((await ledger(f)).length, 0);
    assert.equal((await f.t.ctx.db.selectFrom('funding_webhook_events').selectAll().execute()).length, 0);

    // Unknown types are answered 200 and noted.
    const other = await stripeWebhook(f, f.stripe.event('customer.created', { id: 'cus_1', object: 'customer' }));
    assert.equal(other.statusCode, 200);
    assert.equal(other.json().outcome, 'ignored');
    // Parallel duplicates of the good event: applied once.
    const all = await Promise.all([stripeWebhook(f, completed!), stripeWebhook(f, completed!), stripeWebhook(f, completed!)]);
    assert.deepEqual(all.map((r) => r.statusCode), [200, 200, 200]);
    assert.equal(all.filter((r) => !r.json().duplicate).length, 1);
    assert.equal((await payments(f)).length, 1);
  }));

test(`a session that is not paid yet is noted, not counted; zero-decimal currencies stay whole (${engineName})`, () =>
  withFundingApp(async (f) => {
    const res = await donate(f, { provider: 'stripe', amount: 'other', other: '3000', currency: 'JPY' });
    assert.equal(res.statusCode, 303, res.body);
    const session = [...f.stripe.sessions.values()][0]!;
    assert.equal(session.amount_total, 3000, 'yen are sent as whole yen');
    const unpaid = f.stripe.event('checkout.session.completed', { ...session, payment_status: 'unpaid', status: 'complete' });
    assert.equal((await stripeWebhook(f, unpaid)).json().outcome, 'noted');
    assert.equal((await payments(f)).length, 0);
    const [completed] = f.stripe.pay(session.id);
    await stripeWebhook(f, completed!);
    const [p] = await payments(f);
    assert.equal(Number(p!.amount_minor), 3000);
    assert.equal(p!.currency, 'JPY');
    assert.match((await mails(f))[0]!.text, /¥3,000/);
  }));
