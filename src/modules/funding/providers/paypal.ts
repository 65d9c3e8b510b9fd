// PayPal over its REST API: an OAuth token (client credentials), Orders v2 (create, capture, read), and webhooks
// verified as PayPal documents for checking without calling back: the signature (SHA256withRSA) is over
// "<transmission id>|<transmission time>|<webhook id>|<CRC32 of the raw body, as a decimal>", made with the key of
// the certificate at PAYPAL-CERT-URL. That certificate must chain to a trusted root, be in date, and name PayPal's
// message-verification host as its subject; it is fetched only from PayPal's API host and kept once verified.
import { X509Certificate, verify as verifySignature } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { crc32 } from 'node:zlib';
import type { PaypalConfig } from '../settings.js';
import { WebhookRefused, type MoneyFact, type PaymentFact, type ProviderEvent } from '../facts.js';
import { isCurrency, parseAmount, toDecimal } from '../money.js';
import { callJson, isObject, ProviderError, str } from './http.js';

/** The subject common names of PayPal's webhook-signing certificates (live and sandbox). */
export const PAYPAL_CERT_NAMES = ['messageverificationcerts.paypal.com', 'messageverificationcerts.sandbox.paypal.com'];
/** Hosts PayPal serves those certificates from, besides the configured API host. */
const PAYPAL_CERT_HOSTS = ['api.paypal.com', 'api-m.paypal.com', 'api.sandbox.paypal.com', 'api-m.sandbox.paypal.com'];

// ---- API ------------------------------------------------------------------------------------------------------------

const tokens = new Map<string, { token: string; until: number }>();

