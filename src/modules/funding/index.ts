// The funding module's only door: the appeal under every article and at /support/, one-off donations through
// PayPal (button or Orders v2) and Stripe Checkout (one-off and monthly), Patreon patrons, and the ledger that
// counts each provider event once, with its admin API, receipts through the mail queue, and the export.
import type { FastifyInstance } from 'fastify';
import type { FundingDeps } from './deps.js';
import { registerSupportRoutes } from './routes.js';
import { registerWebhooks } from './webhooks.js';
import { registerFundingAdminRoutes } from './admin-routes.js';

export { renderAppeal, appealData } from './appeal.js';
export { applyMoneyEvent, FUNDING_TAG, type ApplyResult } from './operations/applyMoneyEvent.js';
export { applyPatreonEvent } from './operations/applyPatreonEvent.js';
export { saveFundingSettings, saveAppeal, readAppealSettings, setArticleAppeal } from './operations/saveFundingSettings.js';
export { startDonation } from './operations/startDonation.js';
export { exportLedger } from './operations/exportLedger.js';
export { ledgerRows } from './queries.js';
export { campaignProgress, totals, monthly, listLedger, patronCount, type LedgerItem, type Totals } from './queries.js';
export { readFundingSettings, DEFAULT_FUNDING, type FundingSettings } from './settings.js';
export { formatMoney, parseAmount, toDecimal, exponent } from './money.js';
export { DEFAULT_LIMITS, type FundingDeps, type FundingLimits } from './deps.js';
export { fundingApiDocs } from './docs.js';
export type { FundingTables, LedgerRow } from './tables.js';

/** Registers /support/, the webhooks and the admin API. */
export function registerFunding(app: FastifyInstance, deps: FundingDeps): void {
  registerSupportRoutes(app, deps);
  registerWebhooks(app, deps);
  registerFundingAdminRoutes(app, deps);
}
