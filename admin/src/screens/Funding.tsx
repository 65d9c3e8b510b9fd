// Reader funding. Administrators: the ledger (filters in the address, totals per campaign and currency, a chart of
// money received per month, CSV export), webhook deliveries, patrons, and the campaign and provider settings
// (secrets are never sent back: only whether one is set and its last four characters). Editors: the appeal's texts
// and the articles that show the "Liked this article?" variant.
import { useEffect, useState } from 'preact/hooks';
import { get, put, qs } from '../api.ts';
import { Checkbox, ErrorText, Field, PageTitle, Pager, Select, Status, formatDate, useAction, useLoad } from '../components/ui.tsx';
import { setQuery, useLocation } from '../router.tsx';
import { atLeast, useSession } from '../session.ts';

interface LedgerItem {
  id: number;
  entry: 'payment' | 'refund' | 'reversal';
  provider: string;
  providerId: string;
  paymentId: string;
  kind: 'one_off' | 'recurring';
  amountMinor: number;
  refundedMinor: number;
  netMinor: number;
  currency: string;
  status: string;
  donorName: string;
  donorEmail: string;
  publicName: string;
  campaign: string;
  occurredAt: string;
}

interface Totals {
  campaign: string;
  currency: string;
  payments: number;
  grossMinor: number;
  refundedMinor: number;
  netMinor: number;
}

interface LedgerPage {
  items: LedgerItem[];
  total: number;
  page: number;
  pages: number;
  totals: Totals[];
}

interface Month {
  month: string;
  currency: string;
  netMinor: number;
  payments: number;
}

interface SecretView {
  set: boolean;
  hint: string;
  fromEnv: boolean;
}

interface SettingsView {
  campaign: { slug: string; title: string; goalMinor: number; currency: string; endsAt: string | null };
  currencies: string[];
  presets: number[];
  paypal: { mode: 'off' | 'button' | 'api'; clientId: string; secret: SecretView; webhookId: string; apiUrl: string; buttonId: string; business: string };
  stripe: { enabled: boolean; monthly: boolean; secretKey: SecretView; webhookSecret: SecretView; apiUrl: string };
  patreon: { pageUrl: string; webhookSecret: SecretView };
}

interface AppealView {
  title: string;
  text: string;
  donateLabel: string;
  articleTitle: string;
  articleText: string;
  showPatrons: boolean;
}

const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const exp = (c: string) => (ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2);

