// Accepting an invitation: the account is made with the invited address and role, the link is spent, and
// the new staff member is signed in — all in one transaction.
import type { Ctx } from '../../../../platform/context/index.js';
import { badInput } from '../../../../platform/http/errors.js';
import { checkPasswordRules, hashPassword } from '../passwords.js';
import { createSession } from '../sessions.js';
import { hashToken, looksLikeToken } from '../tokens.js';
import { checkName, inTransaction } from '../input.js';
import type { AuthPolicy } from '../policy.js';
import { insertStaffUser, ownerOrEmailTaken } from './createStaffUser.js';
import type { SignedIn } from './signIn.js';

export const INVITATION_INVALID = 'This invitation is invalid, has expired, was revoked or was already used. Ask an administrator for a new one.';

export async function acceptInvitation(
  ctx: Ctx,
  policy: AuthPolicy,
  input: { token: string; name: string; password: string; ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<SignedIn> {
  const name = checkName(input.name);
  const password = checkPasswordRules(input.password);
  if (!looksLikeToken(input.token)) throw badInput(INVITATION_INVALID, 'token');
  const passwordHash = await hashPassword(password);
  const at = now.toISOString();
  return inTransaction(ctx, async (trx) => {
    const inv = await trx.db
      .updateTable('invitations')
      .set({ accepted_at: at })
      .where('token_hash', '=', hashToken(input.token))
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .returning(['email', 'role'])
      .executeTakeFirst();
    if (!inv) throw badInput(INVITATION_INVALID, 'token');
    const { id, authorId } = await insertStaffUser(trx, { email: inv.email, name, role: inv.role, passwordHash }, at);
    const s = await createSession(trx.db, policy, id, { ip: input.ip, userAgent: input.userAgent }, now);
    return { ...s, user: { id, name, email: inv.email, role: inv.role, authorId, totpEnabled: false } };
  }).catch(ownerOrEmailTaken);
}
