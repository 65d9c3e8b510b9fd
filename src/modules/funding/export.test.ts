// exportLedger: every ledger row as plain JSON (for the site export), and the funding environment variables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineName } from '../../../test/db.js';
import { loadConfig, ConfigError } from '../../config.js';
import { exportLedger } from './index.js';
import { checkLedger, fundingApp, paypalWebhook } from './testing.js';

test(`exportLedger gives every row, payments and refunds, as plain JSON (${engineName})`, async () => {
  const f = await fundingApp();
  try {
    await paypalWebhook(f, f.paypal.captureCompleted({ id: 'CAPEXPORT0000001', value: '9.99', currency: 'USD' }));
    await paypalWebhook(f, f.paypal.refunded({ captureId: 'CAPEXPORT0000001', id: 'REFEXPORT000001', value: '1.00', currency: 'USD' }));
    const rows = await exportLedger(f.t.ctx);
    assert.equal(rows.length, 2);
    assert.deepEqual(JSON.parse(JSON.stringify(rows)), rows, 'plain JSON, nothing lost in a round trip');
    const [p, r] = rows;
    assert.equal(p!.entry, 'payment');
    assert.equal(p!.amountMinor, 999);
    assert.equal(p!.refundedMinor, 100);
    assert.equal(p!.netMinor, 899);
    assert.equal(p!.status, 'partially_refunded');
    assert.equal(r!.entry, 'refund');
    assert.equal(r!.paymentId, 'CAPEXPORT0000001');
    await checkLedger(f);
  } finally {
    await f.close();
  }
});

test('funding keys come from the environment; bad values are reported one line each', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadside-roots-'));
  try {
    writeFileSync(join(dir, 'roots.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writeFileSync(join(dir, 'empty.pem'), 'nothing here');
    const c = loadConfig({ BROADSIDE_PAYPAL_CLIENT_ID: 'id', BROADSIDE_PAYPAL_SECRET: 's', BROADSIDE_PAYPAL_API_URL: 'https://api-m.sandbox.paypal.com/', BROADSIDE_PAYPAL_ROOTS_FILE: join(dir, 'roots.pem'), BROADSIDE_STRIPE_SECRET_KEY: 'sk_test_1' });
    assert.equal(c.funding.paypalApiUrl, 'https://api-m.sandbox.paypal.com');
    assert.match(c.funding.paypalRootsPem!, /BEGIN CERTIFICATE/);
    assert.equal(c.funding.stripeSecretKey, 'sk_test_1');
    assert.equal(c.funding.patreonWebhookSecret, null);
    assert.throws(
      () => loadConfig({ BROADSIDE_PAYPAL_API_URL: 'ftp://x', BROADSIDE_STRIPE_API_URL: 'not a url', BROADSIDE_PAYPAL_ROOTS_FILE: join(dir, 'empty.pem') }),
      (err: unknown) => err instanceof ConfigError && err.problems.length === 3 && /holds none/.test(err.problems[0]!) && /BROADSIDE_PAYPAL_API_URL/.test(err.problems[1]!) && /BROADSIDE_STRIPE_API_URL/.test(err.problems[2]!),
    );
    assert.throws(() => loadConfig({ BROADSIDE_PAYPAL_ROOTS_FILE: join(dir, 'missing.pem') }), /could not be read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