export function money(minor: number, currency: string): string {
  const e = exp(currency);
  const neg = minor < 0;
  const s = String(Math.abs(minor)).padStart(e + 1, '0');
  const whole = e ? s.slice(0, -e) : s;
  const text = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${e ? `.${s.slice(-e)}` : ''}`;
  return `${neg ? '−' : ''}${text} ${currency}`;
}

const STATUS_LABEL: Record<string, string> = { completed: 'Completed', refunded: 'Refunded', partially_refunded: 'Partly refunded', reversed: 'Reversed' };
const FILTERS = ['provider', 'status', 'entry', 'kind', 'campaign', 'currency', 'from', 'to', 'q'] as const;

export function FundingScreen() {
  const { staff } = useSession();
  const admin = atLeast(staff, 'administrator');
  const { query } = useLocation();
  const tab = (query.get('tab') ?? (admin ? 'ledger' : 'appeal')) as 'ledger' | 'appeal' | 'settings' | 'activity';
  const tabs: [string, string, boolean][] = [
    ['ledger', 'Ledger', admin],
    ['activity', 'Webhooks & patrons', admin],
    ['appeal', 'Appeal', true],
    ['settings', 'Campaign & providers', admin],
  ];
  return (
    <div>
      <PageTitle title="Funding">Funding</PageTitle>
      <nav class="tabs" aria-label="Funding sections">
        {tabs
          .filter(([, , show]) => show)
          .map(([key, label]) => (
            <button type="button" key={key} class={tab === key ? 'tab current' : 'tab ghost'} aria-current={tab === key ? 'page' : undefined} onClick={() => setQuery({ tab: key === (admin ? 'ledger' : 'appeal') ? null : key, page: null }, false)}>
              {label}
            </button>
          ))}
      </nav>
      {tab === 'appeal' || !admin ? <AppealForm /> : tab === 'settings' ? <SettingsForm /> : tab === 'activity' ? <Activity /> : <Ledger />}
    </div>
  );
}

function Ledger() {
  const { query } = useLocation();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? '']));
  const page = Number(query.get('page') ?? '1') || 1;
  const key = JSON.stringify(filters);
  const list = useLoad((signal) => get<LedgerPage>(`/api/admin/funding/ledger${qs({ ...filters, page })}`, { signal }), [key, page]);
  const months = useLoad((signal) => get<{ months: Month[] }>(`/api/admin/funding/monthly${qs(filters)}`, { signal }), [key]);
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const set = (k: string, v: string) => setQuery({ [k]: v || null, page: null });
  return (
    <>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', q.trim());
        }}
      >
        <Select label="Provider" value={filters.provider!} onValue={(v) => set('provider', v)} options={[{ value: '', label: 'All' }, { value: 'paypal', label: 'PayPal' }, { value: 'stripe', label: 'Stripe' }]} />
        <Select label="Status" value={filters.status!} onValue={(v) => set('status', v)} options={[{ value: '', label: 'All' }, ...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))]} />
        <Select label="Entry" value={filters.entry!} onValue={(v) => set('entry', v)} options={[{ value: '', label: 'All' }, { value: 'payment', label: 'Payments' }, { value: 'refund', label: 'Refunds' }, { value: 'reversal', label: 'Reversals' }]} />
        <Select label="Kind" value={filters.kind!} onValue={(v) => set('kind', v)} options={[{ value: '', label: 'All' }, { value: 'one_off', label: 'One-off' }, { value: 'recurring', label: 'Monthly' }]} />
        <Field label="Campaign" value={filters.campaign!} onValue={(v) => set('campaign', v.trim())} />
        <Field label="Currency" value={filters.currency!} onValue={(v) => set('currency', v.trim().toUpperCase())} maxLength={3} />
        <Field label="From (YYYY-MM or date)" value={filters.from!} onValue={(v) => set('from', v.trim())} />
        <Field label="To" value={filters.to!} onValue={(v) => set('to', v.trim())} />
        <Field label="Donor or reference" value={q} onValue={setQ} type="search" />
        <button type="submit">Search</button>
      </form>
      <p>
        <a class="button ghost" href={`/api/admin/funding/export.csv${qs(filters)}`} download>
          Export CSV
        </a>
      </p>
      {list.error ? <ErrorText error={list.error} /> : null}
      {list.data ? <TotalsTable totals={list.data.totals} /> : null}
      {months.data ? <MonthlyChart months={months.data.months} /> : null}
      <div class="table-wrap">
        <table class="ledger-table">
          <caption class="visually-hidden">Ledger entries</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Entry</th>
              <th scope="col" class="num">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">Donor</th>
              <th scope="col" class="hide-narrow">Campaign</th>
              <th scope="col" class="hide-narrow">Reference</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.items ?? []).map((i) => (
              <tr key={i.id}>
                <td>{formatDate(i.occurredAt)}</td>
                <td>
                  {i.entry === 'payment' ? (i.kind === 'recurring' ? 'Monthly payment' : 'Payment') : i.entry === 'refund' ? 'Refund' : 'Reversal'} · {i.provider === 'paypal' ? 'PayPal' : 'Stripe'}
                </td>
                <td class="num">
                  {i.entry === 'payment' ? '' : '−'}
                  {money(i.amountMinor, i.currency)}
                  {i.entry === 'payment' && i.refundedMinor > 0 ? <small class="muted"> (net {money(i.netMinor, i.currency)})</small> : null}
                </td>
                <td>{i.entry === 'payment' ? STATUS_LABEL[i.status] ?? i.status : ''}</td>
                <td>
                  {i.donorName || '—'}
                  {i.donorEmail ? <small class="muted"> {i.donorEmail}</small> : null}
                  {i.publicName ? <small class="muted"> · shown as “{i.publicName}”</small> : null}
                </td>
                <td class="hide-narrow">{i.campaign}</td>
                <td class="hide-narrow">
                  <code>{i.providerId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && !list.data.items.length ? <p class="muted">No entries match.</p> : null}
      {list.data ? <Pager page={list.data.page} pages={list.data.pages} total={list.data.total} onPage={(p) => setQuery({ page: p === 1 ? null : p }, false)} noun="row" /> : null}
    </>
  );
}

function TotalsTable({ totals }: { totals: Totals[] }) {
  if (!totals.length) return null;
  return (
    <div class="table-wrap">
      <table class="totals-table">
        <caption>Totals per campaign and currency</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Currency</th>
            <th scope="col" class="num">Payments</th>
            <th scope="col" class="num">Received</th>
            <th scope="col" class="num">Refunded</th>
            <th scope="col" class="num">Net</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((t) => (
            <tr key={`${t.campaign}-${t.currency}`}>
              <td>{t.campaign || '—'}</td>
              <td>{t.currency}</td>
              <td class="num">{t.payments}</td>
              <td class="num">{money(t.grossMinor, t.currency)}</td>
              <td class="num">{money(t.refundedMinor, t.currency)}</td>
              <td class="num">
                <strong>{money(t.netMinor, t.currency)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Money received per month, one bar per month, for one currency at a time; plain SVG with a table beside it. */
export function MonthlyChart({ months }: { months: Month[] }) {
  const currencies = [...new Set(months.map((m) => m.currency))];
  const [currency, setCurrency] = useState(currencies[0] ?? '');
  useEffect(() => {
    if (!currencies.includes(currency)) setCurrency(currencies[0] ?? '');
  }, [currencies.join(',')]);
  const rows = months.filter((m) => m.currency === currency).slice(-24);
  if (!rows.length) return null;
  const max = Math.max(1, ...rows.map((r) => r.netMinor));
  const W = 640;
  const H = 180;
  const barW = Math.min(56, Math.max(4, Math.floor((W - 40) / rows.length) - 6));
  return (
    <figure class="monthly-chart">
      <figcaption>
        Money received per month (net of refunds){' '}
        {currencies.length > 1 ? (
          <select aria-label="Currency" value={currency} onChange={(e) => setCurrency((e.target as HTMLSelectElement).value)}>
            {currencies.map((c) => (
              <option value={c}>{c}</option>
            ))}
          </select>
        ) : (
          currency
        )}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H + 30}`} role="img" aria-label={`Bar chart of money received per month in ${currency}`} class="chart">
        <line x1="30" y1={H} x2={W} y2={H} class="axis" />
        {rows.map((r, i) => {
          const h = Math.round((r.netMinor / max) * (H - 20));
          const x = 36 + i * (barW + 6);
          return (
            <g key={r.month}>
              <rect x={x} y={H - h} width={barW} height={h} class="bar">
                <title>{`${r.month}: ${money(r.netMinor, r.currency)} (${r.payments} payments)`}</title>
              </rect>
              <text x={x + barW / 2} y={H + 16} text-anchor="middle" class="label">
                {rows.length > 12 ? r.month.slice(2) : r.month}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>As a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" class="num">Net</th>
              <th scope="col" class="num">Payments</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.month}>
                <td>{r.month}</td>
                <td class="num">{money(r.netMinor, r.currency)}</td>
                <td class="num">{r.payments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Activity() {
  const events = useLoad((signal) => get<{ items: { provider: string; eventId: string; eventType: string; outcome: string; note: string; receivedAt: string }[]; total: number }>('/api/admin/funding/events', { signal }), []);
  const patrons = useLoad((signal) => get<{ items: { memberId: string; status: string; name: string; email: string; amountCents: number; currency: string; deleted: boolean }[]; active: number }>('/api/admin/funding/patrons', { signal }), []);
  return (
    <>
      <h2>Patrons</h2>
      {patrons.error ? <ErrorText error={patrons.error} /> : null}
      {patrons.data ? <p>{patrons.data.active} active patrons on Patreon.</p> : null}
      <ul class="plain-list">
        {(patrons.data?.items ?? []).map((p) => (
          <li key={p.memberId}>
            {p.name || p.memberId} {p.email ? <small class="muted">{p.email}</small> : null} · {p.deleted ? 'former patron' : p.status.replace(/_/g, ' ')}
            {p.amountCents ? ` · ${money(p.amountCents, p.currency || 'USD')} a month` : ''}
          </li>
        ))}
      </ul>
      <h2>Webhook deliveries</h2>
      {events.error ? <ErrorText error={events.error} /> : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Provider</th>
              <th scope="col">Type</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {(events.data?.items ?? []).map((e) => (
              <tr key={`${e.provider}-${e.eventId}`}>
                <td>{formatDate(e.receivedAt)}</td>
                <td>{e.provider}</td>
                <td>
                  <code>{e.eventType}</code>
                </td>
                <td>
                  {e.outcome}
                  {e.note ? <small class="muted"> — {e.note}</small> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AppealForm() {
  const appeal = useLoad((signal) => get<AppealView>('/api/admin/funding/appeal', { signal }), []);
  const articles = useLoad((signal) => get<{ items: { id: number; headline: string; path: string | null }[] }>('/api/admin/funding/articles', { signal }), []);
  const [v, setV] = useState<AppealView | null>(null);
  const [articleId, setArticleId] = useState('');
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (appeal.data) setV(appeal.data);
  }, [appeal.data]);
  const save = useAction(async () => {
    if (!v) return;
    setV(await put<AppealView>('/api/admin/funding/appeal', v));
    setNote('Saved. Every article shows the new appeal on its next view.');
  });
  const toggle = useAction(async (id: number, variant: boolean) => {
    await put(`/api/admin/funding/articles/${id}/appeal`, { variant });
    setArticleId('');
    articles.reload();
  });
  if (appeal.error) return <ErrorText error={appeal.error} />;
  if (!v) return <Status>Loading…</Status>;
  const up = (patch: Partial<AppealView>) => setV({ ...v, ...patch });
  const field = (name: string) => ((save.error as { field?: string } | null)?.field === name ? (save.error as Error).message : null);
  return (
    <>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <h2>The appeal under every article and on /support/</h2>
        <Field label="Heading" value={v.title} onValue={(t) => up({ title: t })} maxLength={200} error={field('title')} />
        <Field label="Text" value={v.text} onValue={(t) => up({ text: t })} textarea rows={4} error={field('text')} hint="A blank line starts a new paragraph." />
        <Field label="Button label" value={v.donateLabel} onValue={(t) => up({ donateLabel: t })} maxLength={40} />
        <Checkbox label="Show “Supported by N patrons” (needs the Patreon webhook)" checked={v.showPatrons} onChange={(c) => up({ showPatrons: c })} />
        <h2>The per-article variant</h2>
        <Field label="Heading" value={v.articleTitle} onValue={(t) => up({ articleTitle: t })} maxLength={200} />
        <Field label="Text" value={v.articleText} onValue={(t) => up({ articleText: t })} textarea rows={3} />
        <button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save the appeal'}
        </button>
        {save.error && !field('title') && !field('text') ? <ErrorText error={save.error} /> : note ? <Status>{note}</Status> : null}
      </form>
      <h2>Articles showing the variant</h2>
      <ul class="plain-list">
        {(articles.data?.items ?? []).map((a) => (
          <li key={a.id}>
            {a.path ? <a href={a.path}>{a.headline}</a> : a.headline}{' '}
            <button type="button" class="ghost" onClick={() => void toggle.run(a.id, false)}>
              Switch off
            </button>
          </li>
        ))}
      </ul>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d+$/.test(articleId.trim())) void toggle.run(Number(articleId.trim()), true);
        }}
      >
        <Field label="Article id" value={articleId} onValue={setArticleId} inputMode="numeric" />
        <button type="submit" disabled={toggle.busy}>
          Switch the variant on
        </button>
      </form>
      {toggle.error ? <ErrorText error={toggle.error} /> : null}
    </>
  );
}

function secretHint(s: SecretView): string {
  if (s.fromEnv) return `Set by an environment variable (${s.hint || 'hidden'}); it wins over this field.`;
  return s.set ? `Set (${s.hint}). Leave empty to keep it; type a new one to replace it.` : 'Not set.';
}

function SettingsForm() {
  const load = useLoad((signal) => get<SettingsView>('/api/admin/funding/settings', { signal }), []);
  const [s, setS] = useState<SettingsView | null>(null);
  const [goal, setGoal] = useState('');
  const [secrets, setSecrets] = useState({ paypal: '', stripeKey: '', stripeHook: '', patreon: '' });
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!load.data) return;
    setS(load.data);
    const e = exp(load.data.campaign.currency);
    const g = String(load.data.campaign.goalMinor).padStart(e + 1, '0');
    setGoal(e ? `${g.slice(0, -e)}.${g.slice(-e)}` : g);
  }, [load.data]);
  const save = useAction(async () => {
    if (!s) return;
    const body = {
      campaign: { slug: s.campaign.slug, title: s.campaign.title, currency: s.campaign.currency, goal: goal.trim() || '0', endsAt: s.campaign.endsAt || null },
      currencies: s.currencies,
      presets: s.presets,
      paypal: { mode: s.paypal.mode, clientId: s.paypal.clientId, webhookId: s.paypal.webhookId, apiUrl: s.paypal.apiUrl, buttonId: s.paypal.buttonId, business: s.paypal.business, ...(secrets.paypal ? { secret: secrets.paypal } : {}) },
      stripe: { enabled: s.stripe.enabled, monthly: s.stripe.monthly, apiUrl: s.stripe.apiUrl, ...(secrets.stripeKey ? { secretKey: secrets.stripeKey } : {}), ...(secrets.stripeHook ? { webhookSecret: secrets.stripeHook } : {}) },
      patreon: { pageUrl: s.patreon.pageUrl, ...(secrets.patreon ? { webhookSecret: secrets.patreon } : {}) },
    };
    const next = await put<SettingsView>('/api/admin/funding/settings', body);
    setSecrets({ paypal: '', stripeKey: '', stripeHook: '', patreon: '' });
    load.set(next);
    setNote('Saved.');
  });
  if (load.error) return <ErrorText error={load.error} />;
  if (!s) return <Status>Loading…</Status>;
  const err = (name: string) => ((save.error as { field?: string } | null)?.field === name ? (save.error as Error).message : null);
  return (
    <form
      class="stack"
      autocomplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <h2>Campaign</h2>
      <Field label="Campaign id (a new one starts a new count)" value={s.campaign.slug} onValue={(v) => setS({ ...s, campaign: { ...s.campaign, slug: v } })} error={err('campaign.slug')} />
      <Field label="Name" value={s.campaign.title} onValue={(v) => setS({ ...s, campaign: { ...s.campaign, title: v } })} error={err('campaign.title')} />
      <Field label="Currency" value={s.campaign.currency} onValue={(v) => setS({ ...s, campaign: { ...s.campaign, currency: v.toUpperCase() } })} maxLength={3} error={err('campaign.currency')} />
      <Field label="Goal (0 for none)" value={goal} onValue={setGoal} inputMode="decimal" error={err('campaign.goal')} />
      <Field label="Ends on (YYYY-MM-DD, empty for no end)" value={s.campaign.endsAt ? s.campaign.endsAt.slice(0, 10) : ''} onValue={(v) => setS({ ...s, campaign: { ...s.campaign, endsAt: v || null } })} error={err('campaign.endsAt')} />
      <Field label="Currencies offered (comma-separated)" value={s.currencies.join(', ')} onValue={(v) => setS({ ...s, currencies: v.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase()) })} error={err('currencies')} />
      <Field label="Suggested amounts (comma-separated)" value={s.presets.join(', ')} onValue={(v) => setS({ ...s, presets: v.split(/[\s,]+/).filter(Boolean).map(Number) })} error={err('presets')} />

      <h2>PayPal</h2>
      <Select
        label="Mode"
        value={s.paypal.mode}
        onValue={(v) => setS({ ...s, paypal: { ...s.paypal, mode: v as SettingsView['paypal']['mode'] } })}
        options={[
          { value: 'off', label: 'Off' },
          { value: 'button', label: 'Button: a link to PayPal’s donation page (nothing recorded)' },
          { value: 'api', label: 'API: our form, Orders v2, recorded in the ledger' },
        ]}
      />
      <Field label="Hosted button id (button mode)" value={s.paypal.buttonId} onValue={(v) => setS({ ...s, paypal: { ...s.paypal, buttonId: v } })} error={err('paypal.buttonId')} />
      <Field label="Account email or merchant id (button mode, without a button id)" value={s.paypal.business} onValue={(v) => setS({ ...s, paypal: { ...s.paypal, business: v } })} />
      <Field label="Client id" value={s.paypal.clientId} onValue={(v) => setS({ ...s, paypal: { ...s.paypal, clientId: v } })} />
      <Field label="Secret" type="password" value={secrets.paypal} onValue={(v) => setSecrets({ ...secrets, paypal: v })} hint={secretHint(s.paypal.secret)} autoComplete="new-password" />
      <Field label="Webhook id" value={s.paypal.webhookId} onValue={(v) => setS({ ...s, paypal: { ...s.paypal, webhookId: v } })} error={err('paypal.webhookId')} hint="Point the webhook at /webhooks/paypal with PAYMENT.CAPTURE.COMPLETED, .REFUNDED and .REVERSED." />
      <Field label="API base URL" value={s.paypal.apiUrl} onValue={(v) => setS({ ...s, paypal: { ...s.paypal, apiUrl: v } })} error={err('paypal.apiUrl')} hint="Live: https://api-m.paypal.com · Sandbox: https://api-m.sandbox.paypal.com" />

      <h2>Stripe</h2>
      <Checkbox label="Take card payments through Stripe Checkout" checked={s.stripe.enabled} onChange={(c) => setS({ ...s, stripe: { ...s.stripe, enabled: c } })} />
      <Checkbox label="Offer monthly donations" checked={s.stripe.monthly} onChange={(c) => setS({ ...s, stripe: { ...s.stripe, monthly: c } })} />
      <Field label="Secret key" type="password" value={secrets.stripeKey} onValue={(v) => setSecrets({ ...secrets, stripeKey: v })} hint={secretHint(s.stripe.secretKey)} autoComplete="new-password" />
      <Field label="Webhook signing secret" type="password" value={secrets.stripeHook} onValue={(v) => setSecrets({ ...secrets, stripeHook: v })} hint={`${secretHint(s.stripe.webhookSecret)} Send checkout.session.completed, invoice.paid, charge.refunded and customer.subscription.deleted to /webhooks/stripe.`} autoComplete="new-password" />
      <Field label="API base URL" value={s.stripe.apiUrl} onValue={(v) => setS({ ...s, stripe: { ...s.stripe, apiUrl: v } })} error={err('stripe.apiUrl')} />

      <h2>Patreon</h2>
      <Field label="Your Patreon page" value={s.patreon.pageUrl} onValue={(v) => setS({ ...s, patreon: { ...s.patreon, pageUrl: v } })} error={err('patreon.pageUrl')} />
      <Field label="Webhook secret" type="password" value={secrets.patreon} onValue={(v) => setSecrets({ ...secrets, patreon: v })} hint={`${secretHint(s.patreon.webhookSecret)} Send members:pledge:create, :update and :delete to /webhooks/patreon.`} autoComplete="new-password" />

      <button type="submit" disabled={save.busy}>
        {save.busy ? 'Saving…' : 'Save'}
      </button>
      {save.error && !(save.error as { field?: string }).field ? <ErrorText error={save.error} /> : null}
      {save.error && (save.error as { field?: string }).field ? <ErrorText error={save.error} /> : note ? <Status>{note}</Status> : null}
    </form>
  );
}
