// What the funding module's routes need from the app.
import type { FundingEnv } from '../../config.js';
import type { Ctx } from '../../platform/context/index.js';
import type { PublicSite } from '../../web/site.js';
import type { MailSite } from './receipt.js';

export interface FundingLimits {
  /** Donations a reader (one address) may start in `windowSeconds`. */
  checkouts: number;
  windowSeconds: number;
  /**
   * Webhook deliveries one address may send a minute (every delivery is verified before anything is stored;
   * this bounds the work, and the certificate fetches, a flood of forged ones can cause). Providers send from a
   * few addresses and retry what is refused, so the bound is generous.
   */
  webhooksPerMinute: number;
}

export const DEFAULT_LIMITS: FundingLimits = { checkouts: 10, windowSeconds: 600, webhooksPerMinute: 1200 };

export interface FundingDeps {
  ctx: Ctx;
  site: PublicSite;
  env: FundingEnv;
  secureCookies: boolean;
  limits: FundingLimits;
  mailSite(): Promise<MailSite>;
}
