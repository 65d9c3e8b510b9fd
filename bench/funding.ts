// `npm run bench:funding`: 500 webhook deliveries (20% of them repeats) sent at once, on loopback (127.0.0.1 only),
// to the real app in a child process (bench/app-server.ts, as `serve` builds it) over a fresh database (SQLite in a
// temp dir, or DATABASE_URL). The deliveries are PayPal captures (signed with a test certificate; the app trusts
// the test root through BROADSIDE_PAYPAL_ROOTS_FILE), Stripe checkout.session.completed and charge.refunded
// events, each signed as its provider signs it. Target: all applied in under 5 s, with the ledger exactly right:
// every unique payment once, every repeat answered as a duplicate, totals equal to the sum worked out here.
// Prints PASS/FAIL and a JSON summary; exits 0 whether or not the target is met (1 if it could not run).
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'node:http';
import { createTestDb } from '../test/db.js';
import { startFakePaypal } from '../test/fakes/paypal.js';
import { startFakeStripe } from '../test/fakes/stripe.js';
import { plainCtx } from '../src/platform/context/index.js';
import { saveFundingSettings, totals } from '../src/modules/funding/index.js';
import { forkScript, stop, stopAll, waitMessage, type Started } from './children.js';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const TOTAL = 500;
const DUPLICATE_SHARE = 0.2;
const TARGET_MS = 5000;
const log = (s: string) => process.stdout.write(`${s}\n`);

interface Delivery {
  path: string;
  headers: Record<string, string>;
  body: string;
  key: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

function send(port: number, d: Delivery): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: d.path, agent, headers: { ...d.headers, 'content-length': Buffer.byteLength(d.body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(d.body);
  });
}

