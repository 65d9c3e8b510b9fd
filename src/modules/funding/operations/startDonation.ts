// A reader's donation from our form: the amount and currency checked, the rate limit counted from stored rows (so
// every process shares it), a checkout row kept as our reference, and the provider asked for a payment page. The
// amount asked for is only what the reader is shown there; the ledger later takes the amount the provider confirms.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../../platform/context/index.js';
import { AppError, badInput } from '../../../platform/http/errors.js';
import type { FundingEnv } from '../../../config.js';
import type { FundingLimits } from '../deps.js';
import { checkFormAmount, formatMoney } from '../money.js';
import { providers, readFundingSettings, paypalReady, stripeReady } from '../settings.js';
import { createOrder } from '../providers/paypal.js';
import { createCheckoutSession } from '../providers/stripe.js';

export interface DonationInput {
  provider: string;
  /** A preset's value, or "other" to take `other`. */
  amount: string;
  other: string;
  currency: string;
  frequency: string;
  articleId: string;
  mention: boolean;
  publicName: string;
  ip: string;
}

export interface Started {
  token: string;
  redirectUrl: string;
}

export interface SiteInfo {
  baseUrl: string;
  title: string;
}

export async function startDonation(ctx: Ctx, env: FundingEnv, site: SiteInfo, limits: FundingLimits, input: DonationInput, now = new Date()): Promise<Started> {
  const s = await readFundingSettings(ctx.db);
  const p = providers(s, env);
  const provider = input.provider;
  if (provider !== 'paypal' && provider !== 'stripe') throw badInput('Choose how to pay: PayPal or card.', 'provider');
  if (provider === 'paypal' && !paypalReady(p.paypal)) throw badInput('Payments through PayPal are not available on this site. Choose another way to pay.', 'provider');
  if (provider === 'stripe' && !stripeReady(p.stripe)) throw badInput('Card payments are not available on this site. Choose another way to pay.', 'provider');
  const currency = input.currency.trim().toUpperCase();
  if (!s.currencies.includes(currency)) throw badInput(`We take donations in ${s.currencies.join(', ')}. Choose one of those.`, 'currency');
  const amountText = input.amount === 'other' || input.amount === '' ? input.other : input.amount;
  const amountMinor = checkFormAmount(amountText, currency);
  const monthly = input.frequency === 'monthly';
  if (input.frequency !== '' && input.frequency !== 'one_off' && !monthly) throw badInput('Choose to give once or every month.', 'frequency');
  if (monthly && (provider !== 'stripe' || !p.stripe.monthly)) throw badInput('Monthly donations are taken by card. Choose “Give by card”, or give once.', 'frequency');
  const publicName = input.mention ? input.publicName.trim().replace(/\s+/g, ' ') : '';
  if (input.mention && !publicName) throw badInput('Enter the name to show, or untick “Name me among our supporters”.', 'public_name');
  if (publicName.length > 80 || /[\u0000-\u001f<>]/.test(publicName)) throw badInput('The name to show must be at most 80 characters, without < or >.', 'public_name');
  let articleId: number | null = null;
  if (/^[1-9]\d{0,15}$/.test(input.articleId)) {
    const a = await ctx.db.selectFrom('articles').select('id').where('id', '=', Number(input.articleId)).executeTakeFirst();
    articleId = a ? Number(a.id) : null;
  }

  const since = new Date(now.getTime() - limits.windowSeconds * 1000).toISOString();
  const recent = await ctx.db.selectFrom('funding_checkouts').select((eb) => eb.fn.countAll<number>().as('n')).where('ip', '=', input.ip).where('created_at', '>', since).executeTakeFirst();
  if (Number(recent?.n ?? 0) >= limits.checkouts) {
    const err = new AppError('BROADSIDE_E_RATE_LIMITED', 'You have started several donations in a short time. Wait a few minutes, then try again.', 'form');
    (err as AppError & { retryAfterSeconds: number }).retryAfterSeconds = limits.windowSeconds;
    throw err;
  }

  const token = randomBytes(16).toString('base64url');
  await ctx.db
    .insertInto('funding_checkouts')
    .values({ token, provider, provider_ref: null, kind: monthly ? 'recurring' : 'one_off', amount_minor: amountMinor, currency, campaign: s.campaign.slug, article_id: articleId, public_name: publicName, ip: input.ip, subscription_id: null, subscription_ended_at: null, created_at: now.toISOString() })
    .execute();

  const description = `${monthly ? 'Monthly donation' : 'Donation'} to ${site.title}: ${formatMoney(amountMinor, currency)}`;
  let ref: { id: string; url: string };
  if (provider === 'paypal') {
    const o = await createOrder(p.paypal, {
      checkout: token,
      amountMinor,
      currency,
      description,
      brandName: site.title,
      returnUrl: `${site.baseUrl}/support/paypal/return`,
      cancelUrl: `${site.baseUrl}/support/paypal/cancel`,
    });
    ref = { id: o.id, url: o.approveUrl };
  } else {
    ref = await createCheckoutSession(p.stripe, {
      checkout: token,
      monthly,
      amountMinor,
      currency,
      productName: `${monthly ? 'Monthly donation' : 'Donation'} to ${site.title}`,
      campaign: s.campaign.slug,
      successUrl: `${site.baseUrl}/support/thanks/?c=${token}&session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${site.baseUrl}/support/?cancelled=1${articleId ? `&article=${articleId}` : ''}#donate`,
    });
  }
  await ctx.db.updateTable('funding_checkouts').set({ provider_ref: ref.id }).where('token', '=', token).execute();
  return { token, redirectUrl: ref.url };
}
