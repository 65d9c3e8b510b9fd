// Applies one provider event to the ledger, exactly once, in one transaction:
//   1. the event id goes into funding_webhook_events with ON CONFLICT DO NOTHING: a repeat (replayed, retried, or
//      sent twice at once) inserts nothing and changes nothing else;
//   2. each payment it touches is locked for the rest of the transaction (PostgreSQL: an advisory lock on the
//      payment's key; SQLite: the first insert already holds the database's single write lock), so a capture and a
//      refund of one payment arriving together are applied one after the other;
//   3. payments and refunds are inserted with ON CONFLICT DO NOTHING on (provider, provider_id), and the payment's
//      refunded sum and status are worked out again in one UPDATE from its refund rows. A refund that arrives
//      before its capture is kept, and counted when the capture comes.
// A receipt mail is queued in the same transaction when a payment's donor address first becomes known.
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Ctx } from '../../../platform/context/index.js';
import type { Database } from '../../../platform/db/index.js';
import { enqueueMail } from '../../../platform/mail/index.js';
import type { MoneyFact, PaymentFact, ProviderEvent, RefundFact, SubscriptionFact } from '../facts.js';
import { readFundingSettings } from '../settings.js';
import { receiptMail, type MailSite } from '../receipt.js';

type Trx = Transaction<Database>;

/** A ledger row, unless the provider's event is already there (a redelivered webhook): its id, or undefined. */
function insertOnce(trx: Trx, row: Insertable<Database['funding_ledger']>) {
  return trx.insertInto('funding_ledger').values(row).onConflict((oc) => oc.columns(['provider', 'provider_id']).doNothing()).returning('id').executeTakeFirst();
}

export const FUNDING_TAG = 'funding';

export interface ApplyResult {
  /** The event id was seen before: nothing was done. */
  duplicate: boolean;
  /** The ledger (or the subscriptions) changed: the appeal's numbers move. */
  changed: boolean;
  /** Ledger row ids of the payments this event wrote or found. */
  paymentIds: number[];
}

export async function applyMoneyEvent(ctx: Ctx, event: ProviderEvent, site: MailSite, now = new Date()): Promise<ApplyResult> {
  const stamp = now.toISOString();
  const settings = await readFundingSettings(ctx.db);
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (event.eventId !== null) {
      const fresh = await trx
        .insertInto('funding_webhook_events')
        .values({ provider: event.provider, event_id: event.eventId, event_type: event.eventType.slice(0, 100), outcome: event.outcome, note: (event.note ?? '').slice(0, 500), received_at: stamp })
        .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!fresh) return { duplicate: true, changed: false, paymentIds: [] };
    }
    for (const key of lockKeys(event.facts)) await lock(ctx, trx, key);
    let changed = false;
    const paymentIds: number[] = [];
    for (const f of event.facts) {
      const r = await applyFact(trx, f, { stamp, campaign: settings.campaign.slug, site });
      changed ||= r.changed;
      if (r.paymentRowId !== null) paymentIds.push(r.paymentRowId);
    }
    return { duplicate: false, changed, paymentIds };
  });
  if (result.changed) ctx.invalidate([FUNDING_TAG]);
  return result;
}

function lockKeys(facts: MoneyFact[]): string[] {
  const keys = new Set<string>();
  for (const f of facts) {
    if (f.type === 'payment') keys.add(`${f.provider}:${f.providerId}`);
    else if (f.type === 'refund' || f.type === 'reversal') keys.add(`${f.provider}:${f.paymentId}`);
    else if (f.type === 'subscription_started' || f.type === 'subscription_ended') keys.add(`${f.provider}:sub:${f.subscriptionId}`);
  }
  // Always in the same order, so two events touching the same two payments cannot wait on each other.
  return [...keys].sort();
}

