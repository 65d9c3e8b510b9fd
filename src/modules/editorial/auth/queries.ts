// Read-only views of the editorial tables, shaped for the admin API. No secrets leave here.
import type { Db } from '../../../platform/db/index.js';
import type { Role } from './tables.js';

export interface StaffListItem {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number;
  totpEnabled: boolean;
  createdAt: string;
  disabledAt: string | null;
}

export async function listStaff(db: Db): Promise<StaffListItem[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'author_id', 'totp_enabled', 'created_at', 'disabled_at'])
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    email: r.email,
    name: r.name,
    role: r.role,
    authorId: Number(r.author_id),
    totpEnabled: Number(r.totp_enabled) === 1,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  }));
}

export interface PendingInvitation {
  id: number;
  email: string;
  name: string;
  role: Role;
  invitedBy: number | null;
  createdAt: string;
  expiresAt: string;
}

export async function listPendingInvitations(db: Db, now = new Date()): Promise<PendingInvitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'invited_by', 'created_at', 'expires_at'])
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    email: r.email,
    name: r.name,
    role: r.role,
    invitedBy: r.invited_by === null ? null : Number(r.invited_by),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}
