// Reader funding.
//   funding_ledger          every money event, once: payments, and the refunds and reversals against them. A row's
//                           (provider, provider_id) is the provider's own id, unique, so an event applied twice
//                           inserts nothing. Refunds name their payment by payment_id; a payment row keeps the sum of
//                           its refunds (refunded_minor) and its status, worked out again whenever either side
//                           arrives, so a refund that comes before its capture still ends right. Amounts are integer
//                           minor units of an ISO 4217 currency. donor_email and donor_name are private.
//   funding_webhook_events  each provider event id once (the first delivery wins; repeats change nothing), with what
//                           was done with it: applied, ignored (a type we do not handle), or noted.
//   funding_checkouts       a reader's started donation (our reference sent to the provider), so a payment knows its
//                           campaign, article and public mention. Amounts here are what the reader asked for; the
//                           ledger takes amounts only from the provider's confirmation.
//   funding_patrons         Patreon members as the pledge webhooks last described them (name and email private).
//   funding_article_appeals articles an editor switched the "Liked this article?" appeal on for.
import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres, refType, timeType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  const money = isPostgres(db) ? sql`bigint` : sql`integer`;

  await db.schema
    .createTable('funding_ledger')
    .addColumn(...idColumn(db))
    .addColumn('entry', 'text', (c) => c.notNull().check(sql`entry in ('payment', 'refund', 'reversal')`))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('one_off', 'recurring')`))
    .addColumn('amount_minor', money, (c) => c.notNull().check(sql`amount_minor >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`length(currency) = 3`))
    .addColumn('refunded_minor', money, (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('completed', 'refunded', 'partially_refunded', 'reversed')`))
    .addColumn('donor_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('donor_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('public_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('campaign', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('article_id', refType(db), (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('checkout', 'text')
    .addColumn('occurred_at', time, (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('funding_ledger_provider_id_key', ['provider', 'provider_id'])
    .execute();
  await db.schema.createIndex('funding_ledger_payment_idx').on('funding_ledger').columns(['provider', 'payment_id', 'entry']).execute();
  await db.schema.createIndex('funding_ledger_totals_idx').on('funding_ledger').columns(['entry', 'campaign', 'currency']).execute();
  await db.schema.createIndex('funding_ledger_occurred_idx').on('funding_ledger').columns(['occurred_at']).execute();
  await db.schema.createIndex('funding_ledger_checkout_idx').on('funding_ledger').columns(['checkout']).execute();

  await db.schema
    .createTable('funding_webhook_events')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('applied', 'ignored', 'noted')`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('received_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('funding_webhook_events_pk', ['provider', 'event_id'])
    .execute();
  await db.schema.createIndex('funding_webhook_events_received_idx').on('funding_webhook_events').columns(['received_at']).execute();

  await db.schema
    .createTable('funding_checkouts')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('one_off', 'recurring')`))
    .addColumn('amount_minor', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('campaign', 'text', (c) => c.notNull())
    .addColumn('article_id', refType(db), (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('public_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text')
    .addColumn('subscription_ended_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('funding_checkouts_ref_idx').on('funding_checkouts').columns(['provider', 'provider_ref']).unique().execute();
  await db.schema.createIndex('funding_checkouts_ip_idx').on('funding_checkouts').columns(['ip', 'created_at']).execute();
  await db.schema.createIndex('funding_checkouts_subscription_idx').on('funding_checkouts').columns(['subscription_id']).execute();

  await db.schema
    .createTable('funding_patrons')
    .addColumn('member_id', 'text', (c) => c.primaryKey())
    .addColumn('patron_status', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount_cents', money, (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('funding_article_appeals')
    .addColumn('article_id', refType(db), (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
}
