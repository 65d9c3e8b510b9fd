// An administrator invites someone by email: a single-use link, valid for 7 days. Only its hash is stored.
// A new invitation to the same address replaces any pending one.
import type { Ctx } from '../../../../platform/context/index.js';
import { AppError, badInput, conflict } from '../../../../platform/http/errors.js';
import { enqueueMail } from '../../../../platform/mail/index.js';
import { hashToken, newToken } from '../tokens.js';
import { checkName, checkRole, inTransaction, linkTo, normalizeEmail, outletName, type LinkBase } from '../input.js';
import type { AuthPolicy } from '../policy.js';
import { can, type Staff } from '../roles.js';

export async function inviteStaff(
  ctx: Ctx,
  policy: AuthPolicy,
  links: LinkBase,
  actor: Staff,
  input: { email: string; role: string; name: string },
  now = new Date(),
): Promise<{ id: number; expiresAt: string }> {
  if (!can(actor, 'users.manage')) throw new AppError('BROADSIDE_E_FORBIDDEN', 'Only administrators can invite staff.');
  const email = normalizeEmail(input.email);
  const name = checkName(input.name);
  const role = checkRole(input.role);
  if (role === 'owner') throw badInput('Nobody can be invited as owner: the owner hands ownership over from their own account.', 'role');

  const token = newToken();
  const link = linkTo(links, '/admin/invite', token);
  const outlet = outletName(links);
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + policy.inviteTokenMs).toISOString();
  return inTransaction(ctx, async (trx) => {
    if (await trx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
      throw conflict('That email address already belongs to a staff account.', 'email');
    }
    await trx.db
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    const row = await trx.db
      .insertInto('invitations')
      .values({ email, name, role, token_hash: hashToken(token), invited_by: actor.id, created_at: at, expires_at: expiresAt, accepted_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueMail(trx.db, {
      to: email,
      subject: `You are invited to join ${outlet}`,
      text:
        `Hello ${name},\n\n` +
        `${actor.name} invited you to join ${outlet} as ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}.\n` +
        `To accept, choose your password here within ${Math.round(policy.inviteTokenMs / 86_400_000)} days:\n\n${link}\n\n` +
        `The link works once. If you were not expecting this, ignore this message.\n`,
    });
    return { id: Number(row.id), expiresAt };
  });
}
