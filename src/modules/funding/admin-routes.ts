// The funding admin API. Money (the ledger, totals, export, provider settings) is an administrator's
// (can(staff, 'money.manage')); the appeal's texts and the per-article variant are an editor's too. Donor names and
// addresses appear here and nowhere else. Every write needs the session's x-csrf-token (requireStaff checks it).
//   GET   /api/admin/funding/ledger?provider=&status=&entry=&kind=&campaign=&currency=&from=&to=&q=&page=
//   GET   /api/admin/funding/export.csv?(the same filters)        every matching row, as CSV
//   GET   /api/admin/funding/totals?(filters)                     per campaign and currency
//   GET   /api/admin/funding/monthly?(filters)                    net money received per month and currency
//   GET   /api/admin/funding/events?page=                         webhook deliveries and what was done with them
//   GET   /api/admin/funding/patrons                              Patreon members and the active count
//   GET|PUT /api/admin/funding/settings                           campaign, form, providers (secrets masked)
//   GET|PUT /api/admin/funding/appeal                             the appeal's texts (editor)
//   GET   /api/admin/funding/articles                             articles with the per-article appeal on (editor)
//   PUT   /api/admin/funding/articles/:id/appeal {variant}        switch it on or off (editor)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { AppError, badInput } from '../../platform/http/errors.js';
import { can, requireStaff } from '../editorial/index.js';
import type { FundingDeps } from './deps.js';
import { isCurrency, toDecimal } from './money.js';
import { ledgerRows, listLedger, monthly, totals, type LedgerFilter } from './queries.js';
import { readAppealSettings, saveAppeal, saveFundingSettings, setArticleAppeal } from './operations/saveFundingSettings.js';
import { readFundingSettings, settingsView } from './settings.js';
import { ENTRIES, KINDS, STATUSES, type Entry, type Kind, type LedgerStatus } from './tables.js';
import { articlePath } from '../content/dates.js';

const PAGE_SIZE = 50;
type Params = Record<string, string>;

function one(v: unknown): string {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
}

function dateBound(v: string, field: string, end: boolean): string | undefined {
  if (!v) return undefined;
  if (/^\d{4}-\d{2}$/.test(v)) {
    const [y, m] = v.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, end ? m : m - 1, 1)).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = Date.parse(`${v}T00:00:00Z`);
    if (!Number.isNaN(t)) return new Date(t + (end ? 86_400_000 : 0)).toISOString();
  }
  throw badInput(`${field} must be a date such as 2026-03-31 or a month such as 2026-03.`, field);
}

/** The list filters from a query string; each bad value named. */
export function filterOf(q: Record<string, unknown>): LedgerFilter {
  const f: LedgerFilter = {};
  const provider = one(q.provider);
  if (provider) {
    if (provider !== 'paypal' && provider !== 'stripe') throw badInput('provider must be paypal or stripe.', 'provider');
    f.provider = provider;
  }
  const status = one(q.status);
  if (status) {
    if (!(STATUSES as readonly string[]).includes(status)) throw badInput(`status must be one of ${STATUSES.join(', ')}.`, 'status');
    f.status = status as LedgerStatus;
  }
  const entry = one(q.entry);
  if (entry) {
    if (!(ENTRIES as readonly string[]).includes(entry)) throw badInput(`entry must be one of ${ENTRIES.join(', ')}.`, 'entry');
    f.entry = entry as Entry;
  }
  const kind = one(q.kind);
  if (kind) {
    if (!(KINDS as readonly string[]).includes(kind)) throw badInput(`kind must be one of ${KINDS.join(', ')}.`, 'kind');
    f.kind = kind as Kind;
  }
  const campaign = one(q.campaign);
  if (campaign) {
    if (campaign.length > 60) throw badInput('campaign is a campaign slug.', 'campaign');
    f.campaign = campaign;
  }
  const currency = one(q.currency).toUpperCase();
  if (currency) {
    if (!isCurrency(currency)) throw badInput('currency must be an ISO 4217 code such as EUR.', 'currency');
    f.currency = currency;
  }
  const from = dateBound(one(q.from), 'from', false);
  const to = dateBound(one(q.to), 'to', true);
  if (from) f.from = from;
  if (to) f.to = to;
  const search = one(q.q);
  if (search) f.q = search.slice(0, 200);
  return f;
}