async function lock(ctx: Ctx, trx: Trx, key: string): Promise<void> {
  if (ctx.engine !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`broadside.funding:${key}`}, 0))`.execute(trx);
}

interface FactContext {
  stamp: string;
  campaign: string;
  site: MailSite;
}

async function applyFact(trx: Trx, f: MoneyFact, c: FactContext): Promise<{ changed: boolean; paymentRowId: number | null }> {
  switch (f.type) {
    case 'payment':
      return applyPayment(trx, f, c);
    case 'refund':
    case 'reversal':
      return applyRefund(trx, f, c);
    case 'subscription_started':
    case 'subscription_ended':
      return { changed: await applySubscription(trx, f), paymentRowId: null };
  }
}

async function applyPayment(trx: Trx, f: PaymentFact, c: FactContext) {
  // The checkout says which campaign, article and public name; a payment that did not start on our form (or whose
  // checkout is unknown) counts towards the campaign running now.
  let checkout = f.checkout ? await trx.selectFrom('funding_checkouts').select(['token', 'campaign', 'article_id', 'public_name']).where('token', '=', f.checkout).executeTakeFirst() : undefined;
  if (!checkout && f.subscriptionId) {
    checkout = await trx.selectFrom('funding_checkouts').select(['token', 'campaign', 'article_id', 'public_name']).where('subscription_id', '=', f.subscriptionId).executeTakeFirst();
  }
  const name = (f.donorName ?? '').trim().slice(0, 200);
  const email = (f.donorEmail ?? '').trim().toLowerCase().slice(0, 254);
  const inserted = await insertOnce(trx, {
    entry: 'payment',
    provider: f.provider,
    provider_id: f.providerId,
    payment_id: f.providerId,
    kind: f.kind,
    amount_minor: f.amountMinor,
    currency: f.currency,
    refunded_minor: 0,
    status: 'completed',
    donor_name: name,
    donor_email: email,
    public_name: checkout?.public_name ?? '',
    campaign: checkout?.campaign ?? c.campaign,
    article_id: checkout?.article_id ?? null,
    checkout: checkout?.token ?? null,
    occurred_at: f.occurredAt,
    created_at: c.stamp,
    updated_at: c.stamp,
  });
  let mailNow = false;
  if (inserted) {
    await recompute(trx, f.provider, f.providerId, c.stamp);
    mailNow = email !== '';
  } else if (email) {
    // Seen before without an address (the webhook came before the capture's answer): fill it in once.
    const r = await trx
      .updateTable('funding_ledger')
      .set({ donor_email: email, donor_name: name, updated_at: c.stamp })
      .where('provider', '=', f.provider)
      .where('provider_id', '=', f.providerId)
      .where('entry', '=', 'payment')
      .where('donor_email', '=', '')
      .executeTakeFirst();
    mailNow = Number(r.numUpdatedRows) === 1;
  }
  const row = await trx.selectFrom('funding_ledger').selectAll().where('provider', '=', f.provider).where('provider_id', '=', f.providerId).executeTakeFirstOrThrow();
  if (mailNow && row.entry === 'payment') await enqueueMail(trx, receiptMail(c.site, row));
  return { changed: !!inserted, paymentRowId: Number(row.id) };
}

async function applyRefund(trx: Trx, f: RefundFact, c: FactContext) {
  const payment = await trx.selectFrom('funding_ledger').select(['id', 'kind', 'campaign']).where('provider', '=', f.provider).where('provider_id', '=', f.paymentId).where('entry', '=', 'payment').executeTakeFirst();
  const inserted = await insertOnce(trx, {
    entry: f.type,
    provider: f.provider,
    provider_id: f.providerId,
    payment_id: f.paymentId,
    kind: payment?.kind ?? 'one_off',
    amount_minor: f.amountMinor,
    currency: f.currency,
    refunded_minor: 0,
    status: 'completed',
    donor_name: '',
    donor_email: '',
    public_name: '',
    article_id: null,
    checkout: null,
    campaign: payment?.campaign ?? '',
    occurred_at: f.occurredAt,
    created_at: c.stamp,
    updated_at: c.stamp,
  });
  let changed = !!inserted;
  if (!inserted && f.cumulative) {
    // A running total only grows: an older total arriving late changes nothing.
    const r = await trx
      .updateTable('funding_ledger')
      .set({ amount_minor: f.amountMinor, occurred_at: f.occurredAt, updated_at: c.stamp })
      .where('provider', '=', f.provider)
      .where('provider_id', '=', f.providerId)
      .where('amount_minor', '<', f.amountMinor)
      .executeTakeFirst();
    changed = Number(r.numUpdatedRows) > 0;
  }
  if (changed) await recompute(trx, f.provider, f.paymentId, c.stamp);
  return { changed, paymentRowId: payment ? Number(payment.id) : null };
}

/** The payment's refunded sum and status, from its refund and reversal rows, in one statement. */
async function recompute(trx: Trx, provider: string, paymentId: string, stamp: string): Promise<void> {
  const refunded = sql<number>`(select coalesce(sum(r.amount_minor), 0) from funding_ledger r where r.provider = funding_ledger.provider and r.payment_id = funding_ledger.provider_id and r.entry = 'refund' and r.currency = funding_ledger.currency)`;
  const reversed = sql<boolean>`exists (select 1 from funding_ledger r where r.provider = funding_ledger.provider and r.payment_id = funding_ledger.provider_id and r.entry = 'reversal')`;
  await sql`update funding_ledger set
      refunded_minor = ${refunded},
      status = case when ${reversed} then 'reversed' when ${refunded} >= amount_minor then 'refunded' when ${refunded} > 0 then 'partially_refunded' else 'completed' end,
      updated_at = ${stamp}
    where provider = ${provider} and provider_id = ${paymentId} and entry = 'payment'`.execute(trx);
}

async function applySubscription(trx: Trx, f: SubscriptionFact): Promise<boolean> {
  if (f.type === 'subscription_started') {
    if (!f.checkout) return false;
    const r = await trx.updateTable('funding_checkouts').set({ subscription_id: f.subscriptionId }).where('token', '=', f.checkout).where('subscription_id', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
  const r = await trx.updateTable('funding_checkouts').set({ subscription_ended_at: f.occurredAt }).where('subscription_id', '=', f.subscriptionId).where('subscription_ended_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
