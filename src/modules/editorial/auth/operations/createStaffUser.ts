// A staff account with its public byline (an `authors` row made by the content module), in one transaction.
import type { Ctx } from '../../../../platform/context/index.js';
import { AppError, conflict } from '../../../../platform/http/errors.js';
import { createAuthor } from '../../../content/operations/createAuthor.js';
import { slugify } from '../../../content/slug.js';
import { checkPasswordRules, hashPassword } from '../passwords.js';
import { checkName, checkRole, inTransaction, isUniqueViolation, normalizeEmail } from '../input.js';
import type { Role } from '../tables.js';

export interface NewStaffUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function createStaffUser(ctx: Ctx, input: NewStaffUser, now = new Date().toISOString()): Promise<{ id: number; authorId: number }> {
  const user = await checkNewUser(input);
  return inTransaction(ctx, (trx) => insertStaffUser(trx, user, now)).catch(ownerOrEmailTaken);
}

/** Validated input with the password already hashed (hashing is slow: done before any transaction opens). */
export interface CheckedUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export async function checkNewUser(input: NewStaffUser): Promise<CheckedUser> {
  const email = normalizeEmail(input.email);
  const name = checkName(input.name);
  const role = checkRole(input.role);
  const password = checkPasswordRules(input.password);
  return { email, name, role, passwordHash: await hashPassword(password) };
}

/** Inside a transaction: writes the author and the user. */
export async function insertStaffUser(trx: Ctx, user: CheckedUser, now: string): Promise<{ id: number; authorId: number }> {
  if (await trx.db.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirst()) {
    throw conflict('A staff account with that email address already exists.', 'email');
  }
  if (user.role === 'owner' && (await trx.db.selectFrom('users').select('id').where('role', '=', 'owner').executeTakeFirst())) {
    throw conflict('There is already an owner. Ownership can only be handed over by the owner.', 'role');
  }
  const authorId = await createBylineAuthor(trx, user.name, now);
  const row = await trx.db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      author_id: authorId,
      password_hash: user.passwordHash,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_counter: null,
      created_at: now,
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), authorId };
}

/** An author row for the byline: the name's slug, or the first free "slug-2", "slug-3"… */
async function createBylineAuthor(trx: Ctx, name: string, now: string): Promise<number> {
  const base = slugify(name) || 'staff';
  const taken = new Set(
    (await trx.db.selectFrom('authors').select('slug').where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)])).execute()).map((r) => r.slug),
  );
  let slug = base;
  for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
  return createAuthor(trx, { name, slug }, now);
}

/** A race lost to a unique index (two sign-ups with one email, two owners) reads as the 409 it would have been. */
export function ownerOrEmailTaken(err: unknown): never {
  if (err instanceof AppError) throw err;
  if (isUniqueViolation(err)) {
    const m = String((err as Error).message);
    if (/owner|role/.test(m)) throw conflict('There is already an owner. Ownership can only be handed over by the owner.', 'role');
    throw conflict('A staff account with that email address already exists.', 'email');
  }
  throw err;
}
