// A fake of the parts of PayPal's REST API that Broadside uses, following PayPal's documentation:
//   POST /v1/oauth2/token                       client credentials (HTTP Basic) → a bearer token
//   POST /v2/checkout/orders                    create an order (PayPal-Request-Id makes a retry return the same)
//   GET  /checkoutnow?token=ID                  the page where the payer approves (a form; no script)
//   POST /checkoutnow/approve                   approve → 303 to the order's return_url?token=ID&PayerID=…
//   POST /v2/checkout/orders/:id/capture        capture an approved order (422 ORDER_ALREADY_CAPTURED on repeat)
//   GET  /v2/checkout/orders/:id                read an order
//   GET  /v1/notifications/certs/:name          the webhook-signing certificate (PEM)
// and webhooks signed as PayPal signs them: SHA256withRSA over "<transmission id>|<time>|<webhook id>|<crc32(body)>",
// with a certificate from a CA made here (tests trust that CA instead of the system's roots).
import { randomBytes, randomUUID, sign, webcrypto, createPrivateKey, type KeyObject } from 'node:crypto';
import { crc32 } from 'node:zlib';
// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { escapeHtml, post, startFake, type FakeRequest, type FakeResponse, type FakeServer } from './server.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

export interface Signer {
  certPem: string;
  key: KeyObject;
}

export interface TestPki {
  /** The root the app is told to trust. */
  rootPem: string;
  /** A leaf named messageverificationcerts.sandbox.paypal.com, issued by the root. */
  good: Signer;
  /** Issued by the root but named for someone else. */
  wrongName: Signer;
  /** Named for PayPal but issued by a CA nobody trusts. */
  untrusted: Signer;
}

async function keys() {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyObject(k: CryptoKey): Promise<KeyObject> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', k));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

async function selfSignedCa(name: string) {
  const k = await keys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 30 * 86_400_000),
    keys: k,
    signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, 1, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  return { cert, keys: k };
}

async function leaf(ca: { cert: x509.X509Certificate; keys: CryptoKeyPair }, cn: string): Promise<Signer> {
  const k = await keys();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject: `C=US, O=PayPal\\, Inc., OU=Test, CN=${cn}`,
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 30 * 86_400_000),
    publicKey: k.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return { certPem: cert.toString('pem'), key: await keyObject(k.privateKey) };
}

let pki: Promise<TestPki> | null = null;

/** One set of test certificates per process (RSA keys take a moment to make). */
export function testPki(): Promise<TestPki> {
  pki ??= (async () => {
    const root = await selfSignedCa('CN=Broadside Test Root CA, O=Broadside tests');
    const stranger = await selfSignedCa('CN=Untrusted CA, O=Nobody');
    return {
      rootPem: root.cert.toString('pem'),
      good: await leaf(root, 'messageverificationcerts.sandbox.paypal.com'),
      wrongName: await leaf(root, 'evil.example.com'),
      untrusted: await leaf(stranger, 'messageverificationcerts.sandbox.paypal.com'),
    };
  })();
  return pki;
}

interface Capture {
  id: string;
  status: string;
  amount: { currency_code: string; value: string };
  custom_id?: string;
  create_time: string;
  update_time: string;
}

interface Order {
  id: string;
  status: 'CREATED' | 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED';
  unit: { custom_id?: string; description?: string; amount: { currency_code: string; value: string } };
  returnUrl: string;
  cancelUrl: string;
  capture: Capture | null;
  requestId: string | null;
}

export interface FakePaypalOptions {
  clientId?: string;
  secret?: string;
  webhookId?: string;
  payer?: { given_name: string; surname: string; email_address: string };
}

