// An administrator changes a staff member's role, name, or whether the account is disabled.
// The owner is never demoted or disabled (ownership moves only by transferOwnership); nobody changes
// their own role or disables themselves; disabling ends the account's sessions at once.
import type { Ctx } from '../../../../platform/context/index.js';
import { AppError, badInput, notFound } from '../../../../platform/http/errors.js';
import { checkName, checkRole, inTransaction } from '../input.js';
import { listStaff, type StaffListItem } from '../queries.js';
import { can, type Staff } from '../roles.js';

const forbidden = (message: string, field?: string) => new AppError('BROADSIDE_E_FORBIDDEN', message, field);

export async function updateStaffUser(
  ctx: Ctx,
  actor: Staff,
  id: number,
  input: { role?: string; name?: string; disabled?: boolean },
  now = new Date(),
): Promise<StaffListItem> {
  if (!can(actor, 'users.manage')) throw forbidden('Only administrators can change staff accounts.');
  if (input.role === undefined && input.name === undefined && input.disabled === undefined) throw badInput('Nothing to change: send role, name or disabled.');
  const role = input.role === undefined ? undefined : checkRole(input.role);
  const name = input.name === undefined ? undefined : checkName(input.name);
  if (input.disabled !== undefined && typeof input.disabled !== 'boolean') throw badInput('disabled must be true or false.', 'disabled');

  await inTransaction(ctx, async (trx) => {
    const target = await trx.db.selectFrom('users').select(['id', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
    if (!target) throw notFound('No staff account has that id.');
    const self = Number(target.id) === actor.id;
    if (target.role === 'owner') {
      if (role !== undefined && role !== 'owner') throw forbidden('The owner cannot be demoted. The owner can hand ownership to someone else first.', 'role');
      if (input.disabled) throw forbidden('The owner cannot be disabled.', 'disabled');
      if (name !== undefined && !self) throw forbidden("Only the owner can change the owner's name.", 'name');
    } else if (role === 'owner') {
      throw forbidden('Ownership can only be handed over by the owner (POST /api/admin/ownership).', 'role');
    }
    if (self && role !== undefined && role !== target.role) throw forbidden('You cannot change your own role. Ask another administrator.', 'role');
    if (self && input.disabled) throw forbidden('You cannot disable your own account.', 'disabled');

    const changes: { role?: typeof role; name?: string; disabled_at?: string | null } = {};
    if (role !== undefined) changes.role = role;
    if (name !== undefined) changes.name = name;
    if (input.disabled === true && !target.disabled_at) changes.disabled_at = now.toISOString();
    if (input.disabled === false) changes.disabled_at = null;
    if (Object.keys(changes).length) await trx.db.updateTable('users').set(changes).where('id', '=', id).execute();
    if (input.disabled === true) await trx.db.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
  return (await listStaff(ctx.db)).find((u) => u.id === id)!;
}
