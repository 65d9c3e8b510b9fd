// Helpers for this module's tests: an app wired to fakes of PayPal, Stripe and Patreon on loopback, the donation
// form read from /support/ and posted as a browser without JavaScript posts it, webhooks injected with the headers
// the provider would send, and the ledger invariant every test checks at its end.
import assert from 'node:assert/strict';
import type { Config } from '../../config.js';
import type { BuildOptions } from '../../app.js';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { anArticle, anAuthor } from '../../../test/factories.js';
import { startFakePaypal, type FakePaypal } from '../../../test/fakes/paypal.js';
import { startFakeStripe, type FakeStripe } from '../../../test/fakes/stripe.js';
import { startFakePatreon, type FakePatreon } from '../../../test/fakes/patreon.js';
import { saveFundingSettings } from './operations/saveFundingSettings.js';
import { campaignProgress, totals } from './queries.js';
import type { LedgerRow } from './tables.js';

export type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

export interface FundingTest {
  t: TestApp;
  paypal: FakePaypal;
  stripe: FakeStripe;
  patreon: FakePatreon;
  articleId: number;
  path: string;
  close(): Promise<void>;
}

let n = 0;

/** The providers' settings that point the app at the fakes (no Patreon: its webhooks are refused). */
export function fundingConfig(paypal: FakePaypal, stripe: FakeStripe, patreon: FakePatreon | null): Config['funding'] {
  return {
    paypalClientId: paypal.clientId,
    paypalSecret: paypal.secret,
    paypalWebhookId: paypal.webhookId,
    paypalApiUrl: paypal.base,
    paypalRootsPem: paypal.pki.rootPem,
    stripeSecretKey: stripe.secretKey,
    stripeWebhookSecret: stripe.webhookSecret,
    stripeApiUrl: stripe.base,
    patreonWebhookSecret: patreon?.secret ?? null,
  };
}

export const TEST_LIMITS = { checkouts: 1000, windowSeconds: 600, webhooksPerMinute: 100_000 };

export async function fundingApp(opts: { settings?: object; config?: Partial<Config>; build?: Omit<BuildOptions, 'db'> } = {}): Promise<FundingTest> {
  const [paypal, stripe, patreon] = await Promise.all([startFakePaypal(), startFakeStripe(), startFakePatreon()]);
  const t = await createTestApp(
    {
      funding: fundingConfig(paypal, stripe, patreon),
      ...opts.config,
    },
    { fundingLimits: TEST_LIMITS, ...opts.build },
  );
  await saveFundingSettings(t.ctx, {
    paypal: { mode: 'api' },
    stripe: { enabled: true, monthly: true },
    patreon: { pageUrl: 'https://www.patreon.com/testoutlet' },
    campaign: { slug: 'spring', title: 'Spring drive', currency: 'EUR', goal: '1000' },
    currencies: ['EUR', 'USD', 'JPY'],
    ...opts.settings,
  });
  const authorId = await anAuthor(t.ctx);
  const a = await anArticle(t.ctx, { authorIds: [authorId], headline: `Funding test article ${++n}` });
  const row = await t.ctx.db.selectFrom('articles').select(['id', 'slug', 'month_key']).where('id', '=', a.id).executeTakeFirstOrThrow();
  return {
    t,
    paypal,
    stripe,
    patreon,
    articleId: Number(row.id),
    path: `/${row.month_key!.slice(0, 4)}/${row.month_key!.slice(5, 7)}/${row.slug}/`,
    async close() {
      await t.close();
      await Promise.all([paypal.close(), stripe.close(), patreon.close()]);
    },
  };
}

/** A PayPal event injected with PayPal's headers (signed by the fake's good certificate unless told otherwise). */
export function paypalWebhook(f: FundingTest, event: object, opts?: Parameters<FakePaypal['sign']>[1], body = JSON.stringify(event)): Promise<Res> {
  return f.t.app.inject({ method: 'POST', url: '/webhooks/paypal', headers: f.paypal.sign(body, opts), payload: body });
}

export function stripeWebhook(f: FundingTest, event: object, opts?: Parameters<FakeStripe['sign']>[1], body = JSON.stringify(event)): Promise<Res> {
  return f.t.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': f.stripe.sign(body, opts) }, payload: body });
}

export function patreonWebhook(f: FundingTest, event: string, doc: object, opts: { secret?: string; signature?: string } = {}, body = JSON.stringify(doc)): Promise<Res> {
  return f.t.app.inject({ method: 'POST', url: '/webhooks/patreon', headers: { 'content-type': 'application/json', 'x-patreon-event': event, 'x-patreon-signature': opts.signature ?? f.patreon.sign(body, opts.secret) }, payload: body });
}