/** One CSV field: quoted, and a leading =, +, - or @ defused so a spreadsheet never runs it as a formula. */
export function csvField(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== String(v ?? '') ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = ['id', 'entry', 'provider', 'provider_id', 'payment_id', 'kind', 'status', 'currency', 'amount', 'refunded', 'net', 'campaign', 'donor_name', 'donor_email', 'public_name', 'article_id', 'occurred_at', 'created_at'];

export function registerFundingAdminRoutes(app: FastifyInstance, deps: FundingDeps): void {
  const { ctx } = deps;
  app.register(async (scope) => {
    scope.addHook('onRequest', requireStaff('editor'));
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    const money = async (req: FastifyRequest, _reply: FastifyReply) => {
      if (!can(req.staff, 'money.manage')) throw new AppError('BROADSIDE_E_FORBIDDEN', 'The ledger and the payment settings need the administrator role.');
    };

    scope.get('/api/admin/funding/ledger', { preHandler: money }, async (req) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const page = one(q.page);
      if (page && !/^[1-9]\d{0,5}$/.test(page)) throw badInput('page must be a positive whole number.', 'page');
      const f = filterOf(q);
      const [list, sums] = await Promise.all([listLedger(ctx.db, f, page ? Number(page) : 1, PAGE_SIZE), totals(ctx.db, f)]);
      return { ...list, totals: sums };
    });

    scope.get('/api/admin/funding/totals', { preHandler: money }, async (req) => ({ totals: await totals(ctx.db, filterOf((req.query ?? {}) as Record<string, unknown>)) }));
    scope.get('/api/admin/funding/monthly', { preHandler: money }, async (req) => ({ months: await monthly(ctx.db, ctx.engine, filterOf((req.query ?? {}) as Record<string, unknown>)) }));

    scope.get('/api/admin/funding/export.csv', { preHandler: money }, async (req, reply) => {
      const f = filterOf((req.query ?? {}) as Record<string, unknown>);
      const lines: string[] = [CSV_COLUMNS.join(',')];
      for await (const r of ledgerRows(ctx.db, f)) {
        lines.push(
          [r.id, r.entry, r.provider, r.providerId, r.paymentId, r.kind, r.status, r.currency, toDecimal(r.amountMinor, r.currency), toDecimal(r.entry === 'payment' ? Math.min(r.refundedMinor, r.amountMinor) : 0, r.currency), toDecimal(r.netMinor, r.currency), r.campaign, r.donorName, r.donorEmail, r.publicName, r.articleId, r.occurredAt, r.createdAt]
            .map(csvField)
            .join(','),
        );
      }
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ledger-${stamp}.csv"`)
        .send(`${lines.join('\r\n')}\r\n`);
    });

    scope.get('/api/admin/funding/events', { preHandler: money }, async (req) => {
      const page = Number(one(((req.query ?? {}) as Record<string, unknown>).page) || '1');
      if (!Number.isInteger(page) || page < 1 || page > 100_000) throw badInput('page must be a positive whole number.', 'page');
      const items = await ctx.db.selectFrom('funding_webhook_events').selectAll().orderBy('received_at', 'desc').orderBy('event_id').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute();
      const count = await ctx.db.selectFrom('funding_webhook_events').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
      return {
        items: items.map((e) => ({ provider: e.provider, eventId: e.event_id, eventType: e.event_type, outcome: e.outcome, note: e.note, receivedAt: e.received_at })),
        total: Number(count?.n ?? 0),
        page,
      };
    });

    scope.get('/api/admin/funding/patrons', { preHandler: money }, async () => {
      const rows = await ctx.db.selectFrom('funding_patrons').selectAll().orderBy('updated_at', 'desc').limit(1000).execute();
      const items = rows.map((r) => ({ memberId: r.member_id, status: r.patron_status, name: r.full_name, email: r.email, amountCents: Number(r.amount_cents), currency: r.currency, deleted: Number(r.deleted) === 1, updatedAt: r.updated_at }));
      return { items, active: items.filter((i) => !i.deleted && i.status === 'active_patron').length };
    });

    scope.get('/api/admin/funding/settings', { preHandler: money }, async () => settingsView(await readFundingSettings(ctx.db, true), deps.env));
    scope.put('/api/admin/funding/settings', { preHandler: money }, async (req) => settingsView(await saveFundingSettings(ctx, req.body), deps.env));

    scope.get('/api/admin/funding/appeal', async () => readAppealSettings(ctx));
    scope.put('/api/admin/funding/appeal', async (req) => saveAppeal(ctx, req.body));

    scope.get('/api/admin/funding/articles', async () => {
      const rows = await ctx.db
        .selectFrom('funding_article_appeals')
        .innerJoin('articles', 'articles.id', 'funding_article_appeals.article_id')
        .select(['articles.id', 'articles.headline', 'articles.slug', 'articles.month_key', 'funding_article_appeals.updated_at'])
        .orderBy('funding_article_appeals.updated_at', 'desc')
        .execute();
      return { items: rows.map((r) => ({ id: Number(r.id), headline: r.headline, path: r.month_key ? articlePath(r.month_key, r.slug) : null, since: r.updated_at })) };
    });
    scope.put('/api/admin/funding/articles/:id/appeal', async (req: FastifyRequest<{ Params: Params }>) => {
      const id = req.params.id ?? '';
      if (!/^[1-9]\d{0,15}$/.test(id)) throw badInput('The article id must be a positive whole number.', 'id');
      const b = req.body as { variant?: unknown } | null;
      return setArticleAppeal(ctx, Number(id), b && typeof b === 'object' ? b.variant : undefined);
    });
  });
}
