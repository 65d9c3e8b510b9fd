// Removes a staff account and its sessions. Its public byline (the authors row) stays: articles keep it.
import type { Ctx } from '../../../../platform/context/index.js';
import { AppError, notFound } from '../../../../platform/http/errors.js';
import { inTransaction } from '../input.js';
import { can, type Staff } from '../roles.js';

export async function deleteStaffUser(ctx: Ctx, actor: Staff, id: number): Promise<void> {
  if (!can(actor, 'users.manage')) throw new AppError('BROADSIDE_E_FORBIDDEN', 'Only administrators can remove staff accounts.');
  await inTransaction(ctx, async (trx) => {
    const target = await trx.db.selectFrom('users').select(['id', 'role']).where('id', '=', id).executeTakeFirst();
    if (!target) throw notFound('No staff account has that id.');
    if (target.role === 'owner') throw new AppError('BROADSIDE_E_FORBIDDEN', 'The owner cannot be removed. The owner can hand ownership to someone else first.');
    if (Number(target.id) === actor.id) throw new AppError('BROADSIDE_E_FORBIDDEN', 'You cannot remove your own account. Ask another administrator.');
    await trx.db.deleteFrom('sessions').where('user_id', '=', id).execute();
    await trx.db.deleteFrom('users').where('id', '=', id).execute();
  });
}
