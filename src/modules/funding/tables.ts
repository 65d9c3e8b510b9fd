// Row types of the funding module's tables (0009_funding). Times are ISO 8601 UTC strings on both engines; money
// is integer minor units with an ISO 4217 code.
import type { Generated, Selectable } from 'kysely';

export const PROVIDERS = ['paypal', 'stripe'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const ENTRIES = ['payment', 'refund', 'reversal'] as const;
export type Entry = (typeof ENTRIES)[number];
export const KINDS = ['one_off', 'recurring'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['completed', 'refunded', 'partially_refunded', 'reversed'] as const;
export type LedgerStatus = (typeof STATUSES)[number];

export interface FundingLedgerTable {
  id: Generated<number>;
  entry: Entry;
  provider: string;
  /** The provider's own id: PayPal capture or refund id; Stripe payment intent, invoice or charge refund key. */
  provider_id: string;
  /** The payment this row belongs to (a payment names itself). */
  payment_id: string;
  kind: Kind;
  amount_minor: number;
  currency: string;
  /** Payments: the sum of their refunds in the payment's currency. */
  refunded_minor: number;
  /** Payments: completed, refunded, partially_refunded or reversed; refunds and reversals: completed. */
  status: LedgerStatus;
  /** Private: admins only, never on a public page, feed or log line. */
  donor_name: string;
  donor_email: string;
  /** The name the donor agreed to have shown, '' for none. */
  public_name: string;
  campaign: string;
  article_id: number | null;
  /** Our checkout token, when the payment began on our form. */
  checkout: string | null;
  occurred_at: string;
  created_at: string;
  updated_at: string;
}

export interface FundingWebhookEventsTable {
  provider: string;
  event_id: string;
  event_type: string;
  outcome: 'applied' | 'ignored' | 'noted';
  note: string;
  received_at: string;
}

export interface FundingCheckoutsTable {
  token: string;
  provider: string;
  provider_ref: string | null;
  kind: Kind;
  amount_minor: number;
  currency: string;
  campaign: string;
  article_id: number | null;
  public_name: string;
  /** For the rate limit only. */
  ip: string;
  subscription_id: string | null;
  subscription_ended_at: string | null;
  created_at: string;
}

export interface FundingPatronsTable {
  member_id: string;
  patron_status: string;
  full_name: string;
  email: string;
  amount_cents: number;
  currency: string;
  deleted: number;
  updated_at: string;
}

export interface FundingArticleAppealsTable {
  article_id: number;
  updated_at: string;
}

export interface FundingTables {
  funding_ledger: FundingLedgerTable;
  funding_webhook_events: FundingWebhookEventsTable;
  funding_checkouts: FundingCheckoutsTable;
  funding_patrons: FundingPatronsTable;
  funding_article_appeals: FundingArticleAppealsTable;
}

export type LedgerRow = Selectable<FundingLedgerTable>;
