// Using a reset link: sets the new password, spends the token (and any other open ones of the account),
// and ends every session of the account.
import type { Ctx } from '../../../../platform/context/index.js';
import { badInput } from '../../../../platform/http/errors.js';
import { checkPasswordRules, hashPassword } from '../passwords.js';
import { hashToken, looksLikeToken } from '../tokens.js';
import { inTransaction } from '../input.js';

export const RESET_LINK_INVALID = 'This reset link is invalid, has expired or was already used. Ask for a new one.';

export async function confirmPasswordReset(ctx: Ctx, input: { token: string; password: string }, now = new Date()): Promise<void> {
  const password = checkPasswordRules(input.password);
  if (!looksLikeToken(input.token)) throw badInput(RESET_LINK_INVALID, 'token');
  const passwordHash = await hashPassword(password);
  const at = now.toISOString();
  await inTransaction(ctx, async (trx) => {
    const spent = await trx.db
      .updateTable('password_resets')
      .set({ used_at: at })
      .where('token_hash', '=', hashToken(input.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('user_id')
      .executeTakeFirst();
    if (!spent) throw badInput(RESET_LINK_INVALID, 'token');
    const userId = Number(spent.user_id);
    const user = await trx.db.selectFrom('users').select(['id', 'email', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
    if (!user || user.disabled_at) throw badInput(RESET_LINK_INVALID, 'token');
    await trx.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    await trx.db.updateTable('password_resets').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
    await trx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    // A reset proves the owner of the address: it lifts a lock from failed sign-ins.
    await trx.db.deleteFrom('auth_attempts').where('scope', '=', 'login-account').where('key', '=', hashToken(user.email)).execute();
  });
}
