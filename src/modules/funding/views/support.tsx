// /support/ (the appeal and the donation form, which works without JavaScript) and /support/thanks/.
import { formatMoney } from '../money.js';
import { AppealInner, type AppealData } from './appeal.js';

export interface FormValues {
  amount: string;
  other: string;
  currency: string;
  frequency: 'one_off' | 'monthly';
  mention: boolean;
  publicName: string;
}

export interface FormSetup {
  csrf: string;
  articleId: number | null;
  currencies: string[];
  presets: number[];
  /** Ways to pay that take money on our page. */
  paypal: boolean;
  stripe: boolean;
  monthly: boolean;
  values: FormValues;
  message?: string;
  field?: string;
}

export function SupportPageView({ appeal, form, notice }: { appeal: AppealData; form: FormSetup | null; notice?: string }) {
  return (
    <article class="support-page">
      <section class="appeal appeal-page" aria-label="Support our journalism">
        <AppealInner d={appeal} headingLevel={1} />
      </section>
      {notice && (
        <p class="support-notice" role="status">
          {notice}
        </p>
      )}
      {form ? <DonateForm f={form} /> : <p class="support-none">Donations on this site are not open yet.</p>}
    </article>
  );
}

function DonateForm({ f }: { f: FormSetup }) {
  const v = f.values;
  const isPreset = f.presets.map(String).includes(v.amount);
  const err = (field: string) => (f.field === field ? 'donate-error' : undefined);
  return (
    <form class="donate-form" id="donate" method="post" action="/support/donate" novalidate>
      <h2>Give now</h2>
      {f.message && (
        <p class="form-error" id="donate-error" role="alert">
          {f.message}
        </p>
      )}
      <input type="hidden" name="csrf" value={f.csrf} />
      {f.articleId !== null && <input type="hidden" name="article" value={String(f.articleId)} />}
      <fieldset class="donate-amounts" aria-describedby={err('amount')}>
        <legend>Amount</legend>
        {f.presets.map((p) => (
          <label class="donate-preset">
            <input type="radio" name="amount" value={String(p)} checked={v.amount === String(p)} /> {p.toLocaleString('en')}
          </label>
        ))}
        <label class="donate-preset">
          <input type="radio" name="amount" value="other" checked={!isPreset} /> Other
        </label>
        <label class="donate-other">
          <span>Other amount</span>
          <input type="text" name="other" id="donate-other" inputMode="decimal" autoComplete="off" value={v.other} aria-invalid={f.field === 'amount' ? 'true' : undefined} />
        </label>
      </fieldset>
      <label class="donate-currency">
        <span>Currency</span>
        <select name="currency" aria-invalid={f.field === 'currency' ? 'true' : undefined}>
          {f.currencies.map((c) => (
            <option value={c} selected={c === v.currency}>
              {c}
            </option>
          ))}
        </select>
      </label>
      {f.monthly && (
        <fieldset class="donate-frequency">
          <legend>How often</legend>
          <label>
            <input type="radio" name="frequency" value="one_off" checked={v.frequency !== 'monthly'} /> Once
          </label>
          <label>
            <input type="radio" name="frequency" value="monthly" checked={v.frequency === 'monthly'} /> Every month (card, through Stripe)
          </label>
        </fieldset>
      )}
      <fieldset class="donate-mention">
        <legend>Thank me in public (optional)</legend>
        <label>
          <input type="checkbox" name="mention" value="1" checked={v.mention} /> Name me among our supporters
        </label>
        <label>
          <span>Name to show</span>
          <input type="text" name="public_name" maxLength={80} autoComplete="name" value={v.publicName} aria-invalid={f.field === 'public_name' ? 'true' : undefined} />
        </label>
        <small>Your email address and the amount are never shown.</small>
      </fieldset>
      <p class="donate-submit">
        {f.paypal && (
          <button type="submit" name="provider" value="paypal" class="donate-paypal">
            Give with PayPal
          </button>
        )}{' '}
        {f.stripe && (
          <button type="submit" name="provider" value="stripe" class="donate-stripe">
            Give by card
          </button>
        )}
      </p>
      <p class="donate-note">You will confirm the payment on the provider’s page; the amount is taken only when you confirm there.</p>
    </form>
  );
}

export interface ThanksData {
  confirmed: { amountMinor: number; currency: string; kind: 'one_off' | 'recurring' } | null;
  pending: boolean;
  monthly: boolean;
  back: { path: string; headline: string } | null;
}

export function ThanksPageView({ t, appeal }: { t: ThanksData; appeal: AppealData | null }) {
  return (
    <article class="support-page thanks-page">
      <h1 class="headline">Thank you</h1>
      {t.confirmed ? (
        <p class="thanks-confirmed" data-amount-minor={String(t.confirmed.amountMinor)} data-currency={t.confirmed.currency}>
          We received your {t.confirmed.kind === 'recurring' ? 'first monthly ' : ''}donation of <strong>{formatMoney(t.confirmed.amountMinor, t.confirmed.currency)}</strong>. A receipt is on its way to your inbox.
        </p>
      ) : t.pending ? (
        <p class="thanks-pending">{t.monthly ? 'Your monthly donation is being set up. You will get a receipt by email once the first payment goes through.' : 'Your payment is being confirmed by the provider. You will get a receipt by email once it is through.'}</p>
      ) : (
        <p>Readers like you keep our journalism independent.</p>
      )}
      {appeal && (
        <section class="appeal" aria-label="Campaign progress">
          <h2 class="appeal-title">{appeal.campaign.title || 'Our campaign'}</h2>
          <AppealProgressOnly appeal={appeal} />
        </section>
      )}
      <p class="thanks-back">{t.back ? <a href={t.back.path}>Back to “{t.back.headline}”</a> : <a href="/">Back to the front page</a>}</p>
    </article>
  );
}

function AppealProgressOnly({ appeal }: { appeal: AppealData }) {
  const goal = appeal.campaign.goalMinor;
  return (
    <div class="appeal-progress" data-raised-minor={String(appeal.raisedMinor)} data-goal-minor={String(goal)} data-currency={appeal.campaign.currency}>
      <p class="appeal-raised">
        <strong>{formatMoney(appeal.raisedMinor, appeal.campaign.currency)}</strong> raised{goal > 0 ? ` of ${formatMoney(goal, appeal.campaign.currency)}` : ''}.
      </p>
      {goal > 0 && <progress class="appeal-bar" max={goal} value={Math.min(appeal.raisedMinor, goal)} />}
    </div>
  );
}

