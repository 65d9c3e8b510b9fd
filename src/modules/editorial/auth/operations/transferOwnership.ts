// The owner hands ownership to another active staff member and becomes an administrator, in one transaction.
import type { Ctx } from '../../../../platform/context/index.js';
import { AppError, badInput, notFound } from '../../../../platform/http/errors.js';
import { inTransaction } from '../input.js';
import type { Staff } from '../roles.js';

export async function transferOwnership(ctx: Ctx, actor: Staff, userId: number): Promise<void> {
  if (actor.role !== 'owner') throw new AppError('BROADSIDE_E_FORBIDDEN', 'Only the owner can hand over ownership.');
  if (userId === actor.id) throw badInput('You are already the owner. Choose someone else.', 'userId');
  await inTransaction(ctx, async (trx) => {
    const me = await trx.db.selectFrom('users').select('role').where('id', '=', actor.id).executeTakeFirst();
    if (me?.role !== 'owner') throw new AppError('BROADSIDE_E_FORBIDDEN', 'Only the owner can hand over ownership.');
    const target = await trx.db.selectFrom('users').select(['id', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
    if (!target) throw notFound('No staff account has that id.');
    if (target.disabled_at) throw badInput('That account is disabled. Enable it before handing it ownership.', 'userId');
    // Demote first: the one-owner index never sees two owners.
    await trx.db.updateTable('users').set({ role: 'administrator' }).where('id', '=', actor.id).execute();
    await trx.db.updateTable('users').set({ role: 'owner' }).where('id', '=', userId).execute();
  });
}
