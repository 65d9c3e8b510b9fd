// The funding settings: the campaign, what the form offers, the appeal's extra texts, and each provider's keys.
// Stored as one JSON row in `settings` ('funding.settings'); 'site.appeal' {title, text} keeps the appeal's heading
// and text (shared with the site settings). A key set in the environment wins over the stored one. Read on every
// article render, so each process keeps them a few seconds; a change made in this process is seen at once.
import { isObject, storedSettings } from '../../platform/settings.js';
import type { Db } from '../../platform/db/index.js';
import type { FundingEnv } from '../../config.js';
import { badInput } from '../../platform/http/errors.js';
import { isCurrency, maxDonation, parseAmount } from './money.js';

export type PaypalMode = 'off' | 'button' | 'api';

export interface Campaign {
  /** Stored on each ledger row; a new slug starts a new count. */
  slug: string;
  title: string;
  /** Minor units of `currency`; 0 = no goal (the bar then shows only what was raised). */
  goalMinor: number;
  currency: string;
  /** ISO 8601; after it the appeal no longer shows the bar and the campaign is over. */
  endsAt: string | null;
}

export interface AppealExtras {
  donateLabel: string;
  /** The per-article variant an editor switches on for an article. */
  articleTitle: string;
  articleText: string;
  /** "Supported by N patrons" under the appeal (needs the Patreon webhook). */
  showPatrons: boolean;
}

export interface FundingSettings {
  campaign: Campaign;
  /** Offered on the form; the first is the default. */
  currencies: string[];
  /** Suggested amounts in the main unit (5 → €5.00, ¥5). */
  presets: number[];
  appeal: AppealExtras;
  paypal: { mode: PaypalMode; clientId: string; secret: string; webhookId: string; apiUrl: string; buttonId: string; business: string };
  stripe: { enabled: boolean; monthly: boolean; secretKey: string; webhookSecret: string; apiUrl: string };
  patreon: { pageUrl: string; webhookSecret: string };
}

export const PAYPAL_LIVE = 'https://api-m.paypal.com';
export const STRIPE_LIVE = 'https://api.stripe.com';

export const DEFAULT_FUNDING: FundingSettings = {
  campaign: { slug: 'general', title: 'Reader support', goalMinor: 0, currency: 'EUR', endsAt: null },
  currencies: ['EUR', 'USD', 'GBP'],
  presets: [5, 10, 25, 50],
  appeal: {
    donateLabel: 'Support us',
    articleTitle: 'Liked this article?',
    articleText: 'It was paid for by readers like you. Help us write the next one.',
    showPatrons: true,
  },
  paypal: { mode: 'off', clientId: '', secret: '', webhookId: '', apiUrl: PAYPAL_LIVE, buttonId: '', business: '' },
  stripe: { enabled: false, monthly: true, secretKey: '', webhookSecret: '', apiUrl: STRIPE_LIVE },
  patreon: { pageUrl: '', webhookSecret: '' },
};

export const SETTINGS_KEY = 'funding.settings';
export const SITE_APPEAL_KEY = 'site.appeal';
const SECRET_FIELDS = ['paypal.secret', 'stripe.secretKey', 'stripe.webhookSecret', 'patreon.webhookSecret'] as const;

function text(v: unknown, field: string, max: number, opts: { oneLine?: boolean } = {}): string {
  if (typeof v !== 'string') throw badInput(`${field} must be text.`, field);
  const t = v.trim();
  if (t.length > max) throw badInput(`${field} is longer than ${max} characters.`, field);
  if (opts.oneLine && /[\r\n\u0000-\u001f]/.test(t)) throw badInput(`${field} must be one line.`, field);
  return t;
}

function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw badInput(`${field} must be true or false.`, field);
  return v;
}

function httpsUrl(v: unknown, field: string, allowHttp = false): string {
  const t = text(v, field, 500, { oneLine: true });
  if (!t) return '';
  try {
    const u = new URL(t);
    if (u.protocol === 'https:' || (allowHttp && u.protocol === 'http:')) return u.href.replace(/\/+$/, '');
  } catch {
    /* below */
  }
  throw badInput(`${field} must be a full https:// address.`, field);
}

