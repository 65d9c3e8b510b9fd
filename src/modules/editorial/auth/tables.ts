// Row types of the editorial module's tables: staff users, sessions, sign-in throttling, reset tokens, invitations.
// Times are ISO 8601 UTC strings on both engines.
import type { Generated, Selectable } from 'kysely';

export const ROLES = ['contributor', 'author', 'editor', 'administrator', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  /** Lowercased; unique. */
  email: string;
  name: string;
  role: Role;
  /** The public byline in the content module's `authors` table. */
  author_id: number;
  password_hash: string;
  /** Base32 TOTP secret: set by setup, in use once totp_enabled is 1. */
  totp_secret: string | null;
  totp_enabled: number; // 0 or 1
  /** The last TOTP time step accepted: a code for it or an earlier one is refused (no replay). */
  totp_last_counter: number | null;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's random token: the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** One row per counted event (a failed sign-in, a reset request), shared by every process. */
export interface AuthAttemptsTable {
  id: Generated<number>;
  /** What is counted: 'login-account', 'login-ip', 'reset-account', 'reset-ip'. */
  scope: string;
  /** An IP address, or the SHA-256 of a lowercased email (no addresses stored for unknown accounts). */
  key: string;
  at: string;
}

export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface InvitationsTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  token_hash: string;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface EditorialTables {
  users: UsersTable;
  sessions: SessionsTable;
  auth_attempts: AuthAttemptsTable;
  password_resets: PasswordResetsTable;
  invitations: InvitationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
