// Checks shared by the operations: each bad value gets a clear 400 naming its field.
import { badInput, conflict } from '../../../platform/http/errors.js';
import type { Ctx } from '../../../platform/context/index.js';
import { isRole } from './roles.js';
import type { Role } from './tables.js';

// The same shape the mail module accepts as a recipient.
const EMAIL_RE = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+$/;

export function normalizeEmail(value: unknown, field = 'email'): string {
  if (typeof value !== 'string') throw badInput('An email address is required.', field);
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL_RE.test(email)) throw badInput('That is not an email address (expected something like name@example.org).', field);
  return email;
}

export function checkName(value: unknown, field = 'name'): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (!name || name.length > 120) throw badInput('A name of 1 to 120 characters is required.', field);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw badInput('A name cannot hold line breaks or control characters.', field);
  return name;
}

export function checkRole(value: unknown, field = 'role'): Role {
  if (!isRole(value)) throw badInput('The role must be one of: contributor, author, editor, administrator, owner.', field);
  return value;
}

/** A unique index refused the write (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e.message ?? ''));
}

/** Runs `fn` in one transaction with a ctx whose cache invalidations wait for the commit. */
export async function inTransaction<T>(ctx: Ctx, fn: (trx: Ctx) => Promise<T>): Promise<T> {
  const tags = new Set<string>();
  const result = await ctx.db.transaction().execute((db) => fn({ db, engine: ctx.engine, invalidate: (t) => t.forEach((x) => tags.add(x)) }));
  if (tags.size) ctx.invalidate([...tags]);
  return result;
}

/** Turns a unique-index failure into a 409 with `message`; other errors pass through. */
export function uniqueAsConflict(message: string, field?: string): (err: unknown) => never {
  return (err) => {
    if (isUniqueViolation(err)) throw conflict(message, field);
    throw err;
  };
}

/** Links in emails: the public URL plus a path and a token. */
export interface LinkBase {
  baseUrl: string;
  /** The outlet's name for subjects and greetings. */
  title: string;
}

export function linkTo(base: LinkBase, path: string, token: string): string {
  return `${base.baseUrl.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
}

export function outletName(base: LinkBase): string {
  return base.title || new URL(base.baseUrl).host;
}
