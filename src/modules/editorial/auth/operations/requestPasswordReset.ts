// "I forgot my password": a single-use link, valid for an hour, mailed to the account's address. The answer
// is the same whether or not the address has an account; past the limits nothing more is sent.
import type { Ctx } from '../../../../platform/context/index.js';
import { enqueueMail } from '../../../../platform/mail/index.js';
import { hashToken, newToken } from '../tokens.js';
import { blockedUntil, pruneAttempts, record } from '../throttle.js';
import { inTransaction, linkTo, normalizeEmail, outletName, type LinkBase } from '../input.js';
import type { AuthPolicy } from '../policy.js';

export async function requestPasswordReset(ctx: Ctx, policy: AuthPolicy, links: LinkBase, input: { email: string; ip: string | null }, now = new Date()): Promise<void> {
  const email = normalizeEmail(input.email);
  const ipKey = input.ip ?? 'unknown';
  const accountKey = hashToken(email);
  if (await blockedUntil(ctx.db, { scope: 'reset-ip', key: ipKey, max: policy.resetIpMax, windowMs: policy.resetWindowMs }, now)) return;
  await record(ctx.db, 'reset-ip', ipKey, now);
  await pruneAttempts(ctx.db, now);
  // Links spent or expired more than a day ago are of no further use.
  await ctx.db.deleteFrom('password_resets').where('expires_at', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString()).execute();

  const user = await ctx.db.selectFrom('users').select(['id', 'name', 'email', 'disabled_at']).where('email', '=', email).executeTakeFirst();
  if (!user || user.disabled_at) return;
  if (await blockedUntil(ctx.db, { scope: 'reset-account', key: accountKey, max: policy.resetAccountMax, windowMs: policy.resetWindowMs }, now)) return;

  const token = newToken();
  const link = linkTo(links, '/admin/reset', token);
  const outlet = outletName(links);
  await inTransaction(ctx, async (trx) => {
    await record(trx.db, 'reset-account', accountKey, now);
    await trx.db
      .insertInto('password_resets')
      .values({
        user_id: Number(user.id),
        token_hash: hashToken(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + policy.resetTokenMs).toISOString(),
        used_at: null,
      })
      .execute();
    await enqueueMail(trx.db, {
      to: user.email,
      subject: `Reset your password for ${outlet}`,
      text:
        `Hello ${user.name},\n\n` +
        `Someone (hopefully you) asked to reset the password of your ${outlet} staff account.\n` +
        `To choose a new password, open this link within the next hour:\n\n${link}\n\n` +
        `The link works once. If you did not ask for this, ignore this message: your password stays as it is.\n`,
    });
  });
}
