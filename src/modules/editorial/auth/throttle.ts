// Counting failed sign-ins (and reset requests) in the database, so every process shares the counts.
import type { Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/http/errors.js';

export interface Limit {
  scope: string;
  key: string;
  max: number;
  windowMs: number;
}

/** When the oldest counted event in the window drops out, if `limit` is reached; null when under it. */
export async function blockedUntil(db: Db, limit: Limit, now = new Date()): Promise<Date | null> {
  const since = new Date(now.getTime() - limit.windowMs).toISOString();
  const rows = await db
    .selectFrom('auth_attempts')
    .select('at')
    .where('scope', '=', limit.scope)
    .where('key', '=', limit.key)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit.max)
    .execute();
  if (rows.length < limit.max) return null;
  // The max-th most recent event leaving the window frees one attempt.
  return new Date(Date.parse(rows[rows.length - 1]!.at) + limit.windowMs);
}

export async function record(db: Db, scope: string, key: string, now = new Date()): Promise<void> {
  await db.insertInto('auth_attempts').values({ scope, key, at: now.toISOString() }).execute();
}

export async function clear(db: Db, scope: string, key: string): Promise<void> {
  await db.deleteFrom('auth_attempts').where('scope', '=', scope).where('key', '=', key).execute();
}

/** Drops events older than any window (one day is far past all of them). */
export async function pruneAttempts(db: Db, now = new Date()): Promise<void> {
  await db.deleteFrom('auth_attempts').where('at', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString()).execute();
}

export function rateLimited(what: string, until: Date, now = new Date()): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const at = until.toISOString().slice(11, 16);
  const err = new AppError('BROADSIDE_E_RATE_LIMITED', `${what} Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${at} UTC).`);
  (err as AppError & { retryAfterSeconds: number }).retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return err;
}
