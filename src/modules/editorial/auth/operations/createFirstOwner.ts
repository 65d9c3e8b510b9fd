// First run: the owner account, only while there are no staff accounts at all.
import type { Ctx } from '../../../../platform/context/index.js';
import { conflict } from '../../../../platform/http/errors.js';
import { inTransaction, isUniqueViolation } from '../input.js';
import { checkNewUser, insertStaffUser } from './createStaffUser.js';

export const SETUP_DONE = 'Setup is already done: there are staff accounts. Sign in, or ask an administrator for an invitation.';

export async function needsOwner(ctx: Ctx): Promise<boolean> {
  return !(await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

export async function createFirstOwner(ctx: Ctx, input: { email: string; name: string; password: string }, now = new Date().toISOString()) {
  if (!(await needsOwner(ctx))) throw conflict(SETUP_DONE);
  const user = await checkNewUser({ ...input, role: 'owner' });
  return inTransaction(ctx, async (trx) => {
    if (!(await needsOwner(trx))) throw conflict(SETUP_DONE);
    return insertStaffUser(trx, user, now);
  }).catch((err) => {
    // Two first-run requests at once: the one-owner index lets only one through.
    if (isUniqueViolation(err)) throw conflict(SETUP_DONE);
    throw err;
  });
}
