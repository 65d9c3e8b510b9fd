// Signing in (with a TOTP step when the account has one), password reset, and accepting an invitation.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, post } from '../api.ts';
import { ErrorText, Field, PageTitle, Status, fieldOf, useAction } from '../components/ui.tsx';
import { Link, navigate } from '../router.tsx';

export function SignInScreen({ onDone }: { onDone(): Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  const act = useAction(async () => {
    try {
      await post('/api/admin/session', { email, password, ...(needTotp ? { totp } : {}) }, { quiet401: true });
    } catch (err) {
      if (err instanceof ApiError && err.field === 'totp' && !needTotp) {
        // The password was right; the account wants its second factor.
        setNeedTotp(true);
        return;
      }
      throw err;
    }
    await onDone();
    if (location.pathname === '/admin/setup' || location.pathname === '/admin/sign-in') navigate('/admin/articles', { replace: true, force: true });
  });
  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);
  const err = act.error;
  const limited = err instanceof ApiError && err.status === 429;
  return (
    <form
      class="card narrow"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run();
      }}
    >
      <PageTitle title="Sign in">Sign in</PageTitle>
      {!needTotp ? (
        <>
          <Field label="Email address" type="email" value={email} onValue={setEmail} autoComplete="username" required />
          <Field label="Password" type="password" value={password} onValue={setPassword} autoComplete="current-password" required />
        </>
      ) : (
        <>
          <p>Enter the 6-digit code from your authenticator app.</p>
          <Field
            label="Authentication code"
            value={totp}
            onValue={setTotp}
            inputRef={totpRef}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={8}
            required
            error={fieldOf(err) === 'totp' && (err as Error).message}
          />
        </>
      )}
      {err && (limited || fieldOf(err) !== 'totp' || !needTotp) ? (
        <p class="error" role="alert">
          {limited ? `${(err as Error).message} For your safety, signing in is paused for a while after several failed attempts.` : (err as Error).message}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={act.busy}>
        {act.busy ? 'Signing in…' : needTotp ? 'Verify' : 'Sign in'}
      </button>
      <p class="aside-links">
        {needTotp ? (
          <button
            type="button"
            class="link"
            onClick={() => {
              setNeedTotp(false);
              setTotp('');
              act.setError(null);
            }}
          >
            Use a different account
          </button>
        ) : (
          <Link href="/admin/forgot">Forgot your password?</Link>
        )}
      </p>
    </form>
  );
}

export function ResetRequestScreen() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const act = useAction(async () => {
    await post('/api/admin/password-reset', { email }, { quiet401: true });
    setSent(true);
  });
  return (
    <form
      class="card narrow"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run();
      }}
    >
      <PageTitle title="Reset your password">Reset your password</PageTitle>
      {sent ? (
        <Status>If an account uses that address, a link to choose a new password is on its way. The link works for one hour.</Status>
      ) : (
        <>
          <p>We'll email you a link to choose a new password.</p>
          <Field label="Email address" type="email" value={email} onValue={setEmail} autoComplete="email" required error={fieldOf(act.error) === 'email' && (act.error as Error).message} />
          {act.error && fieldOf(act.error) !== 'email' ? <ErrorText error={act.error} /> : null}
          <button type="submit" class="primary" disabled={act.busy}>
            {act.busy ? 'Sending…' : 'Send the link'}
          </button>
        </>
      )}
      <p class="aside-links">
        <Link href="/admin">Back to sign in</Link>
      </p>
    </form>
  );
}

export function ResetConfirmScreen({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const act = useAction(async () => {
    await post('/api/admin/password-reset/confirm', { token, password }, { quiet401: true });
    setDone(true);
  });
  if (!token) {
    return (
      <div class="card narrow">
        <PageTitle title="Reset link">This link is incomplete</PageTitle>
        <p>Open the link from the email again, or <Link href="/admin/forgot">ask for a new one</Link>.</p>
      </div>
    );
  }
  return (
    <form
      class="card narrow"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (password !== repeat) return setMismatch(true);
        setMismatch(false);
        void act.run();
      }}
    >
      <PageTitle title="Choose a new password">Choose a new password</PageTitle>
      {done ? (
        <>
          <Status>Your password is changed. Every other session was signed out.</Status>
          <p>
            <Link href="/admin">Sign in</Link>
          </p>
        </>
      ) : (
        <>
          <Field
            label="New password"
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="new-password"
            hint="At least 10 characters."
            error={fieldOf(act.error) === 'password' && (act.error as Error).message}
          />
          <Field label="New password again" type="password" value={repeat} onValue={setRepeat} autoComplete="new-password" error={mismatch && 'The two passwords differ.'} />
          {act.error && fieldOf(act.error) !== 'password' ? (
            <>
              <ErrorText error={act.error} />
              <p>
                <Link href="/admin/forgot">Request a new reset link</Link>
              </p>
            </>
          ) : null}
          <button type="submit" class="primary" disabled={act.busy}>
            {act.busy ? 'Saving…' : 'Save the new password'}
          </button>
        </>
      )}
    </form>
  );
}

export function InviteScreen({ token, onDone }: { token: string; onDone(): Promise<void> }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const act = useAction(async () => {
    await post('/api/admin/invitations/accept', { token, name, password }, { quiet401: true });
    setDone(true);
  });
  const field = fieldOf(act.error);
  if (!token) {
    return (
      <div class="card narrow">
        <PageTitle title="Invitation">This invitation link is incomplete</PageTitle>
        <p>Open the link from the email again, or ask whoever invited you to send a new invitation.</p>
      </div>
    );
  }
  return (
    <form
      class="card narrow"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (password !== repeat) return setMismatch(true);
        setMismatch(false);
        void act.run();
      }}
    >
      <PageTitle title="Accept the invitation">Join the newsroom</PageTitle>
      {done ? (
        <>
          <Status>Your account is ready.</Status>
          <p>
            <button
              type="button"
              class="primary"
              onClick={async () => {
                navigate('/admin/articles', { force: true });
                await onDone();
              }}
            >
              Continue
            </button>
          </p>
        </>
      ) : (
        <>
          <p>Choose the name readers will see on your byline, and a password.</p>
          <Field label="Your name" value={name} onValue={setName} autoComplete="name" error={field === 'name' && (act.error as Error).message} />
          <Field
            label="Password"
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="new-password"
            hint="At least 10 characters."
            error={field === 'password' && (act.error as Error).message}
          />
          <Field label="Password again" type="password" value={repeat} onValue={setRepeat} autoComplete="new-password" error={mismatch && 'The two passwords differ.'} />
          {act.error && field !== 'name' && field !== 'password' ? <ErrorText error={act.error} /> : null}
          <button type="submit" class="primary" disabled={act.busy}>
            {act.busy ? 'Creating your account…' : 'Create my account'}
          </button>
        </>
      )}
    </form>
  );
}
