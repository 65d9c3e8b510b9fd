// Stripe through its official package: Checkout sessions (one-off "payment" or monthly "subscription") and
// webhooks checked by the package against the Stripe-Signature header (HMAC-SHA256 of "<t>.<body>") and its
// five-minute timestamp tolerance. The package is loaded on first use, so a site without Stripe starts faster.
import type StripeType from 'stripe';
import type { StripeConfig } from '../settings.js';
import { WebhookRefused, type MoneyFact, type PaymentFact, type ProviderEvent } from '../facts.js';
import { isCurrency } from '../money.js';
import { isObject, ProviderError, str } from './http.js';
import { lazy } from '../../../platform/lazy.js';

type StripeCtor = typeof StripeType;
type Stripe = InstanceType<StripeCtor>;

/** Seconds a signed delivery stays acceptable (Stripe's own default). */
export const STRIPE_TOLERANCE_S = 300;

const loadStripe = lazy<StripeCtor>('stripe');

const clients = new Map<string, Stripe>();

function client(cfg: StripeConfig): Stripe {
  const key = `${cfg.apiUrl}\n${cfg.secretKey}`;
  let c = clients.get(key);
  if (!c) {
    const u = new URL(cfg.apiUrl);
    const Ctor = loadStripe();
    c = new Ctor(cfg.secretKey, {
      host: u.hostname,
      port: u.port || (u.protocol === 'http:' ? 80 : 443),
      protocol: u.protocol === 'http:' ? 'http' : 'https',
      maxNetworkRetries: 1,
      timeout: 10_000,
      telemetry: false,
    });
    clients.set(key, c);
  }
  return c;
}

function unavailable(err: unknown): ProviderError {
  const e = err as { type?: string; statusCode?: number; message?: string };
  if (e?.type === 'StripeAuthenticationError') return new ProviderError('Stripe', 'Stripe refused our keys, so no payment could be started. The site’s Stripe settings need attention.', 401);
  if (e?.type === 'StripeInvalidRequestError') return new ProviderError('Stripe', 'Stripe could not take this payment as asked (the currency or amount may not be supported). Nothing was charged.', e.statusCode ?? 400);
  return new ProviderError('Stripe', 'Stripe could not be reached, so nothing was charged. Try again in a few minutes.');
}

export interface NewSession {
  checkout: string;
  monthly: boolean;
  amountMinor: number;
  currency: string;
  productName: string;
  campaign: string;
  successUrl: string;
  cancelUrl: string;
}

export async function createCheckoutSession(cfg: StripeConfig, s: NewSession): Promise<{ id: string; url: string }> {
  const metadata = { checkout: s.checkout, campaign: s.campaign };
  try {
    const session = await client(cfg).checkout.sessions.create(
      {
        mode: s.monthly ? 'subscription' : 'payment',
        client_reference_id: s.checkout,
        metadata,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: s.currency.toLowerCase(),
              unit_amount: s.amountMinor,
              product_data: { name: s.productName.slice(0, 250) },
              ...(s.monthly ? { recurring: { interval: 'month' as const } } : {}),
            },
          },
        ],
        ...(s.monthly ? { subscription_data: { metadata } } : { payment_intent_data: { metadata }, submit_type: 'donate' as const }),
        success_url: s.successUrl,
        cancel_url: s.cancelUrl,
      },
      { idempotencyKey: `checkout-${s.checkout}` },
    );
    if (!session.url) throw new Error('no url');
    return { id: session.id, url: session.url };
  } catch (err) {
    throw unavailable(err);
  }
}

/** The session as Stripe has it now (the thank-you page asks, so a payment shows even before its webhook). */
export async function retrieveSession(cfg: StripeConfig, id: string): Promise<Record<string, unknown>> {
  try {
    return (await client(cfg).checkout.sessions.retrieve(id)) as unknown as Record<string, unknown>;
  } catch (err) {
    throw unavailable(err);
  }
}

/** Throws WebhookRefused unless Stripe signed this exact body within the tolerance; returns the event. */
export function verifyStripeWebhook(cfg: StripeConfig, raw: Buffer, header: string | undefined, now = Date.now()): Record<string, unknown> {
  if (!cfg.webhookSecret) throw new WebhookRefused('Stripe webhooks are not set up on this site (no signing secret).', 503);
  if (!header) throw new WebhookRefused('The Stripe-Signature header is missing.');
  let event: unknown;
  try {
    event = loadStripe().webhooks.constructEvent(raw, header, cfg.webhookSecret, STRIPE_TOLERANCE_S, undefined, now);
  } catch (err) {
    const msg = String((err as Error)?.message ?? '');
    if (/timestamp outside the tolerance/i.test(msg)) throw new WebhookRefused('The Stripe signature is older than five minutes (a replay?).');
    if (/JSON|Unexpected token|parse/i.test(msg) && !/signature/i.test(msg)) throw new WebhookRefused('The body is not JSON.');
    throw new WebhookRefused('The Stripe signature does not match this body.');
  }
  if (!isObject(event)) throw new WebhookRefused('The body is not a Stripe event.');
  return event;
}

function currencyOf(v: unknown): string {
  const c = typeof v === 'string' ? v.toUpperCase() : '';
  if (!isCurrency(c)) throw new WebhookRefused('The currency is missing or not an ISO 4217 code.');
  return c;
}

function amountOf(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new WebhookRefused('The amount is missing or not a whole number of minor units.');
  return v;
}

