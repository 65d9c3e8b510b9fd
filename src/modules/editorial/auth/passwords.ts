// Password hashing with scrypt (node:crypto): a random salt per hash, the cost parameters stored with it,
// a constant-time comparison. Format: scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>.
import { scrypt as scryptCb, randomBytes, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { badInput } from '../../../platform/http/errors.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;

const LOG_N = 15; // N = 32768: about 100 ms and 32 MiB on a small server
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const maxmem = (logN: number, r: number) => 128 * 2 ** logN * r * 2;

/** Throws a clear 400 unless the password's length (in characters) is within the limits. */
export function checkPasswordRules(password: unknown, field = 'password'): string {
  if (typeof password !== 'string') throw badInput('A password is required.', field);
  const length = [...password].length;
  if (length < PASSWORD_MIN) throw badInput(`The password must be at least ${PASSWORD_MIN} characters long.`, field);
  if (length > PASSWORD_MAX) throw badInput(`The password must be at most ${PASSWORD_MAX} characters long.`, field);
  return password;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N: 2 ** LOG_N, r: R, p: P, maxmem: maxmem(LOG_N, R) });
  return `scrypt$${LOG_N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` matches `stored`; false for any malformed hash. Takes as long whether or not it matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const logN = Number(parts[1]);
  const r = Number(parts[2]);
  const p = Number(parts[3]);
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16) return false;
  if ([...password].length > PASSWORD_MAX) return false;
  const key = await scrypt(password, salt, expected.length, { N: 2 ** logN, r, p, maxmem: maxmem(logN, r) });
  return timingSafeEqual(key, expected);
}

// A hash of nothing anyone knows: checked against when the email is unknown, so both cases take as long.
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(24).toString('base64'));
  await verifyPassword(password, await dummy);
}
