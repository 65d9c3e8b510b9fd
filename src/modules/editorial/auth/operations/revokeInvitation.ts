import type { Ctx } from '../../../../platform/context/index.js';
import { notFound } from '../../../../platform/http/errors.js';

/** Withdraws a pending invitation: its link stops working. */
export async function revokeInvitation(ctx: Ctx, id: number, now = new Date()): Promise<void> {
  const r = await ctx.db
    .updateTable('invitations')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound('No pending invitation has that id.');
}
