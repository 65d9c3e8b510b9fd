// The comment settings: WordPress's moderation choices, display choices and the spam limits. Stored as one JSON
// row in `settings` ('comments.settings'); what is not stored takes its default. Read often (every post, every
// render), so each process keeps them for a few seconds; a change made in this process is seen at once.
import { isObject, storedSettings } from '../../platform/settings.js';
import type { Db } from '../../platform/db/index.js';
import { badInput } from '../../platform/http/errors.js';

export interface CommentLimits {
  /** At most `burst` comments per `burstSeconds` from one address (IP) and from one email address. */
  burst: number;
  burstSeconds: number;
  /** At most `hourly` comments in any hour from one address (IP) and from one email address. */
  hourly: number;
}

export interface CommentSettings {
  /** Hold every comment for moderation. */
  holdAll: boolean;
  /** Hold comments from an email address with no approved comment before. */
  holdFirstTime: boolean;
  /** Hold a comment with more than this many links. */
  maxLinks: number;
  /** Hold a comment whose name, email, website, text, IP or browser contains one of these (one a line). */
  moderationWords: string[];
  /** Refuse a comment whose name, email, website, text, IP or browser contains one of these (one a line). */
  blockedWords: string[];
  /** Replies nest this deep (1 = no replies). */
  maxDepth: number;
  /** Top-level comments a page; 0 = all on one page. */
  perPage: number;
  /** Top-level comments oldest or newest first (replies always oldest first). */
  order: 'oldest' | 'newest';
  /** Comments close this many days after publication; 0 = never. */
  autoCloseDays: number;
  /** Identicons (SVG made here from a salted hash) beside names. */
  avatars: boolean;
  /** Seconds a person needs at least between the form being rendered and sent. */
  minSeconds: number;
  /** Leading zero bits the proof of work asks for when a comment looks doubtful. */
  powBits: number;
  limits: CommentLimits;
}

export const DEFAULT_SETTINGS: CommentSettings = {
  holdAll: false,
  holdFirstTime: true,
  maxLinks: 2,
  moderationWords: [],
  blockedWords: [],
  maxDepth: 5,
  perPage: 50,
  order: 'oldest',
  autoCloseDays: 0,
  avatars: true,
  minSeconds: 3,
  powBits: 15,
  limits: { burst: 1, burstSeconds: 15, hourly: 10 },
};

export const SETTINGS_KEY = 'comments.settings';

function int(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw badInput(`${field} must be a whole number from ${min} to ${max}.`, field);
  return v;
}

function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw badInput(`${field} must be true or false.`, field);
  return v;
}

function words(v: unknown, field: string): string[] {
  const list = typeof v === 'string' ? v.split(/\r?\n/) : Array.isArray(v) ? v : null;
  if (!list || list.some((w) => typeof w !== 'string')) throw badInput(`${field} must be a list of words (or text with one word a line).`, field);
  const out = [...new Set((list as string[]).map((w) => w.trim()).filter(Boolean))];
  if (out.length > 5000) throw badInput(`${field} may hold at most 5,000 entries.`, field);
  if (out.some((w) => w.length > 200 || /[\u0000-\u001f]/.test(w))) throw badInput(`Each entry of ${field} is one line of at most 200 characters.`, field);
  return out;
}

/** Validates a partial change against the current settings: unknown fields and bad values are refused. */
export function mergeSettings(current: CommentSettings, patch: unknown): CommentSettings {
  if (!isObject(patch)) throw badInput('Send the settings as a JSON object.');
  const next: CommentSettings = { ...current, limits: { ...current.limits } };
  for (const [k, v] of Object.entries(patch)) {
    switch (k) {
      case 'holdAll':
      case 'holdFirstTime':
      case 'avatars':
        next[k] = bool(v, k);
        break;
      case 'maxLinks':
        next.maxLinks = int(v, k, 0, 1000);
        break;
      case 'moderationWords':
      case 'blockedWords':
        next[k] = words(v, k);
        break;
      case 'maxDepth':
        next.maxDepth = int(v, k, 1, 10);
        break;
      case 'perPage':
        next.perPage = int(v, k, 0, 1000);
        break;
      case 'order':
        if (v !== 'oldest' && v !== 'newest') throw badInput('order must be "oldest" or "newest".', k);
        next.order = v;
        break;
      case 'autoCloseDays':
        next.autoCloseDays = int(v, k, 0, 36500);
        break;
      case 'minSeconds':
        next.minSeconds = int(v, k, 0, 600);
        break;
      case 'powBits':
        next.powBits = int(v, k, 0, 24);
        break;
      case 'limits': {
        if (!isObject(v)) throw badInput('limits must be an object with burst, burstSeconds and hourly.', k);
        for (const [lk, lv] of Object.entries(v)) {
          if (lk === 'burst') next.limits.burst = int(lv, 'limits.burst', 1, 1_000_000);
          else if (lk === 'burstSeconds') next.limits.burstSeconds = int(lv, 'limits.burstSeconds', 1, 3600);
          else if (lk === 'hourly') next.limits.hourly = int(lv, 'limits.hourly', 1, 1_000_000);
          else throw badInput(`limits has no field "${lk}".`, `limits.${lk}`);
        }
        break;
      }
      default:
        throw badInput(`There is no comment setting "${k}".`, k);
    }
  }
  return next;
}

const stored = storedSettings<CommentSettings>(SETTINGS_KEY, DEFAULT_SETTINGS, mergeSettings);

export function readCommentSettings(db: Db, fresh = false): Promise<CommentSettings> {
  return stored.read(db, fresh);
}

/** Writes the whole settings object (inside the caller's transaction) and forgets the process's copy. */
export async function writeCommentSettings(db: Db, value: CommentSettings, memoKey: Db): Promise<void> {
  await stored.write(db, value);
  stored.forget(memoKey);
}

export function forgetCommentSettings(db: Db): void {
  stored.forget(db);
}
