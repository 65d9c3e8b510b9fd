// Every ledger row as plain JSON, oldest first: for the site export (donor details included: the export is the
// owner's own data).
import type { Ctx } from '../../../platform/context/index.js';
import { ledgerRows, type LedgerItem } from '../queries.js';

export async function exportLedger(ctx: Ctx): Promise<LedgerItem[]> {
  const out: LedgerItem[] = [];
  for await (const r of ledgerRows(ctx.db)) out.push(r);
  return out;
}