function fields(v: unknown, field: string, allowed: string[]): Record<string, unknown> {
  if (!isObject(v)) throw badInput(`${field} must be an object.`, field);
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw badInput(`${field} has no field "${k}".`, `${field}.${k}`);
  return v;
}

/** A secret field: undefined keeps it, '' clears it, text replaces it. */
function secret(v: unknown, field: string, current: string): string {
  if (v === undefined || v === null) return current;
  return text(v, field, 500, { oneLine: true });
}

/** Validates a partial change against the current settings: unknown fields and bad values are refused. */
export function mergeFunding(current: FundingSettings, patch: unknown): FundingSettings {
  if (!isObject(patch)) throw badInput('Send the settings as a JSON object.');
  const next: FundingSettings = structuredClone(current);
  for (const [k, v] of Object.entries(patch)) {
    switch (k) {
      case 'campaign': {
        const c = fields(v, 'campaign', ['slug', 'title', 'goalMinor', 'goal', 'currency', 'endsAt']);
        if (c.slug !== undefined) {
          const slug = text(c.slug, 'campaign.slug', 60);
          if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw badInput('campaign.slug is lowercase letters, digits and hyphens, such as "winter-2026".', 'campaign.slug');
          next.campaign.slug = slug;
        }
        if (c.title !== undefined) next.campaign.title = text(c.title, 'campaign.title', 120, { oneLine: true });
        if (c.currency !== undefined) {
          if (!isCurrency(c.currency)) throw badInput('campaign.currency must be an ISO 4217 code such as EUR.', 'campaign.currency');
          next.campaign.currency = c.currency;
        }
        if (c.goal !== undefined) {
          // The goal as people write it ("25000.00"), in the campaign's currency.
          const minor = typeof c.goal === 'string' ? parseAmount(c.goal, next.campaign.currency) : null;
          if (minor === null) throw badInput(`campaign.goal must be an amount in ${next.campaign.currency}, such as 25000.`, 'campaign.goal');
          next.campaign.goalMinor = minor;
        }
        if (c.goalMinor !== undefined) {
          if (typeof c.goalMinor !== 'number' || !Number.isSafeInteger(c.goalMinor) || c.goalMinor < 0) throw badInput('campaign.goalMinor must be a whole number of minor units, 0 or more.', 'campaign.goalMinor');
          next.campaign.goalMinor = c.goalMinor;
        }
        if (c.endsAt !== undefined) {
          if (c.endsAt === null || c.endsAt === '') next.campaign.endsAt = null;
          else if (typeof c.endsAt === 'string' && !Number.isNaN(Date.parse(c.endsAt))) next.campaign.endsAt = new Date(Date.parse(c.endsAt)).toISOString();
          else throw badInput('campaign.endsAt must be a date such as 2026-12-31, or null for no end.', 'campaign.endsAt');
        }
        break;
      }
      case 'currencies': {
        if (!Array.isArray(v) || v.length < 1 || v.length > 20 || !v.every(isCurrency)) throw badInput('currencies must be a list of 1 to 20 ISO 4217 codes, such as ["EUR", "USD"].', 'currencies');
        next.currencies = [...new Set(v as string[])];
        break;
      }
      case 'presets': {
        if (!Array.isArray(v) || v.length > 8 || !v.every((n) => typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 100_000)) {
          throw badInput('presets must be a list of at most 8 whole amounts from 1 to 100,000.', 'presets');
        }
        next.presets = v as number[];
        break;
      }
      case 'appeal': {
        const a = fields(v, 'appeal', ['donateLabel', 'articleTitle', 'articleText', 'showPatrons']);
        if (a.donateLabel !== undefined) next.appeal.donateLabel = text(a.donateLabel, 'appeal.donateLabel', 40, { oneLine: true }) || DEFAULT_FUNDING.appeal.donateLabel;
        if (a.articleTitle !== undefined) next.appeal.articleTitle = text(a.articleTitle, 'appeal.articleTitle', 200, { oneLine: true });
        if (a.articleText !== undefined) next.appeal.articleText = text(a.articleText, 'appeal.articleText', 2000);
        if (a.showPatrons !== undefined) next.appeal.showPatrons = bool(a.showPatrons, 'appeal.showPatrons');
        break;
      }
      case 'paypal': {
        const p = fields(v, 'paypal', ['mode', 'clientId', 'secret', 'webhookId', 'apiUrl', 'buttonId', 'business']);
        if (p.mode !== undefined) {
          if (p.mode !== 'off' && p.mode !== 'button' && p.mode !== 'api') throw badInput('paypal.mode must be "off", "button" or "api".', 'paypal.mode');
          next.paypal.mode = p.mode;
        }
        if (p.clientId !== undefined) next.paypal.clientId = text(p.clientId, 'paypal.clientId', 200, { oneLine: true });
        next.paypal.secret = secret(p.secret, 'paypal.secret', next.paypal.secret);
        if (p.webhookId !== undefined) {
          const w = text(p.webhookId, 'paypal.webhookId', 50);
          if (w && !/^[A-Za-z0-9]+$/.test(w)) throw badInput('paypal.webhookId is the letters and digits PayPal shows for the webhook.', 'paypal.webhookId');
          next.paypal.webhookId = w;
        }
        if (p.apiUrl !== undefined) next.paypal.apiUrl = httpsUrl(p.apiUrl, 'paypal.apiUrl') || PAYPAL_LIVE;
        if (p.buttonId !== undefined) {
          const b = text(p.buttonId, 'paypal.buttonId', 40);
          if (b && !/^[A-Za-z0-9]+$/.test(b)) throw badInput('paypal.buttonId is the hosted button id PayPal gives (letters and digits).', 'paypal.buttonId');
          next.paypal.buttonId = b;
        }
        if (p.business !== undefined) next.paypal.business = text(p.business, 'paypal.business', 200, { oneLine: true });
        break;
      }
      case 'stripe': {
        const s = fields(v, 'stripe', ['enabled', 'monthly', 'secretKey', 'webhookSecret', 'apiUrl']);
        if (s.enabled !== undefined) next.stripe.enabled = bool(s.enabled, 'stripe.enabled');
        if (s.monthly !== undefined) next.stripe.monthly = bool(s.monthly, 'stripe.monthly');
        next.stripe.secretKey = secret(s.secretKey, 'stripe.secretKey', next.stripe.secretKey);
        next.stripe.webhookSecret = secret(s.webhookSecret, 'stripe.webhookSecret', next.stripe.webhookSecret);
        if (s.apiUrl !== undefined) next.stripe.apiUrl = httpsUrl(s.apiUrl, 'stripe.apiUrl') || STRIPE_LIVE;
        break;
      }
      case 'patreon': {
        const p = fields(v, 'patreon', ['pageUrl', 'webhookSecret']);
        if (p.pageUrl !== undefined) next.patreon.pageUrl = httpsUrl(p.pageUrl, 'patreon.pageUrl');
        next.patreon.webhookSecret = secret(p.webhookSecret, 'patreon.webhookSecret', next.patreon.webhookSecret);
        break;
      }
      default:
        throw badInput(`There is no funding setting "${k}".`, k);
    }
  }
  if (!next.currencies.includes(next.campaign.currency)) next.currencies = [next.campaign.currency, ...next.currencies].slice(0, 20);
  if (next.campaign.goalMinor > maxDonation(next.campaign.currency) * 10_000) throw badInput('campaign.goal is beyond any sensible goal.', 'campaign.goal');
  return next;
}

