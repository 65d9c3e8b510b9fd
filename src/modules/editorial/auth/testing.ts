// Helpers for this folder's tests: staff accounts through the real operation, JSON requests, sign-in, mail rows.
import type { Config } from '../../../config.js';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { createStaffUser } from './operations/createStaffUser.js';
import type { Role } from './tables.js';

export type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

let n = 0;

export interface TestUser {
  id: number;
  authorId: number;
  email: string;
  name: string;
  password: string;
  role: Role;
}

export async function authApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  return createTestApp(overrides);
}

export async function addUser(t: TestApp, role: Role, opts: Partial<Pick<TestUser, 'email' | 'name' | 'password'>> = {}): Promise<TestUser> {
  const i = ++n;
  const email = opts.email ?? `staff${i}.${role}@example.org`;
  const name = opts.name ?? `Staff ${role} ${i}`;
  const password = opts.password ?? `correct horse ${i} battery`;
  const { id, authorId } = await createStaffUser(t.ctx, { email, name, role, password });
  return { id, authorId, email, name, password, role };
}

export interface Call {
  cookie?: string;
  csrf?: string;
  body?: unknown;
  headers?: Record<string, string>;
  ip?: string;
}

export function call(t: TestApp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, c: Call = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}), ...c.headers };
  if (c.cookie) headers.cookie = c.cookie;
  if (c.csrf) headers['x-csrf-token'] = c.csrf;
  return t.app.inject({
    method,
    url: url.startsWith('/') ? url : `/api/admin/${url}`,
    headers,
    ...(c.body !== undefined ? { payload: typeof c.body === 'string' ? c.body : JSON.stringify(c.body) } : {}),
    ...(c.ip ? { remoteAddress: c.ip } : {}),
  });
}

export interface Signed {
  cookie: string;
  csrf: string;
  res: Res;
}

/** The name=value part of the session cookie a response sets. */
export function cookieOf(res: Res): string {
  const raw = res.headers['set-cookie'];
  const line = (Array.isArray(raw) ? raw : [raw ?? '']).find((l) => l.startsWith('broadside_session='));
  if (!line) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return line.split(';')[0]!;
}

export async function signIn(t: TestApp, u: { email: string; password: string }, extra: { totp?: string; ip?: string } = {}): Promise<Signed> {
  const res = await call(t, 'POST', 'session', { body: { email: u.email, password: u.password, ...(extra.totp ? { totp: extra.totp } : {}) }, ip: extra.ip });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return { cookie: cookieOf(res), csrf: res.json().csrfToken, res };
}

export async function mailRows(t: TestApp): Promise<{ to: string; subject: string; text: string }[]> {
  const rows = await t.ctx.db.selectFrom('jobs').select(['payload']).where('type', '=', 'mail.send').orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.payload));
}

/** The token in the last mailed link to `path` (/admin/reset, /admin/invite) sent to `to`. */
export async function mailedToken(t: TestApp, to: string, path: string): Promise<string> {
  const mails = (await mailRows(t)).filter((m) => m.to === to);
  const re = new RegExp(`${t.config.baseUrl.replace(/[.]/g, '\\.')}${path}\\?token=([A-Za-z0-9_-]+)`);
  const m = re.exec(mails.at(-1)?.text ?? '');
  if (!m) throw new Error(`no ${path} link mailed`);
  return m[1]!;
}

export async function count(t: TestApp, table: 'users' | 'sessions' | 'authors' | 'invitations' | 'password_resets'): Promise<number> {
  const r = await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
