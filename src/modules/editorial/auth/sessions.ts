// Sessions in the database. The cookie holds a random token; the row's id is its SHA-256, so a copy of the
// database gives no live cookies. A session ends when idle too long, when its absolute lifetime is over,
// at sign-out, or when the user is disabled, deleted or resets their password.
import type { Db } from '../../../platform/db/index.js';
import type { Role } from './tables.js';
import { hashToken, looksLikeToken, newToken } from './tokens.js';

export const SESSION_COOKIE = 'broadside_session';
const DAY = 24 * 60 * 60 * 1000;

export interface SessionPolicy {
  /** A session unused this long ends (default 7 days). */
  idleMs: number;
  /** A session ends this long after sign-in, used or not (default 30 days). */
  maxMs: number;
  /** last_seen_at is written at most this often (default one minute). */
  touchMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 7 * DAY, maxMs: 30 * DAY, touchMs: 60_000 };

export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  user: { id: number; name: string; email: string; role: Role; authorId: number; totpEnabled: boolean };
}

export async function createSession(
  db: Db,
  policy: SessionPolicy,
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + policy.maxMs).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: expiresAt,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent ? meta.userAgent.slice(0, 512) : null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session a cookie token names, or null (unknown, expired, or its user disabled). Ends expired ones. */
export async function findSession(db: Db, policy: SessionPolicy, token: string | undefined, now = new Date()): Promise<ActiveSession | null> {
  if (!looksLikeToken(token)) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sid',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as uid',
      'users.name',
      'users.email',
      'users.role',
      'users.author_id',
      'users.totp_enabled',
      'users.disabled_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const t = now.getTime();
  const lastSeen = Date.parse(row.last_seen_at);
  if (row.disabled_at || t >= Date.parse(row.expires_at) || t - lastSeen >= policy.idleMs) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (t - lastSeen >= policy.touchMs) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return {
    sessionId: row.sid,
    csrfToken: row.csrf_token,
    user: { id: Number(row.uid), name: row.name, email: row.email, role: row.role, authorId: Number(row.author_id), totpEnabled: Number(row.totp_enabled) === 1 },
  };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, or every one but `except`. Returns how many ended. */
export async function endUserSessions(db: Db, userId: number, except?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) q = q.where('id', '!=', except);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Removes sessions past their absolute end (idle ones are removed when next presented). */
export async function pruneSessions(db: Db, now = new Date()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