const stored = storedSettings<FundingSettings>(SETTINGS_KEY, DEFAULT_FUNDING, mergeFunding);

export function readFundingSettings(db: Db, fresh = false): Promise<FundingSettings> {
  return stored.read(db, fresh);
}

export function writeFundingSettings(db: Db, value: FundingSettings): Promise<void> {
  return stored.write(db, value);
}

export function forgetFundingSettings(db: Db): void {
  stored.forget(db);
}

/** The appeal's heading and text, kept with the site settings. */
export async function readSiteAppeal(db: Db): Promise<{ title: string; text: string }> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SITE_APPEAL_KEY).executeTakeFirst();
  try {
    const v = row ? (JSON.parse(row.value) as unknown) : {};
    if (isObject(v)) return { title: typeof v.title === 'string' ? v.title : '', text: typeof v.text === 'string' ? v.text : '' };
  } catch {
    /* below */
  }
  return { title: '', text: '' };
}

// ---- What the providers' code uses: stored settings with the environment's keys over them -----------------------

export interface PaypalConfig {
  mode: PaypalMode;
  clientId: string;
  secret: string;
  webhookId: string;
  apiUrl: string;
  buttonId: string;
  business: string;
  rootsPem: string | null;
}

export interface StripeConfig {
  enabled: boolean;
  monthly: boolean;
  secretKey: string;
  webhookSecret: string;
  apiUrl: string;
}

