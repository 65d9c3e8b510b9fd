// Checking a Content API key: its SHA-256 must name a key that is not revoked. Use is recorded at most once a minute.
import type { Db } from '../../../platform/db/index.js';
import { hashApiKey } from '../articles/operations/createApiKey.js';

const TOUCH_MS = 60_000;

export async function checkApiKey(db: Db, key: string, now = new Date()): Promise<boolean> {
  if (key.length < 10 || key.length > 200) return false;
  const row = await db.selectFrom('api_keys').select(['id', 'last_used_at']).where('key_hash', '=', hashApiKey(key)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return false;
  if (row.last_used_at === null || Date.parse(row.last_used_at) < now.getTime() - TOUCH_MS) {
    await db.updateTable('api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return true;
}