function idOf(v: unknown): string | null {
  if (typeof v === 'string' && v) return v.slice(0, 100);
  if (isObject(v) && typeof v.id === 'string') return v.id.slice(0, 100);
  return null;
}

function at(seconds: unknown): string {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : new Date().toISOString();
}

/** A paid one-off Checkout session as a payment; keyed by its PaymentIntent, as charge.refunded names it. */
export function sessionPayment(session: Record<string, unknown>, occurredAt: string): PaymentFact | null {
  if (session.mode !== 'payment' || session.payment_status !== 'paid') return null;
  const pi = idOf(session.payment_intent) ?? idOf(session.id);
  if (!pi) throw new WebhookRefused('The session has no id.');
  const details = isObject(session.customer_details) ? session.customer_details : {};
  const metadata = isObject(session.metadata) ? session.metadata : {};
  return {
    type: 'payment',
    provider: 'stripe',
    providerId: pi,
    kind: 'one_off',
    amountMinor: amountOf(session.amount_total),
    currency: currencyOf(session.currency),
    occurredAt,
    checkout: str(session.client_reference_id) ?? str(metadata.checkout),
    donorName: str(details.name) ?? '',
    donorEmail: str(details.email) ?? '',
  };
}

const HANDLED = ['checkout.session.completed', 'invoice.paid', 'charge.refunded', 'customer.subscription.deleted'];

export function parseStripeEvent(event: Record<string, unknown>): ProviderEvent {
  const eventId = str(event.id);
  const eventType = str(event.type);
  if (!eventId || !eventType || !isObject(event.data) || !isObject(event.data.object)) throw new WebhookRefused('The body is not a Stripe event (no id, type or data.object).');
  const base = { provider: 'stripe' as const, eventId: eventId.slice(0, 100), eventType };
  if (!HANDLED.includes(eventType)) return { ...base, facts: [], outcome: 'ignored', note: `Stripe event type ${eventType.slice(0, 80)} is not one we handle.` };
  const o = event.data.object as Record<string, unknown>;
  const created = at(event.created);
  const facts: MoneyFact[] = [];
  switch (eventType) {
    case 'checkout.session.completed': {
      if (o.mode === 'subscription') {
        const sub = idOf(o.subscription);
        const metadata = isObject(o.metadata) ? o.metadata : {};
        if (sub) facts.push({ type: 'subscription_started', provider: 'stripe', subscriptionId: sub, checkout: str(o.client_reference_id) ?? str(metadata.checkout), occurredAt: created });
        // The money of a subscription arrives as invoice.paid.
        return { ...base, facts, outcome: facts.length ? 'applied' : 'noted', ...(facts.length ? {} : { note: 'A subscription session without a subscription id.' }) };
      }
      const p = sessionPayment(o, created);
      if (!p) return { ...base, facts: [], outcome: 'noted', note: `The session is ${String(o.payment_status).slice(0, 40)}, not paid.` };
      return { ...base, facts: [p], outcome: 'applied' };
    }
    case 'invoice.paid': {
      const paid = amountOf(o.amount_paid);
      if (paid === 0) return { ...base, facts: [], outcome: 'noted', note: 'An invoice of nothing (a trial or a full discount).' };
      const parent = isObject(o.parent) ? o.parent : {};
      const subDetails = isObject(parent.subscription_details) ? parent.subscription_details : isObject(o.subscription_details) ? o.subscription_details : {};
      const metadata = isObject(subDetails.metadata) ? subDetails.metadata : {};
      const payments = isObject(o.payments) && Array.isArray(o.payments.data) ? (o.payments.data as unknown[]) : [];
      const first = payments.find((p) => isObject(p) && isObject(p.payment));
      const pi = (isObject(first) && isObject(first.payment) ? idOf(first.payment.payment_intent) : null) ?? idOf(o.payment_intent) ?? idOf(o.id);
      if (!pi) throw new WebhookRefused('The invoice has no id.');
      const transitions = isObject(o.status_transitions) ? o.status_transitions : {};
      facts.push({
        type: 'payment',
        provider: 'stripe',
        providerId: pi,
        kind: 'recurring',
        amountMinor: paid,
        currency: currencyOf(o.currency),
        occurredAt: at(transitions.paid_at ?? event.created),
        checkout: str(metadata.checkout),
        subscriptionId: idOf(subDetails.subscription) ?? idOf(o.subscription),
        donorName: str(o.customer_name) ?? '',
        donorEmail: str(o.customer_email) ?? '',
      });
      return { ...base, facts, outcome: 'applied' };
    }
    case 'charge.refunded': {
      const charge = idOf(o.id);
      const pi = idOf(o.payment_intent);
      if (!charge || !pi) return { ...base, facts: [], outcome: 'noted', note: 'A refunded charge that names no PaymentIntent.' };
      // amount_refunded is the running total for the charge: one row per charge, which only grows.
      facts.push({ type: 'refund', provider: 'stripe', providerId: `${charge}:refunds`, paymentId: pi, amountMinor: amountOf(o.amount_refunded), currency: currencyOf(o.currency), occurredAt: created, cumulative: true });
      return { ...base, facts, outcome: 'applied' };
    }
    case 'customer.subscription.deleted': {
      const sub = idOf(o.id);
      if (!sub) throw new WebhookRefused('The subscription has no id.');
      facts.push({ type: 'subscription_ended', provider: 'stripe', subscriptionId: sub, occurredAt: at(o.ended_at ?? o.canceled_at ?? event.created) });
      return { ...base, facts, outcome: 'applied' };
    }
  }
  return { ...base, facts: [], outcome: 'ignored' };
}
