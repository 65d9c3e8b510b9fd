import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../../../../platform/context/index.js';
import { badInput } from '../../../../platform/http/errors.js';
import { requireCan, type Actor } from '../access.js';

export const API_KEY_PREFIX = 'bsk_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new Content API key. The key itself is returned this once; only its SHA-256 is kept. */
export async function createApiKey(ctx: Ctx, actor: Actor, name: string, now = new Date().toISOString()) {
  requireCan(actor, 'settings.manage');
  const n = name.trim();
  if (!n || n.length > 100) throw badInput('A key needs a name of 1 to 100 characters (say who or what uses it).', 'name');
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
  const row = await ctx.db
    .insertInto('api_keys')
    .values({ name: n, key_hash: hashApiKey(key), key_prefix: prefix, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), name: n, key, prefix, createdAt: now, lastUsedAt: null, revokedAt: null };
}
