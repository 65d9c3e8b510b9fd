// Email + password (+ a TOTP code when enabled) → a new session. Failed attempts are counted per account and
// per client address in the database; the answer never tells whether the email belongs to an account.
import type { Ctx } from '../../../../platform/context/index.js';
import { AppError } from '../../../../platform/http/errors.js';
import { burnPasswordCheck, PASSWORD_MAX, verifyPassword } from '../passwords.js';
import { createSession, pruneSessions } from '../sessions.js';
import { hashToken } from '../tokens.js';
import { blockedUntil, clear, pruneAttempts, rateLimited, record } from '../throttle.js';
import { totpStep } from '../totp.js';
import type { AuthPolicy } from '../policy.js';
import type { Role } from '../tables.js';

export const WRONG_CREDENTIALS = 'The email address or password is wrong.';

export interface SignInInput {
  email: string;
  password: string;
  totp?: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: { id: number; name: string; email: string; role: Role; authorId: number; totpEnabled: boolean };
}

export async function signIn(ctx: Ctx, policy: AuthPolicy, input: SignInInput, now = new Date()): Promise<SignedIn> {
  const email = String(input.email ?? '').trim().toLowerCase();
  const password = String(input.password ?? '');
  const accountKey = hashToken(email);
  const ipKey = input.ip ?? 'unknown';

  // Slowed, then locked: 5 failures in 15 minutes hold the account back for a while; 20 in a day lock it until
  // its password is reset by email (confirmPasswordReset clears the count) or the day has passed.
  const locked = await blockedUntil(ctx.db, { scope: 'login-account', key: accountKey, max: policy.loginLockMax, windowMs: policy.loginLockWindowMs }, now);
  if (locked) throw accountLocked(locked, now);
  const byAccount = await blockedUntil(ctx.db, { scope: 'login-account', key: accountKey, max: policy.loginAccountMax, windowMs: policy.loginWindowMs }, now);
  const byIp = await blockedUntil(ctx.db, { scope: 'login-ip', key: ipKey, max: policy.loginIpMax, windowMs: policy.loginWindowMs }, now);
  const until = [byAccount, byIp].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) throw rateLimited('Too many failed sign-ins.', until, now);

  const fail = async (err: AppError): Promise<never> => {
    await record(ctx.db, 'login-account', accountKey, now);
    await record(ctx.db, 'login-ip', ipKey, now);
    await pruneAttempts(ctx.db, now);
    throw err;
  };
  const wrong = () => new AppError('BROADSIDE_E_UNAUTHENTICATED', WRONG_CREDENTIALS);

  const user = email.length <= 254 ? await ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst() : undefined;
  if (!user || [...password].length > PASSWORD_MAX) {
    await burnPasswordCheck(password.slice(0, PASSWORD_MAX));
    return fail(wrong());
  }
  if (!(await verifyPassword(password, user.password_hash))) return fail(wrong());
  if (user.disabled_at) throw new AppError('BROADSIDE_E_FORBIDDEN', 'This account is disabled. Ask an administrator to enable it again.');

  if (Number(user.totp_enabled) === 1 && user.totp_secret) {
    if (!input.totp) throw new AppError('BROADSIDE_E_UNAUTHENTICATED', 'Enter the 6-digit code from your authenticator app.', 'totp');
    const step = totpStep(user.totp_secret, input.totp, now.getTime());
    const used =
      step !== null &&
      Number(
        (
          await ctx.db
            .updateTable('users')
            .set({ totp_last_counter: step })
            .where('id', '=', user.id)
            .where((eb) => eb.or([eb('totp_last_counter', 'is', null), eb('totp_last_counter', '<', step)]))
            .executeTakeFirst()
        ).numUpdatedRows,
      ) === 1;
    if (!used) return fail(new AppError('BROADSIDE_E_UNAUTHENTICATED', 'That code is wrong or has already been used. Wait for the next one.', 'totp'));
  }

  await clear(ctx.db, 'login-account', accountKey);
  await pruneSessions(ctx.db, now); // sessions past their absolute end that nobody presented again
  const s = await createSession(ctx.db, policy, Number(user.id), { ip: input.ip, userAgent: input.userAgent }, now);
  return {
    ...s,
    user: { id: Number(user.id), name: user.name, email: user.email, role: user.role, authorId: Number(user.author_id), totpEnabled: Number(user.totp_enabled) === 1 },
  };
}

export const ACCOUNT_LOCKED = 'This account is locked after too many failed sign-ins. Reset its password by email (Forgot your password?) to unlock it now.';

function accountLocked(until: Date, now: Date): AppError {
  const err = new AppError('BROADSIDE_E_RATE_LIMITED', `${ACCOUNT_LOCKED} Otherwise it unlocks after ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
  (err as AppError & { retryAfterSeconds: number }).retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return err;
}