export interface FakePaypal {
  base: string;
  clientId: string;
  secret: string;
  webhookId: string;
  pki: TestPki;
  orders: Map<string, Order>;
  /** Count of calls by "METHOD path-pattern". */
  calls: Map<string, number>;
  /** Where captures and refunds are sent as webhooks when autoWebhooks is on (the Chromium test). */
  webhookUrl: string | null;
  autoWebhooks: boolean;
  /** A PayPal event document. */
  event(type: string, resource: object, id?: string): object;
  captureCompleted(c: { id?: string; value: string; currency: string; customId?: string; status?: string }): object;
  refunded(c: { captureId: string; id?: string; value: string; currency: string }): object;
  reversed(c: { captureId: string; id?: string; value: string; currency: string }): object;
  /** The headers PayPal would send with this body. */
  sign(body: string, opts?: { signer?: Signer; webhookId?: string; transmissionId?: string; time?: string; certUrl?: string }): Record<string, string>;
  /** Posts a signed event to a URL (the app listening). */
  deliver(url: string, event: object, opts?: Parameters<FakePaypal['sign']>[1]): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startFakePaypal(opts: FakePaypalOptions = {}): Promise<FakePaypal> {
  const clientId = opts.clientId ?? 'AfakeClientId0123456789';
  const secret = opts.secret ?? `EfakeSecret${randomBytes(8).toString('hex')}`;
  const webhookId = opts.webhookId ?? '8PT597110X687430LKGECATA';
  const payer = opts.payer ?? { given_name: 'Ada', surname: 'Donor', email_address: 'ada.donor@example.net' };
  const p = await testPki();
  const tokens = new Set<string>();
  const orders = new Map<string, Order>();
  const byRequestId = new Map<string, string>();
  const calls = new Map<string, number>();
  const certs = new Map<string, string>([['CERT-good', p.good.certPem], ['CERT-wrongname', p.wrongName.certPem], ['CERT-untrusted', p.untrusted.certPem]]);
  let server: FakeServer;
  const id = (prefix = '') => prefix + randomBytes(9).toString('hex').toUpperCase().slice(0, 17);
  const count = (k: string) => calls.set(k, (calls.get(k) ?? 0) + 1);
  const json = (status: number, body: object): FakeResponse => ({ status, body });
  const issue = (status: number, name: string, issueCode: string): FakeResponse => json(status, { name, message: issueCode, debug_id: id(), details: [{ issue: issueCode, description: issueCode }] });

  function authorized(r: FakeRequest): boolean {
    const h = r.headers.authorization ?? '';
    return h.startsWith('Bearer ') && tokens.has(h.slice(7));
  }

  function orderView(o: Order): object {
    const links: object[] = [{ href: `${server.base}/v2/checkout/orders/${o.id}`, rel: 'self', method: 'GET' }];
    if (o.status === 'PAYER_ACTION_REQUIRED') links.push({ href: `${server.base}/checkoutnow?token=${o.id}`, rel: 'payer-action', method: 'GET' });
    if (o.status === 'APPROVED') links.push({ href: `${server.base}/v2/checkout/orders/${o.id}/capture`, rel: 'capture', method: 'POST' });
    return {
      id: o.id,
      intent: 'CAPTURE',
      status: o.status,
      ...(o.status === 'APPROVED' || o.status === 'COMPLETED' ? { payer: { name: { given_name: payer.given_name, surname: payer.surname }, email_address: payer.email_address, payer_id: 'PAYERFAKE01' } } : {}),
      purchase_units: [{ reference_id: 'donation', ...o.unit, ...(o.capture ? { payments: { captures: [captureView(o.capture, o.id)] } } : {}) }],
      links,
    };
  }

  function captureView(c: Capture, orderId?: string) {
    return {
      ...c,
      final_capture: true,
      seller_protection: { status: 'ELIGIBLE' },
      ...(orderId ? { supplementary_data: { related_ids: { order_id: orderId } } } : {}),
      links: [
        { href: `${server.base}/v2/payments/captures/${c.id}`, rel: 'self', method: 'GET' },
        { href: `${server.base}/v2/payments/captures/${c.id}/refund`, rel: 'refund', method: 'POST' },
        ...(orderId ? [{ href: `${server.base}/v2/checkout/orders/${orderId}`, rel: 'up', method: 'GET' }] : []),
      ],
    };
  }

  const fake: FakePaypal = {
    base: '',
    clientId,
    secret,
    webhookId,
    pki: p,
    orders,
    calls,
    webhookUrl: null,
    autoWebhooks: false,
    event(type, resource, eventId) {
      return { id: eventId ?? `WH-${id()}-${id()}`, event_version: '1.0', create_time: new Date().toISOString(), resource_type: type.includes('REFUND') ? 'refund' : 'capture', resource_version: '2.0', event_type: type, summary: type, resource, links: [] };
    },
    captureCompleted(c) {
      const now = new Date().toISOString();
      const cap: Capture = { id: c.id ?? id(), status: c.status ?? 'COMPLETED', amount: { currency_code: c.currency, value: c.value }, ...(c.customId ? { custom_id: c.customId } : {}), create_time: now, update_time: now };
      return fake.event('PAYMENT.CAPTURE.COMPLETED', captureView(cap));
    },
    refunded(c) {
      const now = new Date().toISOString();
      return fake.event('PAYMENT.CAPTURE.REFUNDED', {
        id: c.id ?? id(),
        status: 'COMPLETED',
        amount: { currency_code: c.currency, value: c.value },
        create_time: now,
        update_time: now,
        links: [
          { href: `${server.base}/v2/payments/refunds/${c.id}`, rel: 'self', method: 'GET' },
          { href: `${server.base}/v2/payments/captures/${c.captureId}`, rel: 'up', method: 'GET' },
        ],
      });
    },
    reversed(c) {
      const now = new Date().toISOString();
      return fake.event('PAYMENT.CAPTURE.REVERSED', {
        id: c.id ?? id(),
        status: 'COMPLETED',
        amount: { currency_code: c.currency, value: c.value },
        note_to_payer: 'Payment reversed',
        create_time: now,
        update_time: now,
        links: [{ href: `${server.base}/v2/payments/captures/${c.captureId}`, rel: 'up', method: 'GET' }],
      });
    },
    sign(body, o = {}) {
      const signer = o.signer ?? p.good;
      const transmissionId = o.transmissionId ?? randomUUID();
      const time = o.time ?? new Date().toISOString();
      const message = `${transmissionId}|${time}|${o.webhookId ?? webhookId}|${crc32(Buffer.from(body)) >>> 0}`;
      const certName = signer === p.good ? 'CERT-good' : signer === p.wrongName ? 'CERT-wrongname' : 'CERT-untrusted';
      return {
        'content-type': 'application/json',
        'paypal-transmission-id': transmissionId,
        'paypal-transmission-time': time,
        'paypal-transmission-sig': sign('sha256', Buffer.from(message), signer.key).toString('base64'),
        'paypal-cert-url': o.certUrl ?? `${server.base}/v1/notifications/certs/${certName}`,
        'paypal-auth-algo': 'SHA256withRSA',
      };
    },
    deliver(url, event, o) {
      const body = JSON.stringify(event);
      return post(url, body, fake.sign(body, o));
    },
    close: () => server.close(),
  };

  server = await startFake(async (r) => {
    const path = r.path;
    if (r.method === 'POST' && path === '/v1/oauth2/token') {
      count('POST /v1/oauth2/token');
      const want = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
      if (r.headers.authorization !== want) return json(401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
      if (new URLSearchParams(r.body.toString()).get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
      const t = `A21AA${randomBytes(16).toString('hex')}`;
      tokens.add(t);
      return json(200, { scope: 'https://uri.paypal.com/services/payments/payment', access_token: t, token_type: 'Bearer', app_id: 'APP-FAKE', expires_in: 32400, nonce: id() });
    }
    if (r.method === 'POST' && path === '/v2/checkout/orders') {
      count('POST /v2/checkout/orders');
      if (!authorized(r)) return json(401, { name: 'AUTHENTICATION_FAILURE', message: 'Authentication failed due to invalid authentication credentials or a missing Authorization header.' });
      const requestId = (r.headers['paypal-request-id'] as string | undefined) ?? null;
      if (requestId && byRequestId.has(requestId)) return json(200, orderView(orders.get(byRequestId.get(requestId)!)!));
      let b: any;
      try {
        b = JSON.parse(r.body.toString());
      } catch {
        return issue(400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON');
      }
      const unit = b?.purchase_units?.[0];
      const ctxp = b?.payment_source?.paypal?.experience_context;
      if (b?.intent !== 'CAPTURE' || !unit?.amount?.currency_code || !/^\d+(\.\d{1,2})?$/.test(unit.amount.value ?? '')) return issue(422, 'UNPROCESSABLE_ENTITY', 'INVALID_PARAMETER_VALUE');
      if (unit.amount.currency_code === 'JPY' && unit.amount.value.includes('.')) return issue(422, 'UNPROCESSABLE_ENTITY', 'DECIMAL_PRECISION');
      if (!ctxp?.return_url || !ctxp?.cancel_url) return issue(422, 'UNPROCESSABLE_ENTITY', 'MISSING_REQUIRED_PARAMETER');
      const o: Order = { id: id(), status: 'PAYER_ACTION_REQUIRED', unit: { custom_id: unit.custom_id, description: unit.description, amount: unit.amount }, returnUrl: ctxp.return_url, cancelUrl: ctxp.cancel_url, capture: null, requestId };
      orders.set(o.id, o);
      if (requestId) byRequestId.set(requestId, o.id);
      return json(200, orderView(o));
    }
    if (r.method === 'GET' && path === '/checkoutnow') {
      const o = orders.get(r.query.get('token') ?? '');
      if (!o) return { status: 404, body: '<!doctype html><title>Not found</title><p>No such order.</p>' };
      return {
        status: 200,
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake PayPal – approve</title></head><body>
<h1>Pay ${escapeHtml(o.unit.amount.value)} ${escapeHtml(o.unit.amount.currency_code)}</h1><p>${escapeHtml(o.unit.description ?? '')}</p>
<form method="post" action="/checkoutnow/approve"><input type="hidden" name="token" value="${escapeHtml(o.id)}"><button type="submit" id="approve">Pay now</button></form>
<p><a id="cancel" href="${escapeHtml(o.cancelUrl)}?token=${escapeHtml(o.id)}">Cancel and return</a></p></body></html>`,
      };
    }
    if (r.method === 'POST' && path === '/checkoutnow/approve') {
      const o = orders.get(new URLSearchParams(r.body.toString()).get('token') ?? '');
      if (!o) return { status: 404, body: 'No such order.' };
      if (o.status === 'PAYER_ACTION_REQUIRED') o.status = 'APPROVED';
      return { status: 303, headers: { location: `${o.returnUrl}?token=${o.id}&PayerID=PAYERFAKE01` }, body: '' };
    }
    let m = /^\/v2\/checkout\/orders\/([A-Z0-9]+)\/capture$/.exec(path);
    if (r.method === 'POST' && m) {
      count('POST /v2/checkout/orders/:id/capture');
      if (!authorized(r)) return json(401, { name: 'AUTHENTICATION_FAILURE', message: 'Authentication failed.' });
      const o = orders.get(m[1]!);
      if (!o) return issue(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      if (o.status === 'COMPLETED') return issue(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_CAPTURED');
      if (o.status !== 'APPROVED') return issue(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED');
      const now = new Date().toISOString();
      o.capture = { id: id(), status: 'COMPLETED', amount: o.unit.amount, ...(o.unit.custom_id ? { custom_id: o.unit.custom_id } : {}), create_time: now, update_time: now };
      o.status = 'COMPLETED';
      if (fake.autoWebhooks && fake.webhookUrl) {
        const url = fake.webhookUrl;
        const ev = fake.event('PAYMENT.CAPTURE.COMPLETED', captureView(o.capture, o.id));
        setTimeout(() => void fake.deliver(url, ev).catch(() => undefined), 50);
      }
      return json(201, orderView(o));
    }
    m = /^\/v2\/checkout\/orders\/([A-Z0-9]+)$/.exec(path);
    if (r.method === 'GET' && m) {
      if (!authorized(r)) return json(401, { name: 'AUTHENTICATION_FAILURE', message: 'Authentication failed.' });
      const o = orders.get(m[1]!);
      return o ? json(200, orderView(o)) : issue(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
    }
    m = /^\/v1\/notifications\/certs\/([A-Za-z0-9-]+)$/.exec(path);
    if (r.method === 'GET' && m) {
      count('GET /v1/notifications/certs');
      const pem = certs.get(m[1]!);
      return pem ? { status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: pem } : { status: 404, body: 'no such certificate' };
    }
    return json(404, { name: 'RESOURCE_NOT_FOUND', message: `${r.method} ${path}` });
  });
  fake.base = server.base;
  return fake;
}
