// Patreon webhooks (API v2): members:pledge:create, :update and :delete, each signed with X-Patreon-Signature, the
// hex HMAC-MD5 of the raw body under the webhook's secret. The body is a JSON:API document whose data is the member.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookRefused } from '../facts.js';
import { isCurrency } from '../money.js';
import { isObject, str } from './http.js';

export const PATREON_EVENTS = ['members:pledge:create', 'members:pledge:update', 'members:pledge:delete'] as const;
export type PatreonEventType = (typeof PATREON_EVENTS)[number];

export function patreonSignature(secret: string, raw: Buffer): string {
  return createHmac('md5', secret).update(raw).digest('hex');
}

export function verifyPatreonWebhook(secret: string, raw: Buffer, header: string | undefined): void {
  if (!secret) throw new WebhookRefused('Patreon webhooks are not set up on this site (no webhook secret).', 503);
  if (!header || !/^[0-9a-f]{32}$/i.test(header)) throw new WebhookRefused('The X-Patreon-Signature header is missing or not an MD5 digest.');
  const want = Buffer.from(patreonSignature(secret, raw), 'hex');
  if (!timingSafeEqual(want, Buffer.from(header, 'hex'))) throw new WebhookRefused('The Patreon signature does not match this body.');
}

export interface PatronFact {
  eventType: string;
  memberId: string;
  patronStatus: string;
  fullName: string;
  email: string;
  amountCents: number;
  currency: string;
  deleted: boolean;
}

/** The member a pledge event describes; null for an event type we do not handle. */
export function parsePatreonEvent(eventType: string, raw: Buffer): PatronFact | null {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new WebhookRefused('The body is not JSON.');
  }
  if (!isObject(body) || !isObject(body.data)) throw new WebhookRefused('The body is not a Patreon JSON:API document (no data).');
  if (!(PATREON_EVENTS as readonly string[]).includes(eventType)) return null;
  const d = body.data;
  const id = str(d.id);
  if (!id || id.length > 100 || (d.type !== undefined && d.type !== 'member')) throw new WebhookRefused('The document’s data is not a member with an id.');
  const a = isObject(d.attributes) ? d.attributes : {};
  const cents = a.currently_entitled_amount_cents ?? a.will_pay_amount_cents ?? 0;
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents) || cents < 0) throw new WebhookRefused('The pledge amount is not a whole number of cents.');
  const currency = typeof a.currency === 'string' && isCurrency(a.currency.toUpperCase()) ? a.currency.toUpperCase() : '';
  const deleted = eventType === 'members:pledge:delete';
  return {
    eventType,
    memberId: id,
    patronStatus: deleted ? 'former_patron' : (str(a.patron_status) ?? 'active_patron').slice(0, 40),
    fullName: (str(a.full_name) ?? '').slice(0, 200),
    email: (str(a.email) ?? '').toLowerCase().slice(0, 254),
    amountCents: cents,
    currency,
    deleted,
  };
}
