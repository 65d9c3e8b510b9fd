import type { Ctx } from '../../../../platform/context/index.js';
import { notFound } from '../../../../platform/http/errors.js';
import { requireCan, type Actor } from '../access.js';

/** Ends a key: requests carrying it get 401 from now on. Kept in the list, marked revoked. */
export async function revokeApiKey(ctx: Ctx, actor: Actor, id: number, now = new Date().toISOString()): Promise<void> {
  requireCan(actor, 'settings.manage');
  const row = await ctx.db.selectFrom('api_keys').select(['id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`There is no API key ${id}.`);
  if (row.revoked_at === null) await ctx.db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
