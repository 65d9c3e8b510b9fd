// The signed-in person's own account: password, two-factor sign-in, signing out everywhere.
import { useState } from 'preact/hooks';
import { api, post } from '../api.ts';
import { ErrorText, Field, PageTitle, Status, fieldOf, useAction } from '../components/ui.tsx';
import { ROLE_LABELS, useSession } from '../session.ts';

export function AccountScreen() {
  const session = useSession();
  const { staff } = session;
  return (
    <div class="narrow-page">
      <PageTitle title="Account">Your account</PageTitle>
      <p>
        {staff.name} · {staff.email} · {ROLE_LABELS[staff.role]}
      </p>
      <PasswordForm />
      <TotpSection />
      <section class="card">
        <h2>Sign out everywhere</h2>
        <p>Ends every session of your account, on every device, including this one.</p>
        <SignOutEverywhere />
      </section>
    </div>
  );
}

function PasswordForm() {
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const act = useAction(async () => {
    await post('/api/admin/users/me/password', { current, next });
    setDone(true);
    setCurrent('');
    setNext('');
    setRepeat('');
  });
  const f = fieldOf(act.error);
  return (
    <form
      class="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        if (next !== repeat) return setMismatch(true);
        setMismatch(false);
        void act.run();
      }}
    >
      <h2>Change your password</h2>
      <input type="text" name="username" autoComplete="username" value={session.staff.email} readOnly hidden />
      <Field label="Current password" type="password" value={current} onValue={setCurrent} autoComplete="current-password" error={f === 'current' && (act.error as Error).message} />
      <Field label="New password" type="password" value={next} onValue={setNext} autoComplete="new-password" hint="At least 10 characters." error={f === 'next' && (act.error as Error).message} />
      <Field label="New password again" type="password" value={repeat} onValue={setRepeat} autoComplete="new-password" error={mismatch && 'The two passwords differ.'} />
      {act.error && f !== 'current' && f !== 'next' ? <ErrorText error={act.error} /> : null}
      {done ? <Status>Your password is changed. Your other sessions were signed out.</Status> : null}
      <button type="submit" class="primary" disabled={act.busy}>
        {act.busy ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}

function TotpSection() {
  const session = useSession();
  const enabled = session.staff.totpEnabled;
  const [setup, setSetup] = useState<{ secret: string; url: string } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const start = useAction(async () => {
    setNote(null);
    setSetup(await post<{ secret: string; url: string }>('/api/admin/totp/setup'));
  });
  const enable = useAction(async () => {
    await post('/api/admin/totp/enable', { code });
    setSetup(null);
    setCode('');
    setNote('Two-factor sign-in is on. From now on you will be asked for a code when you sign in.');
    await session.refresh();
  });
  const disable = useAction(async () => {
    await api('DELETE', '/api/admin/totp', { password });
    setPassword('');
    setNote('Two-factor sign-in is off.');
    await session.refresh();
  });
  return (
    <section class="card">
      <h2>Two-factor sign-in</h2>
      {note ? <Status>{note}</Status> : null}
      {enabled ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void disable.run();
          }}
        >
          <p>
            <strong>On.</strong> Signing in asks for a code from your authenticator app.
          </p>
          <input type="text" name="username" autoComplete="username" value={session.staff.email} readOnly hidden />
          <Field label="Your password, to turn it off" type="password" value={password} onValue={setPassword} autoComplete="current-password" error={fieldOf(disable.error) === 'password' && (disable.error as Error).message} />
          {disable.error && fieldOf(disable.error) !== 'password' ? <ErrorText error={disable.error} /> : null}
          <button type="submit" class="danger" disabled={disable.busy}>
            Turn off two-factor sign-in
          </button>
        </form>
      ) : setup ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void enable.run();
          }}
        >
          <p>Add this account to your authenticator app (such as Aegis, 2FAS, Google Authenticator or 1Password), then enter the code it shows.</p>
          <div class="field">
            <label for="totp-url">Setup address (paste into your app, or open it on the phone that has the app)</label>
            <textarea id="totp-url" readOnly rows={3} value={setup.url} onFocus={(e) => (e.target as HTMLTextAreaElement).select()} />
          </div>
          <div class="field">
            <label for="totp-secret">Or type this key by hand</label>
            <input id="totp-secret" readOnly value={setup.secret.replace(/(.{4})/g, '$1 ').trim()} onFocus={(e) => (e.target as HTMLInputElement).select()} class="mono" />
          </div>
          <Field
            label="Code from the app"
            value={code}
            onValue={setCode}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            error={fieldOf(enable.error) === 'code' && (enable.error as Error).message}
          />
          {enable.error && fieldOf(enable.error) !== 'code' ? <ErrorText error={enable.error} /> : null}
          <div class="buttons">
            <button type="submit" class="primary" disabled={enable.busy}>
              Turn on
            </button>
            <button type="button" onClick={() => setSetup(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>
            <strong>Off.</strong> A code from an app on your phone, asked at every sign-in, keeps your account safe even if your password leaks.
          </p>
          <ErrorText error={start.error} />
          <button type="button" class="primary" disabled={start.busy} onClick={() => void start.run()}>
            Set up two-factor sign-in
          </button>
        </>
      )}
    </section>
  );
}

function SignOutEverywhere() {
  const session = useSession();
  const act = useAction(async () => {
    if (!window.confirm('Sign out on every device, including this one?')) return;
    await post('/api/admin/session/revoke-all');
    session.signedOut();
  });
  return (
    <>
      <ErrorText error={act.error} />
      <button type="button" class="danger" disabled={act.busy} onClick={() => void act.run()}>
        Sign out everywhere
      </button>
    </>
  );
}
