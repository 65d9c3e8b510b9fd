// A signed-in user confirms a sensitive change with their password. Wrong guesses are limited like sign-ins,
// so a stolen session cannot be used to find the password.
import type { Ctx } from '../../../../platform/context/index.js';
import { AppError } from '../../../../platform/http/errors.js';
import { verifyPassword } from '../passwords.js';
import { blockedUntil, rateLimited, record } from '../throttle.js';
import type { AuthPolicy } from '../policy.js';

export async function checkOwnPassword(ctx: Ctx, policy: AuthPolicy, userId: number, password: string, field: string, now = new Date()): Promise<void> {
  const key = String(userId);
  const until = await blockedUntil(ctx.db, { scope: 'password-check', key, max: policy.loginAccountMax, windowMs: policy.loginWindowMs }, now);
  if (until) throw rateLimited('Too many wrong passwords.', until, now);
  const user = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  if (!user || !(await verifyPassword(password, user.password_hash))) {
    await record(ctx.db, 'password-check', key, now);
    throw new AppError('BROADSIDE_E_FORBIDDEN', 'Your current password is wrong.', field);
  }
}
