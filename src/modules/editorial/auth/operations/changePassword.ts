// A signed-in user changes their password; every other session of theirs ends, this one stays.
import type { Ctx } from '../../../../platform/context/index.js';
import { checkPasswordRules, hashPassword } from '../passwords.js';
import { inTransaction } from '../input.js';
import type { AuthPolicy } from '../policy.js';
import { checkOwnPassword } from './checkOwnPassword.js';

export async function changePassword(ctx: Ctx, policy: AuthPolicy, userId: number, keepSessionId: string, input: { current: string; next: string }, now = new Date()): Promise<void> {
  const next = checkPasswordRules(input.next, 'next');
  await checkOwnPassword(ctx, policy, userId, String(input.current ?? ''), 'current', now);
  const hash = await hashPassword(next);
  await inTransaction(ctx, async (trx) => {
    await trx.db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    await trx.db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
  });
}
