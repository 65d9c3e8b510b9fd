// What a provider's confirmation says happened, in our terms. Provider code turns webhooks and API answers into
// facts; applyMoneyEvent writes them. Amounts here come only from the provider, never from a reader's browser.
import type { Kind } from './tables.js';

export interface PaymentFact {
  type: 'payment';
  provider: 'paypal' | 'stripe';
  /** The provider's id of the money movement (PayPal capture, Stripe payment intent or invoice). */
  providerId: string;
  kind: Kind;
  amountMinor: number;
  currency: string;
  occurredAt: string;
  /** Our checkout token, when the provider echoes it back. */
  checkout?: string | null;
  subscriptionId?: string | null;
  donorName?: string;
  donorEmail?: string;
}

export interface RefundFact {
  type: 'refund' | 'reversal';
  provider: 'paypal' | 'stripe';
  providerId: string;
  /** The payment it takes money back from. */
  paymentId: string;
  amountMinor: number;
  currency: string;
  occurredAt: string;
  /** The amount is the running total refunded so far (Stripe's charge.amount_refunded), not one refund's. */
  cumulative?: boolean;
}

export interface SubscriptionFact {
  type: 'subscription_started' | 'subscription_ended';
  provider: 'stripe';
  subscriptionId: string;
  checkout?: string | null;
  occurredAt: string;
}

export type MoneyFact = PaymentFact | RefundFact | SubscriptionFact;

/** One delivery from a provider: its event id (null for an API answer), type, and what it means. */
export interface ProviderEvent {
  provider: 'paypal' | 'stripe' | 'patreon';
  eventId: string | null;
  eventType: string;
  facts: MoneyFact[];
  /** Why nothing is applied (an unknown type, a payment still pending); kept with the event. */
  note?: string;
  outcome: 'applied' | 'ignored' | 'noted';
}

/** A bad or unreadable delivery: 400, nothing stored. */
export class WebhookRefused extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
    this.name = 'WebhookRefused';
  }
}