async function main(): Promise<void> {
  const work = join(tmpdir(), `broadside-bench-funding-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const db = await createTestDb();
  const [paypal, stripe] = await Promise.all([startFakePaypal(), startFakeStripe()]);
  let server: Started | null = null;
  try {
    await saveFundingSettings(plainCtx(db.db, db.engine), { paypal: { mode: 'api' }, stripe: { enabled: true }, campaign: { slug: 'bench', currency: 'EUR', goal: '100000' } });
    const rootsFile = join(work, 'roots.pem');
    writeFileSync(rootsFile, paypal.pki.rootPem);

    // 400 unique deliveries: 240 PayPal captures, 120 Stripe payments, 40 Stripe refunds of some of them.
    const unique: Delivery[] = [];
    const expected = { payments: 0, gross: 0, refunded: 0 };
    const paypalD = (event: object): Delivery => {
      const body = JSON.stringify(event);
      return { path: '/webhooks/paypal', headers: paypal.sign(body), body, key: (event as { id: string }).id };
    };
    const stripeD = (event: Record<string, unknown>): Delivery => {
      const body = JSON.stringify(event);
      return { path: '/webhooks/stripe', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': stripe.sign(body) }, body, key: event.id as string };
    };
    for (let i = 0; i < 240; i++) {
      const cents = 500 + ((i * 37) % 5000);
      unique.push(paypalD(paypal.captureCompleted({ id: `BENCHCAP${String(i).padStart(8, '0')}`, value: (cents / 100).toFixed(2), currency: 'EUR' })));
      expected.payments++;
      expected.gross += cents;
    }
    const intents: { pi: string; amount: number }[] = [];
    for (let i = 0; i < 120; i++) {
      const amount = 1000 + ((i * 53) % 4000);
      const pi = `pi_bench_${String(i).padStart(6, '0')}`;
      intents.push({ pi, amount });
      unique.push(stripeD(stripe.event('checkout.session.completed', { id: `cs_bench_${i}`, object: 'checkout.session', mode: 'payment', payment_status: 'paid', status: 'complete', amount_total: amount, currency: 'eur', payment_intent: pi, client_reference_id: null, metadata: {}, customer_details: { email: `donor${i}@example.net`, name: `Donor ${i}` } })));
      expected.payments++;
      expected.gross += amount;
    }
    for (let i = 0; i < 40; i++) {
      const { pi, amount } = intents[i * 3]!;
      const refunded = i % 2 === 0 ? amount : Math.floor(amount / 2);
      unique.push(stripeD(stripe.chargeRefunded({ paymentIntent: pi, charge: `ch_bench_${i}`, amount, amountRefunded: refunded, currency: 'EUR' })));
      expected.refunded += refunded;
    }
    const dupCount = Math.round(TOTAL * DUPLICATE_SHARE);
    const deliveries = [...unique];
    for (let i = 0; i < dupCount; i++) deliveries.push(unique[(i * 7) % unique.length]!);
    // A fixed shuffle, so refunds land before, among and after their payments.
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = (i * 7919 + 13) % (i + 1);
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BROADSIDE_DATA_DIR: db.dataDir,
      LOG_LEVEL: 'warn',
      BROADSIDE_PAYPAL_CLIENT_ID: paypal.clientId,
      BROADSIDE_PAYPAL_SECRET: paypal.secret,
      BROADSIDE_PAYPAL_WEBHOOK_ID: paypal.webhookId,
      BROADSIDE_PAYPAL_API_URL: paypal.base,
      BROADSIDE_PAYPAL_ROOTS_FILE: rootsFile,
      BROADSIDE_STRIPE_SECRET_KEY: stripe.secretKey,
      BROADSIDE_STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      BROADSIDE_STRIPE_API_URL: stripe.base,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    };
    server = forkScript(join(HERE, 'app-server.js'), env, join(work, 'app.log'), 'app');
    const { port } = await waitMessage<{ type: string; port: number }>(server.child, 'listening', 30_000);

    // One delivery first, so the certificate fetch and the Stripe package's load are not in the timing (a live
    // site has done both long before).
    const warm = stripeD(stripe.event('customer.created', { id: 'cus_warm', object: 'customer' }));
    await send(port, warm);
    await send(port, paypalD(paypal.event('CUSTOMER.DISPUTE.CREATED', { id: 'warm' })));

    const t0 = performance.now();
    const answers = await Promise.all(deliveries.map((d) => send(port, d)));
    const ms = performance.now() - t0;

    const statuses = new Map<number, number>();
    let duplicates = 0;
    for (const a of answers) {
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      if (a.status === 200 && JSON.parse(a.body).duplicate) duplicates++;
    }
    const got = await totals(db.db);
    const bench = got.find((t) => t.campaign === 'bench' && t.currency === 'EUR');
    const eventRows = await db.db.selectFrom('funding_webhook_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const checks = {
      allAnswered200: (statuses.get(200) ?? 0) === deliveries.length,
      duplicatesSeen: duplicates === dupCount,
      paymentsOnce: bench?.payments === expected.payments,
      gross: bench?.grossMinor === expected.gross,
      refunded: bench?.refundedMinor === expected.refunded,
      eventsOnce: Number(eventRows?.n) === unique.length + 2,
    };
    const exact = Object.values(checks).every(Boolean);
    const pass = exact && ms < TARGET_MS;
    log(`engine ${db.engine}: ${deliveries.length} deliveries (${dupCount} repeats) at once in ${ms.toFixed(0)} ms — target < ${TARGET_MS} ms with the ledger exact`);
    log(`ledger: ${bench?.payments} payments, gross ${bench?.grossMinor}, refunded ${bench?.refundedMinor}, net ${bench?.netMinor} (expected ${expected.payments}, ${expected.gross}, ${expected.refunded})`);
    log(`${pass ? 'PASS' : 'FAIL'} ${JSON.stringify(checks)}`);
    log(JSON.stringify({ bench: 'funding', engine: db.engine, deliveries: deliveries.length, repeats: dupCount, ms: Math.round(ms), perSecond: Math.round((deliveries.length / ms) * 1000), statuses: Object.fromEntries(statuses), checks, pass }));
  } finally {
    if (server) await stop(server);
    await stopAll();
    await paypal.close();
    await stripe.close();
    await db.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
