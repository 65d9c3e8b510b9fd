// Two-factor sign-in with an authenticator app: set up (a new secret, shown once), enable (proved by a
// valid code), disable (confirmed with the password).
import type { Ctx } from '../../../../platform/context/index.js';
import { badInput, conflict } from '../../../../platform/http/errors.js';
import { newTotpSecret, totpStep, totpUrl } from '../totp.js';
import { outletName, type LinkBase } from '../input.js';
import type { AuthPolicy } from '../policy.js';
import { checkOwnPassword } from './checkOwnPassword.js';

const ALREADY_ON = 'Two-factor sign-in is already on. Turn it off first to move it to a new device.';

export async function setupTotp(ctx: Ctx, links: LinkBase, userId: number): Promise<{ secret: string; url: string }> {
  const user = await ctx.db.selectFrom('users').select(['email', 'totp_enabled']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (Number(user.totp_enabled) === 1) throw conflict(ALREADY_ON);
  const secret = newTotpSecret();
  await ctx.db.updateTable('users').set({ totp_secret: secret, totp_last_counter: null }).where('id', '=', userId).where('totp_enabled', '=', 0).execute();
  return { secret, url: totpUrl(secret, outletName(links), user.email) };
}

export async function enableTotp(ctx: Ctx, userId: number, code: string, now = new Date()): Promise<void> {
  const user = await ctx.db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (Number(user.totp_enabled) === 1) throw conflict(ALREADY_ON);
  if (!user.totp_secret) throw badInput('Start with setup: there is no secret to confirm yet.');
  const step = totpStep(user.totp_secret, code, now.getTime());
  if (step === null) throw badInput('That code is wrong. Check the clock of the device and try the current code.', 'code');
  const r = await ctx.db
    .updateTable('users')
    .set({ totp_enabled: 1, totp_last_counter: step })
    .where('id', '=', userId)
    .where('totp_enabled', '=', 0)
    .where('totp_secret', '=', user.totp_secret)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw conflict('The set-up changed meanwhile (another window?). Start again.');
}

export async function disableTotp(ctx: Ctx, policy: AuthPolicy, userId: number, password: string, now = new Date()): Promise<void> {
  await checkOwnPassword(ctx, policy, userId, password, 'password', now);
  await ctx.db.updateTable('users').set({ totp_enabled: 0, totp_secret: null, totp_last_counter: null }).where('id', '=', userId).execute();
}
