// The appeal: heading, text, the campaign's progress (a native <progress>, so it needs no script and no inline
// style), "supported by N patrons", and the ways to give. Used under articles and at the top of /support/.
import { formatMoney } from '../money.js';
import type { Campaign } from '../settings.js';

export interface AppealData {
  title: string;
  text: string;
  campaign: Campaign;
  raisedMinor: number;
  /** The campaign's end has passed. */
  ended: boolean;
  patrons: number | null;
  donateLabel: string;
  /** Where "Support us" leads (/support/ with the article, for the thank-you page's way back). */
  donateHref: string | null;
  paypalButtonUrl: string | null;
  patreonUrl: string | null;
}

export function CampaignProgress({ d }: { d: Pick<AppealData, 'campaign' | 'raisedMinor' | 'ended'> }) {
  const { campaign: c, raisedMinor } = d;
  const goal = c.goalMinor;
  // No goal and nothing yet: no "€0.00 raised" under every article of a site that has only just begun.
  if (goal === 0 && raisedMinor === 0) return null;
  const pct = goal > 0 ? Math.min(100, Math.floor((raisedMinor * 100) / goal)) : null;
  const ends = c.endsAt ? new Date(c.endsAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : null;
  return (
    <div class="appeal-progress" data-campaign={c.slug} data-currency={c.currency} data-raised-minor={String(raisedMinor)} data-goal-minor={String(goal)}>
      <p class="appeal-raised">
        <strong class="appeal-raised-amount">{formatMoney(raisedMinor, c.currency)}</strong> raised
        {goal > 0 && (
          <>
            {' '}
            of our <strong>{formatMoney(goal, c.currency)}</strong> goal
          </>
        )}
        {c.title && <> for {c.title}</>}
        {pct !== null && <span class="appeal-percent"> ({pct}%)</span>}
      </p>
      {goal > 0 && (
        <progress class="appeal-bar" max={goal} value={Math.min(raisedMinor, goal)} aria-label={`${pct}% of the goal raised`}>
          {pct}%
        </progress>
      )}
      {ends && <p class="appeal-ends">{d.ended ? `The campaign ended on ${ends}. Thank you to everyone who gave.` : `The campaign runs until ${ends}.`}</p>}
    </div>
  );
}

export function AppealInner({ d, headingLevel = 2 }: { d: AppealData; headingLevel?: 1 | 2 }) {
  const H = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <>
      <H class="appeal-title">{d.title}</H>
      {d.text.split(/\n{2,}/).map((p) => (
        <p class="appeal-text">{p}</p>
      ))}
      <CampaignProgress d={d} />
      {d.patrons !== null && d.patrons > 0 && (
        <p class="appeal-patrons">
          Supported by {d.patrons} {d.patrons === 1 ? 'patron' : 'patrons'} on Patreon.
        </p>
      )}
      {(d.donateHref || d.paypalButtonUrl || d.patreonUrl) && (
        <p class="appeal-actions">
          {d.donateHref && (
            <a class="button appeal-donate" href={d.donateHref}>
              {d.donateLabel}
            </a>
          )}
          {d.paypalButtonUrl && (
            <a class="button button-secondary appeal-paypal" href={d.paypalButtonUrl} rel="noopener">
              Donate via PayPal
            </a>
          )}
          {d.patreonUrl && (
            <a class="button button-secondary appeal-patreon" href={d.patreonUrl} rel="noopener">
              Become a patron
            </a>
          )}
        </p>
      )}
    </>
  );
}
