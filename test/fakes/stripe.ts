// A fake of the parts of Stripe's API that Broadside uses, as its documentation describes them:
//   POST /v1/checkout/sessions          create a Checkout session (form-encoded, as the official package sends;
//                                       Idempotency-Key returns the first answer again)
//   GET  /v1/checkout/sessions/:id      read one
//   GET  /pay/:id                       the hosted payment page (a form; no script)
//   POST /pay/:id                       pay: the session completes, its webhooks are sent (and answered) first,
//                                       then 303 to success_url with {CHECKOUT_SESSION_ID} filled in
// Webhooks are signed as Stripe signs them: Stripe-Signature "t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">".
import { createHmac, randomBytes } from 'node:crypto';
import { escapeHtml, post, startFake, type FakeRequest, type FakeResponse, type FakeServer } from './server.js';

/** Parses Stripe's form encoding (a[b][0][c]=x) into nested objects and arrays. */
export function parseStripeForm(body: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: any = out;
    parts.forEach((p, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]!);
      if (last) node[p] = value;
      else node = node[p] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

export interface FakeSession {
  id: string;
  object: 'checkout.session';
  mode: 'payment' | 'subscription';
  status: 'open' | 'complete';
  payment_status: 'unpaid' | 'paid';
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  url: string;
  payment_intent: string | null;
  subscription: string | null;
  invoice: string | null;
  customer_details: { email: string; name: string } | null;
  created: number;
  livemode: false;
}

export interface FakeStripe {
  base: string;
  secretKey: string;
  webhookSecret: string;
  sessions: Map<string, FakeSession>;
  calls: Map<string, number>;
  /** Where the pay step sends its webhooks; null sends none (tests deliver by hand). */
  webhookUrl: string | null;
  /** The customer paying on the hosted page. */
  customer: { email: string; name: string };
  event(type: string, object: object, id?: string): Record<string, unknown>;
  /** What a paid session's checkout.session.completed (and, for a subscription, invoice.paid) look like. */
  pay(sessionId: string): Record<string, unknown>[];
  chargeRefunded(o: { paymentIntent: string; amount: number; amountRefunded: number; currency: string; charge?: string }): Record<string, unknown>;
  invoicePaid(o: { subscription: string; amount: number; currency: string; checkout?: string; paymentIntent?: string; email?: string }): Record<string, unknown>;
  subscriptionDeleted(subscription: string): Record<string, unknown>;
  sign(payload: string, opts?: { timestamp?: number; secret?: string }): string;
  deliver(url: string, event: object, opts?: { timestamp?: number; secret?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startFakeStripe(opts: { secretKey?: string; webhookSecret?: string } = {}): Promise<FakeStripe> {
  const secretKey = opts.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
  const webhookSecret = opts.webhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`;
  const sessions = new Map<string, FakeSession>();
  const byIdempotency = new Map<string, string>();
  const calls = new Map<string, number>();
  let server: FakeServer;
  const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
  const count = (k: string) => calls.set(k, (calls.get(k) ?? 0) + 1);
  const error = (status: number, type: string, message: string, param?: string): FakeResponse => ({ status, body: { error: { type, message, ...(param ? { param } : {}) } } });

  function authorized(r: FakeRequest): boolean {
    return r.headers.authorization === `Bearer ${secretKey}`;
  }

  const fake: FakeStripe = {
    base: '',
    secretKey,
    webhookSecret,
    sessions,
    calls,
    webhookUrl: null,
    customer: { email: 'card.donor@example.net', name: 'Card Donor' },
    event(type, object, eventId) {
      return { id: eventId ?? id('evt'), object: 'event', api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), type, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } };
    },
    pay(sessionId) {
      const s = sessions.get(sessionId);
      if (!s) throw new Error(`no session ${sessionId}`);
      if (s.payment_status !== 'paid') {
        s.status = 'complete';
        s.payment_status = 'paid';
        s.customer_details = { ...fake.customer };
        if (s.mode === 'payment') s.payment_intent = id('pi');
        else {
          s.subscription = id('sub');
          s.invoice = id('in');
        }
      }
      const events = [fake.event('checkout.session.completed', { ...s })];
      if (s.mode === 'subscription') events.push(fake.invoicePaid({ subscription: s.subscription!, amount: s.amount_total, currency: s.currency, checkout: s.metadata.checkout, email: s.customer_details!.email }));
      return events;
    },
    chargeRefunded(o) {
      return fake.event('charge.refunded', { id: o.charge ?? id('ch'), object: 'charge', amount: o.amount, amount_captured: o.amount, amount_refunded: o.amountRefunded, currency: o.currency.toLowerCase(), payment_intent: o.paymentIntent, refunded: o.amountRefunded >= o.amount, status: 'succeeded' });
    },
    invoicePaid(o) {
      const inv = id('in');
      const now = Math.floor(Date.now() / 1000);
      return fake.event('invoice.paid', {
        id: inv,
        object: 'invoice',
        amount_due: o.amount,
        amount_paid: o.amount,
        currency: o.currency.toLowerCase(),
        customer_email: o.email ?? fake.customer.email,
        customer_name: fake.customer.name,
        billing_reason: 'subscription_cycle',
        status: 'paid',
        status_transitions: { paid_at: now },
        parent: { type: 'subscription_details', quote_details: null, subscription_details: { subscription: o.subscription, metadata: o.checkout ? { checkout: o.checkout } : {} } },
        payments: { object: 'list', data: [{ object: 'invoice_payment', invoice: inv, status: 'paid', payment: { type: 'payment_intent', payment_intent: o.paymentIntent ?? id('pi') } }] },
      });
    },
    subscriptionDeleted(subscription) {
      return fake.event('customer.subscription.deleted', { id: subscription, object: 'subscription', status: 'canceled', canceled_at: Math.floor(Date.now() / 1000), ended_at: Math.floor(Date.now() / 1000) });
    },
    sign(payload, o = {}) {
      const t = o.timestamp ?? Math.floor(Date.now() / 1000);
      const sig = createHmac('sha256', o.secret ?? webhookSecret).update(`${t}.${payload}`).digest('hex');
      return `t=${t},v1=${sig}`;
    },
    deliver(url, event, o) {
      const body = JSON.stringify(event);
      return post(url, body, { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': fake.sign(body, o) });
    },
    close: () => server.close(),
  };

  server = await startFake(async (r) => {
    if (r.method === 'POST' && r.path === '/v1/checkout/sessions') {
      count('POST /v1/checkout/sessions');
      if (!authorized(r)) return error(401, 'invalid_request_error', 'Invalid API Key provided.');
      const key = r.headers['idempotency-key'] as string | undefined;
      if (key && byIdempotency.has(key)) return { status: 200, body: sessions.get(byIdempotency.get(key)!)! };
      const p = parseStripeForm(r.body.toString());
      const item = p.line_items?.[0];
      const pd = item?.price_data;
      const amount = Number(pd?.unit_amount);
      if (p.mode !== 'payment' && p.mode !== 'subscription') return error(400, 'invalid_request_error', 'Invalid mode.', 'mode');
      if (!pd || !/^[a-z]{3}$/.test(pd.currency ?? '') || !Number.isSafeInteger(amount) || amount < 1) return error(400, 'invalid_request_error', 'Invalid price_data.', 'line_items[0][price_data]');
      if (p.mode === 'subscription' && pd.recurring?.interval !== 'month') return error(400, 'invalid_request_error', 'A subscription needs a recurring price.', 'line_items[0][price_data][recurring]');
      if (!p.success_url) return error(400, 'invalid_request_error', 'Missing success_url.', 'success_url');
      const sid = id('cs');
      const s: FakeSession = {
        id: sid,
        object: 'checkout.session',
        mode: p.mode,
        status: 'open',
        payment_status: 'unpaid',
        amount_total: amount * Number(item.quantity ?? 1),
        currency: pd.currency,
        client_reference_id: p.client_reference_id ?? null,
        metadata: p.metadata ?? {},
        success_url: p.success_url,
        cancel_url: p.cancel_url ?? '',
        url: `${server.base}/pay/${sid}`,
        payment_intent: null,
        subscription: null,
        invoice: null,
        customer_details: null,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
      };
      sessions.set(sid, s);
      if (key) byIdempotency.set(key, sid);
      return { status: 200, body: s };
    }
    let m = /^\/v1\/checkout\/sessions\/([A-Za-z0-9_]+)$/.exec(r.path);
    if (r.method === 'GET' && m) {
      count('GET /v1/checkout/sessions/:id');
      if (!authorized(r)) return error(401, 'invalid_request_error', 'Invalid API Key provided.');
      const s = sessions.get(m[1]!);
      return s ? { status: 200, body: s } : error(404, 'invalid_request_error', `No such checkout.session: '${m[1]}'`, 'session');
    }
    m = /^\/pay\/([A-Za-z0-9_]+)$/.exec(r.path);
    if (m) {
      const s = sessions.get(m[1]!);
      if (!s) return { status: 404, body: 'No such session.' };
      if (r.method === 'GET') {
        return {
          status: 200,
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head><body>
<h1>Pay ${(s.amount_total / 100).toFixed(2)} ${escapeHtml(s.currency.toUpperCase())}${s.mode === 'subscription' ? ' a month' : ''}</h1>
<form method="post"><button type="submit" id="pay">Pay</button></form><p><a id="cancel" href="${escapeHtml(s.cancel_url)}">Back</a></p></body></html>`,
        };
      }
      const events = fake.pay(s.id);
      if (fake.webhookUrl) for (const e of events) await fake.deliver(fake.webhookUrl, e);
      return { status: 303, headers: { location: s.success_url.replace('{CHECKOUT_SESSION_ID}', s.id) }, body: '' };
    }
    return error(404, 'invalid_request_error', `Unrecognized request URL (${r.method}: ${r.path}).`);
  });
  fake.base = server.base;
  return fake;
}
