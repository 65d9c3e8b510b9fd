// Reading the ledger: the campaign's progress for the appeal, the admin's list, totals per campaign and currency,
// money per month, and every row for the export. A payment counts for its amount less what was refunded (never
// below zero); a reversed payment counts nothing.
import { sql } from 'kysely';
import type { Db, Engine } from '../../platform/db/index.js';
import type { Entry, Kind, LedgerRow, LedgerStatus } from './tables.js';

/** The SQL for a payment row's net amount. */
const NET = sql<number>`case when status = 'reversed' then 0 when refunded_minor >= amount_minor then 0 else amount_minor - refunded_minor end`;
const REFUNDED = sql<number>`case when status = 'reversed' then amount_minor when refunded_minor >= amount_minor then amount_minor else refunded_minor end`;

export interface Progress {
  raisedMinor: number;
  payments: number;
}

export async function campaignProgress(db: Db, campaign: string, currency: string): Promise<Progress> {
  const row = await db
    .selectFrom('funding_ledger')
    .select([sql<number>`coalesce(sum(${NET}), 0)`.as('raised'), sql<number>`count(*)`.as('n')])
    .where('entry', '=', 'payment')
    .where('campaign', '=', campaign)
    .where('currency', '=', currency)
    .executeTakeFirst();
  return { raisedMinor: Number(row?.raised ?? 0), payments: Number(row?.n ?? 0) };
}

export interface Totals {
  campaign: string;
  currency: string;
  payments: number;
  grossMinor: number;
  refundedMinor: number;
  netMinor: number;
}

export async function totals(db: Db, filter: LedgerFilter = {}): Promise<Totals[]> {
  const rows = await applyFilter(db.selectFrom('funding_ledger'), { ...filter, entry: 'payment' })
    .select(['campaign', 'currency', sql<number>`count(*)`.as('n'), sql<number>`sum(amount_minor)`.as('gross'), sql<number>`sum(${REFUNDED})`.as('refunded')])
    .groupBy(['campaign', 'currency'])
    .orderBy('campaign')
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({ campaign: r.campaign, currency: r.currency, payments: Number(r.n), grossMinor: Number(r.gross), refundedMinor: Number(r.refunded), netMinor: Number(r.gross) - Number(r.refunded) }));
}

export interface LedgerFilter {
  provider?: string;
  status?: LedgerStatus;
  entry?: Entry;
  kind?: Kind;
  campaign?: string;
  currency?: string;
  /** ISO instants: occurred_at >= from and < to. */
  from?: string;
  to?: string;
  /** Matches donor name, email or the provider's id. */
  q?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFilter<Q extends { where: (...a: any[]) => Q }>(q: Q, f: LedgerFilter): Q {
  let out = q;
  if (f.provider) out = out.where('provider', '=', f.provider);
  if (f.status) out = out.where('status', '=', f.status);
  if (f.entry) out = out.where('entry', '=', f.entry);
  if (f.kind) out = out.where('kind', '=', f.kind);
  if (f.campaign !== undefined) out = out.where('campaign', '=', f.campaign);
  if (f.currency) out = out.where('currency', '=', f.currency);
  if (f.from) out = out.where('occurred_at', '>=', f.from);
  if (f.to) out = out.where('occurred_at', '<', f.to);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where((eb: any) => eb.or([eb(sql`lower(donor_name)`, 'like', sql`${like} escape '\\'`), eb('donor_email', 'like', sql`${like} escape '\\'`), eb(sql`lower(provider_id)`, 'like', sql`${like} escape '\\'`)]));
  }
  return out;
}

export interface LedgerItem {
  id: number;
  entry: Entry;
  provider: string;
  providerId: string;
  paymentId: string;
  kind: Kind;
  amountMinor: number;
  refundedMinor: number;
  netMinor: number;
  currency: string;
  status: LedgerStatus;
  donorName: string;
  donorEmail: string;
  publicName: string;
  campaign: string;
  articleId: number | null;
  occurredAt: string;
  createdAt: string;
}

export function toItem(r: LedgerRow): LedgerItem {
  const amount = Number(r.amount_minor);
  const refunded = Number(r.refunded_minor);
  const net = r.entry !== 'payment' ? 0 : r.status === 'reversed' ? 0 : Math.max(0, amount - refunded);
  return {
    id: Number(r.id),
    entry: r.entry,
    provider: r.provider,
    providerId: r.provider_id,
    paymentId: r.payment_id,
    kind: r.kind,
    amountMinor: amount,
    refundedMinor: refunded,
    netMinor: net,
    currency: r.currency,
    status: r.status,
    donorName: r.donor_name,
    donorEmail: r.donor_email,
    publicName: r.public_name,
    campaign: r.campaign,
    articleId: r.article_id === null ? null : Number(r.article_id),
    occurredAt: r.occurred_at,
    createdAt: r.created_at,
  };
}

export async function listLedger(db: Db, filter: LedgerFilter, page: number, pageSize: number): Promise<{ items: LedgerItem[]; total: number; page: number; pages: number }> {
  const count = await applyFilter(db.selectFrom('funding_ledger'), filter).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  const total = Number(count?.n ?? 0);
  const rows = await applyFilter(db.selectFrom('funding_ledger'), filter)
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: (rows as LedgerRow[]).map(toItem), total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Every row the filter matches, oldest first, in batches (the CSV export streams these). */
export async function* ledgerRows(db: Db, filter: LedgerFilter = {}, batch = 500): AsyncGenerator<LedgerItem> {
  let after = 0;
  for (;;) {
    const rows = await applyFilter(db.selectFrom('funding_ledger'), filter).selectAll().where('id', '>', after).orderBy('id').limit(batch).execute();
    for (const r of rows as LedgerRow[]) yield toItem(r);
    if (rows.length < batch) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

export interface MonthTotal {
  month: string;
  currency: string;
  netMinor: number;
  payments: number;
}

/** Money received per month (by when it was paid), net of refunds, per currency. */
export async function monthly(db: Db, engine: Engine, filter: LedgerFilter = {}): Promise<MonthTotal[]> {
  // occurred_at is ISO text (UTC) on SQLite and timestamptz on PostgreSQL: the month in UTC either way.
  const month = engine === 'postgres' ? sql<string>`to_char(occurred_at at time zone 'UTC', 'YYYY-MM')` : sql<string>`substr(occurred_at, 1, 7)`;
  const rows = await applyFilter(db.selectFrom('funding_ledger'), { ...filter, entry: 'payment' })
    .select([month.as('month'), 'currency', sql<number>`sum(${NET})`.as('net'), sql<number>`count(*)`.as('n')])
    .groupBy([month, 'currency'])
    .orderBy(month)
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({ month: r.month, currency: r.currency, netMinor: Number(r.net), payments: Number(r.n) }));
}

/** Active Patreon patrons (the appeal's "supported by N patrons"). */
export async function patronCount(db: Db): Promise<number> {
  const row = await db.selectFrom('funding_patrons').select(sql<number>`count(*)`.as('n')).where('deleted', '=', 0).where('patron_status', '=', 'active_patron').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Public mentions of donors who opted in, newest first (names only). */
export async function recentSupporters(db: Db, campaign: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('funding_ledger')
    .select('public_name')
    .where('entry', '=', 'payment')
    .where('campaign', '=', campaign)
    .where('public_name', '!=', '')
    .where('status', 'in', ['completed', 'partially_refunded'])
    .orderBy('occurred_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.public_name);
}
