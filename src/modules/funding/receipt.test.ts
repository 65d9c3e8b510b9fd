// The receipt goes through the mail queue and a real SMTP server (test/smtp.ts), only after the ledger write
// committed, once per payment; a webhook that fails to apply queues no mail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../test/db.js';
import { startSmtp } from '../../../test/smtp.js';
import { checkLedger, fundingApp, stripeWebhook, mails } from './testing.js';

test(`a confirmed donation's receipt is delivered over SMTP, once (${engineName})`, async () => {
  const smtp = await startSmtp();
  const f = await fundingApp({ config: { smtpUrl: smtp.url, mailFrom: 'News Desk <desk@news.test>' } });
  try {
    const ev = f.stripe.event('checkout.session.completed', { id: 'cs_mail_1', object: 'checkout.session', mode: 'payment', payment_status: 'paid', amount_total: 4200, currency: 'eur', payment_intent: 'pi_mail_1', client_reference_id: null, metadata: {}, customer_details: { email: 'reader@example.net', name: 'Rita Reader' } });
    assert.equal((await stripeWebhook(f, ev)).statusCode, 200);
    assert.equal(smtp.received.length, 0, 'nothing is sent while the provider waits for our answer');
    while ((await f.t.jobs.runDueJobs(f.t.ctx, 10)) > 0);
    const m = await smtp.waitFor((x) => x.to.includes('reader@example.net'));
    assert.equal(m.subject, 'Thank you for supporting Test Outlet');
    assert.match(m.text, /Dear Rita Reader,/);
    assert.match(m.text, /your donation of €42\.00 to Test Outlet/);
    assert.match(m.text, /Reference: pi_mail_1/);
    assert.match(m.headers.from ?? '', /desk@news\.test/);
    // The same event again, and a refund: no second receipt.
    await stripeWebhook(f, ev);
    await stripeWebhook(f, f.stripe.chargeRefunded({ paymentIntent: 'pi_mail_1', amount: 4200, amountRefunded: 4200, currency: 'EUR' }));
    while ((await f.t.jobs.runDueJobs(f.t.ctx, 10)) > 0);
    assert.equal(smtp.received.length, 1);
    // A payment without an address sends nothing.
    const anon = f.stripe.event('checkout.session.completed', { id: 'cs_mail_2', object: 'checkout.session', mode: 'payment', payment_status: 'paid', amount_total: 500, currency: 'eur', payment_intent: 'pi_mail_2', client_reference_id: null, metadata: {}, customer_details: null });
    await stripeWebhook(f, anon);
    assert.equal((await mails(f)).length, 1);
    await checkLedger(f);
  } finally {
    await f.close();
    await smtp.close();
  }
});
