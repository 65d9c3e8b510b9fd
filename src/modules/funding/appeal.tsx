// What the appeal shows now: texts from the settings, the campaign's progress from the ledger, the patron count.
// For the article page: the block, the cache tags it depends on (the ledger's tag moves every article page's bar
// on the next request), and when the page must stop being served (the campaign's end).
import type { VNode } from 'preact';
import type { Ctx } from '../../platform/context/index.js';
import { FUNDING_TAG } from './operations/applyMoneyEvent.js';
import { campaignProgress, patronCount } from './queries.js';
import { providers, readFundingSettings, readSiteAppeal, type FundingSettings } from './settings.js';
import type { FundingEnv } from '../../config.js';
import { AppealInner, type AppealData } from './views/appeal.js';

export const DEFAULT_TITLE = 'Support independent journalism';
export const DEFAULT_TEXT = 'We are funded by our readers, not by advertisers or owners. If you value what we publish, help us keep doing it.';

/** The link to PayPal's own donation page (button mode): the hosted button, or the account by its email or id. */
export function paypalButtonUrl(s: FundingSettings, currency: string): string | null {
  if (s.paypal.mode !== 'button') return null;
  if (s.paypal.buttonId) return `https://www.paypal.com/donate/?hosted_button_id=${encodeURIComponent(s.paypal.buttonId)}`;
  if (s.paypal.business) return `https://www.paypal.com/donate/?business=${encodeURIComponent(s.paypal.business)}&currency_code=${encodeURIComponent(currency)}`;
  return null;
}

export async function appealData(ctx: Ctx, env: FundingEnv, opts: { articleId?: number | null; variant?: boolean; now?: number } = {}): Promise<{ data: AppealData; settings: FundingSettings }> {
  const now = opts.now ?? Date.now();
  const s = await readFundingSettings(ctx.db);
  const [site, progress, patrons] = await Promise.all([readSiteAppeal(ctx.db), campaignProgress(ctx.db, s.campaign.slug, s.campaign.currency), s.appeal.showPatrons ? patronCount(ctx.db) : Promise.resolve(null)]);
  const p = providers(s, env);
  const takesMoney = (p.paypal.mode === 'api' && !!p.paypal.clientId && !!p.paypal.secret) || (p.stripe.enabled && !!p.stripe.secretKey);
  const variant = opts.variant === true && (s.appeal.articleTitle !== '' || s.appeal.articleText !== '');
  const data: AppealData = {
    title: (variant ? s.appeal.articleTitle : '') || site.title || DEFAULT_TITLE,
    text: (variant ? s.appeal.articleText : '') || site.text || DEFAULT_TEXT,
    campaign: s.campaign,
    raisedMinor: progress.raisedMinor,
    ended: s.campaign.endsAt !== null && Date.parse(s.campaign.endsAt) <= now,
    patrons,
    donateLabel: s.appeal.donateLabel,
    donateHref: takesMoney ? `/support/${opts.articleId ? `?article=${opts.articleId}` : ''}#donate` : null,
    paypalButtonUrl: paypalButtonUrl(s, s.campaign.currency),
    patreonUrl: s.patreon.pageUrl || null,
  };
  return { data, settings: s };
}

/** For the article page's appeal slot. */
export async function renderAppeal(ctx: Ctx, env: FundingEnv, article: { id: number }, now = Date.now()): Promise<{ node: VNode; tags: string[]; expiresAt: number }> {
  const on = await ctx.db.selectFrom('funding_article_appeals').select('article_id').where('article_id', '=', article.id).executeTakeFirst();
  const { data } = await appealData(ctx, env, { articleId: article.id, variant: !!on, now });
  const end = data.campaign.endsAt ? Date.parse(data.campaign.endsAt) : Infinity;
  return {
    node: (<AppealInner d={data} />) as VNode,
    tags: [FUNDING_TAG, 'settings', `article:${article.id}`],
    expiresAt: end > now ? end : Infinity,
  };
}
