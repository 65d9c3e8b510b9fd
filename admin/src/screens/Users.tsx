// Staff accounts and invitations (administrators and the owner).
import { useState } from 'preact/hooks';
import { del, get, patch, post } from '../api.ts';
import { ErrorText, Field, PageTitle, Select, Status, fieldOf, formatDate, useAction, useLoad } from '../components/ui.tsx';
import { listOf } from '../data.ts';
import { ROLE_LABELS, atLeast, useSession, type Role } from '../session.ts';

interface StaffItem {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number;
  totpEnabled: boolean;
  createdAt: string;
  disabledAt: string | null;
}

interface Invitation {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

const INVITE_ROLES: Role[] = ['contributor', 'author', 'editor', 'administrator'];

export function UsersScreen() {
  const { staff } = useSession();
  const users = useLoad(async (signal) => listOf<StaffItem>(await get('/api/admin/users', { signal }), 'users'), []);
  const invitations = useLoad(async (signal) => listOf<Invitation>(await get('/api/admin/invitations', { signal }), 'invitations'), []);
  const [note, setNote] = useState<string | null>(null);
  const change = useAction(async (u: StaffItem, body: Record<string, unknown>, what: string) => {
    await patch(`/api/admin/users/${u.id}`, body);
    setNote(`${u.name}: ${what}.`);
    users.reload();
  });
  const remove = useAction(async (u: StaffItem) => {
    if (!window.confirm(`Delete the account of ${u.name}? Their byline stays on their articles.`)) return;
    await del(`/api/admin/users/${u.id}`);
    setNote(`${u.name}'s account is deleted.`);
    users.reload();
  });
  const revoke = useAction(async (inv: Invitation) => {
    await del(`/api/admin/invitations/${inv.id}`);
    setNote(`The invitation to ${inv.email} is withdrawn.`);
    invitations.reload();
  });

  if (!atLeast(staff, 'administrator')) return <p>Only administrators can manage staff accounts.</p>;
  const assignable: Role[] = staff.role === 'owner' ? INVITE_ROLES : INVITE_ROLES.filter((r) => r !== 'administrator');

  return (
    <div>
      <PageTitle title="Users">Users and invitations</PageTitle>
      {note ? <Status>{note}</Status> : null}
      <ErrorText error={change.error || remove.error || revoke.error} />
      <h2>Staff</h2>
      {users.error ? <ErrorText error={users.error} /> : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" class="hide-narrow">
                Email
              </th>
              <th scope="col">Role</th>
              <th scope="col" class="hide-narrow">
                Two-factor
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id} class={u.disabledAt ? 'disabled' : ''}>
                <td>
                  {u.name}
                  {u.id === staff.id ? <span class="muted small"> (you)</span> : null}
                  {u.disabledAt ? <span class="badge trash">Disabled</span> : null}
                </td>
                <td class="hide-narrow">{u.email}</td>
                <td>
                  {u.role === 'owner' || u.id === staff.id ? (
                    ROLE_LABELS[u.role]
                  ) : (
                    <>
                      <label class="visually-hidden" for={`role-${u.id}`}>
                        Role of {u.name}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        value={u.role}
                        disabled={change.busy}
                        onChange={(e) => {
                          const role = (e.target as HTMLSelectElement).value;
                          void change.run(u, { role }, `role changed to ${ROLE_LABELS[role as Role]}`);
                        }}
                      >
                        {[...new Set([u.role, ...assignable])].map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                    </>
                  )}
                </td>
                <td class="hide-narrow">{u.totpEnabled ? 'On' : 'Off'}</td>
                <td class="row-actions">
                  {u.role !== 'owner' && u.id !== staff.id ? (
                    <>
                      <button type="button" disabled={change.busy} onClick={() => void change.run(u, { disabled: !u.disabledAt }, u.disabledAt ? 'enabled again' : 'disabled and signed out')}>
                        {u.disabledAt ? 'Enable' : 'Disable'}
                      </button>
                      <button type="button" class="danger" disabled={remove.busy} onClick={() => void remove.run(u)}>
                        Delete
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Invite someone</h2>
      <InviteForm roles={assignable} onInvited={(msg) => (setNote(msg), invitations.reload())} />

      <h2>Pending invitations</h2>
      {invitations.error ? <ErrorText error={invitations.error} /> : null}
      {invitations.data && !invitations.data.length ? <p class="muted">No invitations are waiting.</p> : null}
      <ul class="plain-list">
        {(invitations.data ?? []).map((inv) => (
          <li key={inv.id}>
            <span>
              <strong>{inv.name}</strong> · {inv.email} · {ROLE_LABELS[inv.role]} · expires {formatDate(inv.expiresAt)}
            </span>
            <button type="button" class="danger" disabled={revoke.busy} onClick={() => void revoke.run(inv)}>
              Withdraw
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function InviteForm({ roles, onInvited }: { roles: Role[]; onInvited(msg: string): void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('author');
  const act = useAction(async () => {
    await post('/api/admin/invitations', { email, name, role });
    onInvited(`Invitation sent to ${email}. The link works for 7 days.`);
    setEmail('');
    setName('');
  });
  const f = fieldOf(act.error);
  return (
    <form
      class="card inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run();
      }}
    >
      <Field label="Name" value={name} onValue={setName} required error={f === 'name' && (act.error as Error).message} />
      <Field label="Email address" type="email" value={email} onValue={setEmail} required error={f === 'email' && (act.error as Error).message} />
      <Select label="Role" value={role} onValue={(v) => setRole(v as Role)} options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      <button type="submit" class="primary" disabled={act.busy}>
        {act.busy ? 'Sending…' : 'Send invitation'}
      </button>
      {act.error && f !== 'name' && f !== 'email' ? <ErrorText error={act.error} /> : null}
    </form>
  );
}
