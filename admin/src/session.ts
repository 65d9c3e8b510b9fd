// Who is signed in, shared by every screen.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Role = 'contributor' | 'author' | 'editor' | 'administrator' | 'owner';
const RANK: Record<Role, number> = { contributor: 1, author: 2, editor: 3, administrator: 4, owner: 5 };

export interface Staff {
  id: number;
  name: string;
  email: string;
  role: Role;
  authorId: number;
  totpEnabled: boolean;
}

export interface SessionState {
  staff: Staff;
  /** Mail goes to files under the data dir rather than out by SMTP (when the API says so). */
  mailToFiles: boolean;
  refresh(): Promise<void>;
  signedOut(): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in screen');
  return s;
}

export function atLeast(staff: Pick<Staff, 'role'>, min: Role): boolean {
  return (RANK[staff.role] ?? 0) >= RANK[min];
}

export const ROLE_LABELS: Record<Role, string> = {
  contributor: 'Contributor',
  author: 'Author',
  editor: 'Editor',
  administrator: 'Administrator',
  owner: 'Owner',
};
