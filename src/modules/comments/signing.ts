// Signatures and sealed values for the comments module, from one random secret kept in `settings`
// ('comments.secret', made on first use; every process reads the same one).
//   form tokens   article id + issue time, signed: the form's CSRF defence and its render time, valid TOKEN_TTL_MS
//   action links  a verb, a comment id and an expiry, signed: moderation, confirmation, unsubscribe and delete
//                 links in emails (carried in the query string, which logs never record)
//   sealed        AES-256-GCM: the remembered name and address cookie, and an address kept across a re-shown form
import { createCipheriv, createDecipheriv, createHash, createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../platform/db/index.js';

export const SECRET_KEY = 'comments.secret';
/** A form token is accepted this long after the page was rendered. Cached pages expire FORM_SLACK_MS before it. */
export const TOKEN_TTL_MS = 25 * 60 * 60 * 1000;
/** The least time a reader has left to write when a cached page is served at the end of its life. */
export const FORM_SLACK_MS = 60 * 60 * 1000;

export interface Keys {
  sign: Buffer;
  seal: Buffer;
  avatar: Buffer;
}

const memo = new WeakMap<Db, Keys>();

export async function keysFor(db: Db): Promise<Keys> {
  const known = memo.get(db);
  if (known) return known;
  let row = await db.selectFrom('settings').select('value').where('key', '=', SECRET_KEY).executeTakeFirst();
  if (!row) {
    // Two processes may race here: the first insert wins and both read it back.
    await db
      .insertInto('settings')
      .values({ key: SECRET_KEY, value: randomBytes(32).toString('hex') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await db.selectFrom('settings').select('value').where('key', '=', SECRET_KEY).executeTakeFirstOrThrow();
  }
  const root = Buffer.from(row.value, 'hex');
  const derive = (label: string) => createHmac('sha256', root).update(label).digest();
  const keys = { sign: derive('sign'), seal: derive('seal'), avatar: derive('avatar') };
  memo.set(db, keys);
  return keys;
}

function mac(keys: Keys, text: string): string {
  return createHmac('sha256', keys.sign).update(text).digest('base64url').slice(0, 32);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---- Form tokens --------------------------------------------------------------------------------------------

export interface FormToken {
  articleId: number;
  ts: number;
  sig: string;
}

export function issueFormToken(keys: Keys, articleId: number, now = Date.now()): FormToken {
  return { articleId, ts: now, sig: mac(keys, `form|${articleId}|${now}`) };
}

export type TokenCheck = { ok: true; ageMs: number } | { ok: false; reason: 'invalid' | 'expired' };

export function checkFormToken(keys: Keys, articleId: number, ts: number, sig: string, now = Date.now()): TokenCheck {
  if (!Number.isSafeInteger(ts) || !same(sig, mac(keys, `form|${articleId}|${ts}`))) return { ok: false, reason: 'invalid' };
  const age = now - ts;
  if (age > TOKEN_TTL_MS || age < -60_000) return { ok: false, reason: 'expired' };
  return { ok: true, ageMs: Math.max(0, age) };
}

// ---- Action links -------------------------------------------------------------------------------------------

export const ACTIONS = ['approve', 'spam', 'trash', 'confirm', 'unsubscribe', 'delete'] as const;
export type LinkAction = (typeof ACTIONS)[number];

/** `${action}.${commentId}.${expiry}.${sig}`: fits in a query string as is. */
export function actionToken(keys: Keys, action: LinkAction, commentId: number, ttlMs: number, now = Date.now()): string {
  const exp = Math.floor((now + ttlMs) / 1000);
  return `${action}.${commentId}.${exp}.${mac(keys, `link|${action}|${commentId}|${exp}`)}`;
}

export type LinkCheck = { ok: true; action: LinkAction; commentId: number } | { ok: false; reason: 'invalid' | 'expired' };

export function checkActionToken(keys: Keys, token: string, now = Date.now()): LinkCheck {
  const m = /^([a-z]{1,12})\.([1-9]\d{0,15})\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m || !(ACTIONS as readonly string[]).includes(m[1]!)) return { ok: false, reason: 'invalid' };
  const [, action, id, exp, sig] = m;
  if (!same(sig!, mac(keys, `link|${action}|${id}|${exp}`))) return { ok: false, reason: 'invalid' };
  if (Number(exp) * 1000 < now) return { ok: false, reason: 'expired' };
  return { ok: true, action: action as LinkAction, commentId: Number(id) };
}

// ---- Sealed values ------------------------------------------------------------------------------------------

export function seal(keys: Keys, purpose: string, value: unknown): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keys.seal, iv);
  c.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

export function unseal<T>(keys: Keys, purpose: string, text: string | undefined): T | null {
  if (!text || text.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const raw = Buffer.from(text, 'base64url');
    if (raw.length < 29) return null;
    const d = createDecipheriv('aes-256-gcm', keys.seal, raw.subarray(0, 12));
    d.setAAD(Buffer.from(purpose));
    d.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')) as T;
  } catch {
    return null;
  }
}

/** The identicon's seed: a keyed hash of the address, so the picture says nothing about the address. */
export function avatarSeed(keys: Keys, email: string): string {
  return createHmac('sha256', keys.avatar).update(email.toLowerCase()).digest('hex').slice(0, 32);
}

/**
 * avatarSeed for many addresses at once (imports): the HMAC's keyed inner and outer states are made once and
 * copied for each address, which gives the same seed without setting the key up every time.
 */
export function avatarSeeder(keys: Keys): (email: string) => string {
  const block = Buffer.alloc(64);
  (keys.avatar.length > 64 ? createHash('sha256').update(keys.avatar).digest() : keys.avatar).copy(block);
  const inner = createHash('sha256').update(block.map((b) => b ^ 0x36));
  const outer = createHash('sha256').update(block.map((b) => b ^ 0x5c));
  return (email) => {
    const h = inner.copy().update(email.toLowerCase()).digest();
    return outer.copy().update(h).digest('hex').slice(0, 32);
  };
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