export interface Providers {
  paypal: PaypalConfig;
  stripe: StripeConfig;
  patreon: { pageUrl: string; webhookSecret: string };
}

export function providers(s: FundingSettings, env: FundingEnv): Providers {
  return {
    paypal: {
      ...s.paypal,
      clientId: env.paypalClientId ?? s.paypal.clientId,
      secret: env.paypalSecret ?? s.paypal.secret,
      webhookId: env.paypalWebhookId ?? s.paypal.webhookId,
      apiUrl: env.paypalApiUrl ?? s.paypal.apiUrl,
      rootsPem: env.paypalRootsPem,
    },
    stripe: {
      ...s.stripe,
      secretKey: env.stripeSecretKey ?? s.stripe.secretKey,
      webhookSecret: env.stripeWebhookSecret ?? s.stripe.webhookSecret,
      apiUrl: env.stripeApiUrl ?? s.stripe.apiUrl,
    },
    patreon: { ...s.patreon, webhookSecret: env.patreonWebhookSecret ?? s.patreon.webhookSecret },
  };
}

/** PayPal API mode can take money only with its keys. */
export function paypalReady(p: PaypalConfig): boolean {
  return p.mode === 'api' && !!p.clientId && !!p.secret;
}

export function stripeReady(s: StripeConfig): boolean {
  return s.enabled && !!s.secretKey;
}

// ---- What the admin sees: secrets never in full -------------------------------------------------------------------

export interface SecretView {
  set: boolean;
  /** The last four characters, for telling keys apart. */
  hint: string;
  fromEnv: boolean;
}

function view(value: string, fromEnv: boolean): SecretView {
  return { set: value !== '', hint: value.length >= 12 ? `…${value.slice(-4)}` : value ? '…' : '', fromEnv };
}

export function settingsView(s: FundingSettings, env: FundingEnv) {
  const eff = providers(s, env);
  return {
    campaign: s.campaign,
    currencies: s.currencies,
    presets: s.presets,
    appeal: s.appeal,
    paypal: {
      mode: s.paypal.mode,
      clientId: eff.paypal.clientId,
      secret: view(eff.paypal.secret, env.paypalSecret !== null),
      webhookId: eff.paypal.webhookId,
      apiUrl: eff.paypal.apiUrl,
      buttonId: s.paypal.buttonId,
      business: s.paypal.business,
      fromEnv: { clientId: env.paypalClientId !== null, webhookId: env.paypalWebhookId !== null, apiUrl: env.paypalApiUrl !== null },
    },
    stripe: {
      enabled: s.stripe.enabled,
      monthly: s.stripe.monthly,
      secretKey: view(eff.stripe.secretKey, env.stripeSecretKey !== null),
      webhookSecret: view(eff.stripe.webhookSecret, env.stripeWebhookSecret !== null),
      apiUrl: eff.stripe.apiUrl,
      fromEnv: { apiUrl: env.stripeApiUrl !== null },
    },
    patreon: { pageUrl: s.patreon.pageUrl, webhookSecret: view(eff.patreon.webhookSecret, env.patreonWebhookSecret !== null) },
  };
}

export const SECRET_SETTING_FIELDS = SECRET_FIELDS;
