// The trash empties itself: comments that have been in it for 30 days are deleted for good.
import type { Ctx } from '../../../platform/context/index.js';

export const TRASH_DAYS = 30;

export async function purgeTrash(ctx: Ctx, now = Date.now()): Promise<number> {
  const before = new Date(now - TRASH_DAYS * 86_400_000).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('comments').select(['id', 'parent_id']).where('status', '=', 'trash').where('status_changed_at', '<', before).limit(5000).execute();
    for (const r of old) {
      await trx.updateTable('comments').set({ parent_id: r.parent_id }).where('parent_id', '=', r.id).execute();
      await trx.deleteFrom('comments').where('id', '=', r.id).execute();
    }
    return old.length;
  });
}
