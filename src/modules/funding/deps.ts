// What the funding module's routes need from the app.
import type { FundingEnv } from '../../config.js';
import type { Ctx } from '../../platform/context/index.js';
import type { PublicSite } from '../../web/site.js';
import type { MailSite } from './receipt.js';

export interface FundingLimits {
  /** Donations a reader (one address) may start in `windowSeconds`. */
  checkouts: number;
  windowSeconds: number;
}

export const DEFAULT_LIMITS: FundingLimits = { checkouts: 10, windowSeconds: 600 };

export interface FundingDeps {
  ctx: Ctx;
  site: PublicSite;
  env: FundingEnv;
  secureCookies: boolean;
  limits: FundingLimits;
  mailSite(): Promise<MailSite>;
}