async function accessToken(cfg: PaypalConfig): Promise<string> {
  const key = `${cfg.apiUrl}\n${cfg.clientId}\n${cfg.secret}`;
  const cached = tokens.get(key);
  if (cached && cached.until > Date.now()) return cached.token;
  const r = await callJson('PayPal', `${cfg.apiUrl}/v1/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${cfg.clientId}:${cfg.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: 'grant_type=client_credentials',
  });
  const b = r.body;
  if (r.status !== 200 || !isObject(b) || !str(b.access_token)) {
    throw new ProviderError('PayPal', r.status === 401 ? 'PayPal refused our keys, so no payment could be started. The site’s PayPal settings need attention.' : 'PayPal could not start the payment, so nothing was charged. Try again in a few minutes.', r.status);
  }
  const life = typeof b.expires_in === 'number' ? b.expires_in : 300;
  tokens.set(key, { token: b.access_token as string, until: Date.now() + Math.max(0, life - 60) * 1000 });
  return b.access_token as string;
}

async function api(cfg: PaypalConfig, method: 'GET' | 'POST', path: string, body?: unknown, requestId?: string) {
  const token = await accessToken(cfg);
  return callJson('PayPal', `${cfg.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      // PayPal's idempotency key: a retried create or capture returns the first answer instead of acting twice.
      ...(requestId ? { 'paypal-request-id': requestId } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

export interface NewOrder {
  checkout: string;
  amountMinor: number;
  currency: string;
  description: string;
  brandName: string;
  returnUrl: string;
  cancelUrl: string;
}

/** Creates an order; returns its id and the address where the reader approves it. */
export async function createOrder(cfg: PaypalConfig, o: NewOrder): Promise<{ id: string; approveUrl: string }> {
  const r = await api(
    cfg,
    'POST',
    '/v2/checkout/orders',
    {
      intent: 'CAPTURE',
      purchase_units: [{ reference_id: 'donation', custom_id: o.checkout, description: o.description.slice(0, 127), amount: { currency_code: o.currency, value: toDecimal(o.amountMinor, o.currency) } }],
      payment_source: {
        paypal: { experience_context: { brand_name: o.brandName.slice(0, 127), user_action: 'PAY_NOW', shipping_preference: 'NO_SHIPPING', return_url: o.returnUrl, cancel_url: o.cancelUrl } },
      },
    },
    `order-${o.checkout}`,
  );
  const b = r.body;
  const link = isObject(b) && Array.isArray(b.links) ? (b.links as unknown[]).find((l) => isObject(l) && (l.rel === 'payer-action' || l.rel === 'approve')) : null;
  if ((r.status !== 200 && r.status !== 201) || !isObject(b) || !str(b.id) || !isObject(link) || !str(link.href)) {
    throw new ProviderError('PayPal', issueMessage(b) ?? 'PayPal could not start the payment, so nothing was charged. Try again in a few minutes.', r.status);
  }
  return { id: b.id as string, approveUrl: link.href as string };
}

function issueMessage(b: unknown): string | null {
  if (!isObject(b) || !Array.isArray(b.details)) return null;
  const issue = (b.details as unknown[]).find(isObject);
  if (issue && issue.issue === 'CURRENCY_NOT_SUPPORTED') return 'PayPal does not take that currency for this account. Choose another currency.';
  return null;
}

export interface Captured {
  /** COMPLETED when money moved; PENDING when PayPal is still checking (a webhook brings the end). */
  status: string;
  facts: PaymentFact[];
}

/** Captures an approved order (after the reader comes back); an order already captured is read instead. */
export async function captureOrder(cfg: PaypalConfig, orderId: string): Promise<Captured> {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(orderId)) throw new WebhookRefused('That is not a PayPal order id.');
  let r = await api(cfg, 'POST', `/v2/checkout/orders/${orderId}/capture`, {}, `capture-${orderId}`);
  if (r.status === 422 && hasIssue(r.body, 'ORDER_ALREADY_CAPTURED')) r = await api(cfg, 'GET', `/v2/checkout/orders/${orderId}`);
  if (r.status === 422 && hasIssue(r.body, 'INSTRUMENT_DECLINED')) {
    throw new ProviderError('PayPal', 'PayPal declined the payment method, so nothing was charged. Go back and choose another way to pay.', 422, 'INSTRUMENT_DECLINED');
  }
  if ((r.status !== 200 && r.status !== 201) || !isObject(r.body)) throw new ProviderError('PayPal', 'PayPal could not confirm the payment. If you were charged, it will show here within minutes; otherwise try again.', r.status);
  return capturesOf(r.body);
}

function hasIssue(b: unknown, issue: string): boolean {
  return isObject(b) && Array.isArray(b.details) && (b.details as unknown[]).some((d) => isObject(d) && d.issue === issue);
}

/** The completed captures in an order as payments, with the payer's name and address. */
export function capturesOf(order: Record<string, unknown>): Captured {
  const payer = isObject(order.payer) ? order.payer : {};
  const name = isObject(payer.name) ? [str(payer.name.given_name), str(payer.name.surname)].filter(Boolean).join(' ') : '';
  const email = str(payer.email_address) ?? '';
  const facts: PaymentFact[] = [];
  let status = str(order.status) ?? 'UNKNOWN';
  for (const unit of Array.isArray(order.purchase_units) ? order.purchase_units : []) {
    const caps = isObject(unit) && isObject(unit.payments) && Array.isArray(unit.payments.captures) ? unit.payments.captures : [];
    for (const cap of caps) {
      if (!isObject(cap)) continue;
      if (cap.status !== 'COMPLETED') {
        status = str(cap.status) ?? status;
        continue;
      }
      facts.push({ ...captureFact(cap), donorName: name, donorEmail: email });
    }
  }
  return { status, facts };
}

function money(amount: unknown): { minor: number; currency: string } {
  if (!isObject(amount) || !isCurrency(amount.currency_code) || typeof amount.value !== 'string') throw new WebhookRefused('The amount is missing or not in PayPal’s form.');
  const neg = amount.value.startsWith('-');
  const minor = parseAmount(neg ? amount.value.slice(1) : amount.value, amount.currency_code);
  if (minor === null) throw new WebhookRefused(`The amount "${amount.value.slice(0, 30)}" is not a valid ${amount.currency_code} amount.`);
  return { minor, currency: amount.currency_code };
}

function when(...candidates: unknown[]): string {
  for (const c of candidates) if (typeof c === 'string' && !Number.isNaN(Date.parse(c))) return new Date(Date.parse(c)).toISOString();
  return new Date().toISOString();
}

function captureFact(cap: Record<string, unknown>): PaymentFact {
  const id = str(cap.id);
  if (!id || id.length > 64) throw new WebhookRefused('The capture has no id.');
  const m = money(cap.amount);
  return { type: 'payment', provider: 'paypal', providerId: id, kind: 'one_off', amountMinor: m.minor, currency: m.currency, occurredAt: when(cap.create_time, cap.update_time), checkout: str(cap.custom_id) };
}

// ---- Webhooks ---------------------------------------------------------------------------------------------------------

/** A PayPal event's meaning: payments, refunds and reversals of captures; other types are ignored (and noted). */
export function parsePaypalEvent(raw: Buffer): ProviderEvent {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new WebhookRefused('The body is not JSON.');
  }
  if (!isObject(body) || !str(body.id) || !str(body.event_type)) throw new WebhookRefused('The body is not a PayPal event (no id or event_type).');
  const eventId = (body.id as string).slice(0, 100);
  const eventType = body.event_type as string;
  const base = { provider: 'paypal' as const, eventId, eventType };
  const handled = ['PAYMENT.CAPTURE.COMPLETED', 'PAYMENT.CAPTURE.REFUNDED', 'PAYMENT.CAPTURE.REVERSED'];
  if (!handled.includes(eventType)) return { ...base, facts: [], outcome: 'ignored', note: `PayPal event type ${eventType.slice(0, 80)} is not one we handle.` };
  const res = body.resource;
  if (!isObject(res)) throw new WebhookRefused('The event has no resource.');
  const at = when(res.update_time, res.create_time, body.create_time);
  if (eventType === 'PAYMENT.CAPTURE.COMPLETED') {
    if (res.status !== 'COMPLETED') return { ...base, facts: [], outcome: 'noted', note: `The capture is ${String(res.status).slice(0, 40)}, not completed.` };
    return { ...base, facts: [captureFact(res)], outcome: 'applied' };
  }
  // A refund (or a reversal's refund-like record) names its capture in the link with rel "up"; a reversal sent as
  // the capture itself is its own payment.
  const up = Array.isArray(res.links) ? (res.links as unknown[]).find((l) => isObject(l) && l.rel === 'up' && typeof l.href === 'string' && /\/v2\/payments\/captures\/[^/]+$/.test(l.href)) : null;
  const captureId = isObject(up) ? decodeURIComponent((up.href as string).split('/').pop()!) : null;
  const id = str(res.id);
  if (!id) throw new WebhookRefused('The event’s resource has no id.');
  const m = money(res.amount);
  if (eventType === 'PAYMENT.CAPTURE.REFUNDED') {
    if (!captureId) return { ...base, facts: [], outcome: 'noted', note: 'The refund does not say which capture it belongs to.' };
    if (res.status !== undefined && res.status !== 'COMPLETED') return { ...base, facts: [], outcome: 'noted', note: `The refund is ${String(res.status).slice(0, 40)}, not completed.` };
    return { ...base, facts: [{ type: 'refund', provider: 'paypal', providerId: id, paymentId: captureId, amountMinor: m.minor, currency: m.currency, occurredAt: at }], outcome: 'applied' };
  }
  const paymentId = captureId ?? id;
  const fact: MoneyFact = { type: 'reversal', provider: 'paypal', providerId: captureId ? id : `${id}:reversal`, paymentId, amountMinor: m.minor, currency: m.currency, occurredAt: at };
  return { ...base, facts: [fact], outcome: 'applied' };
}

export interface PaypalHeaders {
  transmissionId: string;
  transmissionTime: string;
  transmissionSig: string;
  certUrl: string;
  authAlgo: string;
}

export function paypalHeaders(h: Record<string, string | string[] | undefined>): PaypalHeaders {
  const one = (k: string) => {
    const v = h[k];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  return {
    transmissionId: one('paypal-transmission-id'),
    transmissionTime: one('paypal-transmission-time'),
    transmissionSig: one('paypal-transmission-sig'),
    certUrl: one('paypal-cert-url'),
    authAlgo: one('paypal-auth-algo'),
  };
}

/** The signed message: transmission id, time, our webhook id and the body's CRC32, joined by "|". */
export function signedMessage(h: Pick<PaypalHeaders, 'transmissionId' | 'transmissionTime'>, webhookId: string, raw: Buffer): string {
  return `${h.transmissionId}|${h.transmissionTime}|${webhookId}|${crc32(raw) >>> 0}`;
}

/** Throws WebhookRefused unless the delivery is signed by PayPal's certificate for our webhook id. */
export async function verifyPaypalWebhook(cfg: PaypalConfig, headers: PaypalHeaders, raw: Buffer, now = new Date()): Promise<void> {
  if (!cfg.webhookId) throw new WebhookRefused('PayPal webhooks are not set up on this site (no webhook id).', 503);
  const { transmissionId, transmissionTime, transmissionSig, certUrl, authAlgo } = headers;
  if (!transmissionId || !transmissionTime || !transmissionSig || !certUrl) throw new WebhookRefused('The PayPal signature headers are missing.');
  if (authAlgo !== 'SHA256withRSA') throw new WebhookRefused(`The signature algorithm "${authAlgo.slice(0, 40)}" is not the one PayPal uses (SHA256withRSA).`);
  if (transmissionId.length > 100 || transmissionTime.length > 100 || transmissionSig.length > 2000) throw new WebhookRefused('The PayPal signature headers are too long.');
  const leaf = await certificateFor(cfg, certUrl, now);
  const ok = verifySignature('sha256', Buffer.from(signedMessage(headers, cfg.webhookId, raw)), leaf.publicKey, Buffer.from(transmissionSig, 'base64'));
  if (!ok) throw new WebhookRefused('The PayPal signature does not match this body.');
}

// Verified certificates by address: the fetch and the chain check happen once per certificate, not per delivery.
const verified = new Map<string, Promise<X509Certificate>>();
const MAX_KEPT = 32;

function allowedCertUrl(cfg: PaypalConfig, certUrl: string): boolean {
  let u: URL;
  try {
    u = new URL(certUrl);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.origin === new URL(cfg.apiUrl).origin) return true;
  return u.protocol === 'https:' && PAYPAL_CERT_HOSTS.includes(u.hostname) && (u.port === '' || u.port === '443');
}

async function certificateFor(cfg: PaypalConfig, certUrl: string, now: Date): Promise<X509Certificate> {
  if (certUrl.length > 500 || !allowedCertUrl(cfg, certUrl)) throw new WebhookRefused('The signing certificate is not on PayPal’s API host.');
  const key = `${cfg.rootsPem ?? ''}\n${certUrl}`;
  let p = verified.get(key);
  if (!p) {
    p = fetchAndCheck(cfg, certUrl, now);
    if (verified.size >= MAX_KEPT) verified.delete(verified.keys().next().value!);
    verified.set(key, p);
    // A failed fetch or check is not kept: the next delivery tries again.
    p.catch(() => verified.delete(key));
  }
  const leaf = await p;
  if (Date.parse(leaf.validTo) < now.getTime()) {
    verified.delete(key);
    throw new WebhookRefused('PayPal’s signing certificate has expired.');
  }
  return leaf;
}

async function fetchAndCheck(cfg: PaypalConfig, certUrl: string, now: Date): Promise<X509Certificate> {
  let pem: string;
  try {
    const res = await fetch(certUrl, { redirect: 'error', signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(String(res.status));
    pem = await res.text();
  } catch {
    throw new WebhookRefused('The signing certificate could not be fetched from PayPal.', 503);
  }
  if (pem.length > 64 * 1024) throw new WebhookRefused('The signing certificate is not a certificate.');
  return checkChain(pemBlocks(pem), trustedRoots(cfg.rootsPem), now);
}

export function pemBlocks(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    return blocks.map((b) => new X509Certificate(b));
  } catch {
    throw new WebhookRefused('The signing certificate could not be read.');
  }
}

let systemRoots: X509Certificate[] | null = null;
const rootsByPem = new Map<string, X509Certificate[]>();

function trustedRoots(pem: string | null): X509Certificate[] {
  if (pem === null) return (systemRoots ??= rootCertificates.map((r) => new X509Certificate(r)));
  let roots = rootsByPem.get(pem);
  if (!roots) {
    roots = pemBlocks(pem);
    rootsByPem.set(pem, roots);
  }
  return roots;
}

function inDate(c: X509Certificate, now: Date): boolean {
  return Date.parse(c.validFrom) <= now.getTime() && now.getTime() <= Date.parse(c.validTo);
}

function commonName(c: X509Certificate): string | null {
  for (const line of c.subject.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return null;
}

/** The leaf, once it is in date, named for PayPal, and signed through in-date CAs up to a trusted root. */
export function checkChain(chain: X509Certificate[], roots: X509Certificate[], now: Date): X509Certificate {
  const leaf = chain[0];
  if (!leaf) throw new WebhookRefused('The signing certificate could not be read.');
  if (!inDate(leaf, now)) throw new WebhookRefused('PayPal’s signing certificate is not valid at this time.');
  const cn = commonName(leaf);
  if (!cn || !PAYPAL_CERT_NAMES.includes(cn)) throw new WebhookRefused('The signing certificate is not PayPal’s (wrong subject).');
  let current = leaf;
  const rest = chain.slice(1);
  for (let depth = 0; depth < 6; depth++) {
    const root = roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey) && inDate(r, now));
    if (root) return leaf;
    const next = rest.find((c) => c.ca && current.checkIssued(c) && current.verify(c.publicKey) && inDate(c, now));
    if (!next) break;
    current = next;
  }
  throw new WebhookRefused('The signing certificate does not chain to a trusted root.');
}