export function decode(s: string): string {
  return s.replace(/&(lt|gt|quot|amp|#39|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'", apos: "'" })[e]!);
}

/** GET /support/ as a browser: the page, the form's CSRF value and the cookie that goes with it. */
export async function supportForm(f: FundingTest, query = ''): Promise<{ res: Res; csrf: string; cookie: string }> {
  const res = await f.t.app.inject({ method: 'GET', url: `/support/${query}` });
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  const raw = res.headers['set-cookie'];
  const cookie = (Array.isArray(raw) ? raw : [raw ?? '']).map((c) => c.split(';')[0]!).find((c) => c.startsWith('broadside_donate=')) ?? '';
  return { res, csrf, cookie };
}

/** Posts the donation form as a browser without JavaScript would. */
export async function donate(f: FundingTest, fields: Record<string, string>, opts: { ip?: string; csrf?: string; cookie?: string; origin?: string } = {}): Promise<Res> {
  const form = await supportForm(f);
  const body = new URLSearchParams({ csrf: opts.csrf ?? form.csrf, amount: 'other', currency: 'EUR', ...fields }).toString();
  return f.t.app.inject({
    method: 'POST',
    url: '/support/donate',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: opts.cookie ?? form.cookie, ...(opts.origin ? { origin: opts.origin } : {}) },
    payload: body,
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

/** The PayPal round trip after a 303 to the fake: approve there, then come back to our return URL. */
export async function approveAtPaypal(f: FundingTest, approveUrl: string): Promise<Res> {
  const page = await fetch(approveUrl);
  assert.equal(page.status, 200);
  const token = new URL(approveUrl).searchParams.get('token')!;
  const back = await fetch(`${f.paypal.base}/checkoutnow/approve`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
  assert.equal(back.status, 303);
  const ret = new URL(back.headers.get('location')!);
  return f.t.app.inject({ method: 'GET', url: ret.pathname + ret.search });
}

export async function ledger(f: FundingTest): Promise<LedgerRow[]> {
  return (await f.t.ctx.db.selectFrom('funding_ledger').selectAll().orderBy('id').execute()) as LedgerRow[];
}

export async function payments(f: FundingTest): Promise<LedgerRow[]> {
  return (await ledger(f)).filter((r) => r.entry === 'payment');
}

export async function mails(f: FundingTest): Promise<{ to: string; subject: string; text: string }[]> {
  const rows = await f.t.ctx.db.selectFrom('jobs').select(['payload']).where('type', '=', 'mail.send').orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.payload));
}

/**
 * The ledger invariant: every payment's refunded sum and status follow from its refund and reversal rows, and the
 * totals (per campaign and currency, and the appeal's progress) equal the sum of the events, worked out here in JS.
 */
export async function checkLedger(f: FundingTest): Promise<void> {
  const rows = await ledger(f);
  const keys = new Set<string>();
  for (const r of rows) {
    const k = `${r.provider}\n${r.provider_id}`;
    assert.ok(!keys.has(k), `one row per provider id (${r.provider_id})`);
    keys.add(k);
    assert.ok(Number.isSafeInteger(Number(r.amount_minor)) && Number(r.amount_minor) >= 0, 'amounts are whole minor units');
  }
  const expected = new Map<string, { n: number; gross: number; refunded: number }>();
  for (const p of rows.filter((r) => r.entry === 'payment')) {
    const mine = rows.filter((r) => r.entry !== 'payment' && r.provider === p.provider && r.payment_id === p.provider_id);
    const refunded = mine.filter((r) => r.entry === 'refund' && r.currency === p.currency).reduce((s, r) => s + Number(r.amount_minor), 0);
    const reversed = mine.some((r) => r.entry === 'reversal');
    const amount = Number(p.amount_minor);
    assert.equal(Number(p.refunded_minor), refunded, `payment ${p.provider_id}: refunded sum follows its refunds`);
    const status = reversed ? 'reversed' : refunded >= amount ? 'refunded' : refunded > 0 ? 'partially_refunded' : 'completed';
    assert.equal(p.status, status, `payment ${p.provider_id}: status follows its refunds`);
    const key = `${p.campaign}\n${p.currency}`;
    const e = expected.get(key) ?? { n: 0, gross: 0, refunded: 0 };
    e.n++;
    e.gross += amount;
    e.refunded += reversed ? amount : Math.min(refunded, amount);
    expected.set(key, e);
  }
  const got = await totals(f.t.ctx.db);
  assert.deepEqual(
    got.map((x) => [x.campaign, x.currency, x.payments, x.grossMinor, x.refundedMinor, x.netMinor]),
    [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [...k.split('\n'), v.n, v.gross, v.refunded, v.gross - v.refunded]),
    'totals per campaign and currency equal the sum of the events',
  );
  for (const [k, v] of expected) {
    const [campaign, currency] = k.split('\n') as [string, string];
    assert.equal((await campaignProgress(f.t.ctx.db, campaign, currency)).raisedMinor, v.gross - v.refunded, `progress of ${campaign} in ${currency}`);
  }
}

/** The appeal's numbers as the article page shows them. */
export function raisedOn(html: string): number {
  const m = /data-raised-minor="(\d+)"/.exec(html);
  if (!m) throw new Error('no progress in the page');
  return Number(m[1]);
}

/** A funding app with its fakes for one test; the ledger invariant is checked after it, and everything closed. */
export async function withFundingApp(fn: (f: FundingTest) => Promise<void>, opts: Parameters<typeof fundingApp>[0] = {}): Promise<void> {
  const f = await fundingApp(opts);
  try {
    await fn(f);
    await checkLedger(f);
  } finally {
    await f.close();
  }
}
