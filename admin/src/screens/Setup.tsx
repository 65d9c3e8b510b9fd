// First run: the person who installs Broadside becomes its owner.
import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { ErrorText, Field, PageTitle, fieldOf, useAction } from '../components/ui.tsx';

export function SetupScreen({ onDone }: { onDone(): Promise<void> }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const act = useAction(async () => {
    await post('/api/admin/setup', { name, email, password }, { quiet401: true });
    // The owner is signed in straight away where the API opens a session; otherwise they sign in next.
    await onDone();
  });
  const field = fieldOf(act.error);
  return (
    <form
      class="card narrow"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (password !== repeat) {
          setMismatch(true);
          return;
        }
        setMismatch(false);
        void act.run();
      }}
    >
      <PageTitle title="Set up Broadside">Welcome to Broadside</PageTitle>
      <p>Create the owner account. The owner can invite everyone else and change every setting.</p>
      <Field label="Your name" value={name} onValue={setName} autoComplete="name" required error={field === 'name' && (act.error as Error).message} />
      <Field label="Email address" type="email" value={email} onValue={setEmail} autoComplete="email" required error={field === 'email' && (act.error as Error).message} />
      <Field
        label="Password"
        type="password"
        value={password}
        onValue={setPassword}
        autoComplete="new-password"
        hint="At least 10 characters. A few unrelated words make a strong one."
        required
        error={field === 'password' && (act.error as Error).message}
      />
      <Field label="Password again" type="password" value={repeat} onValue={setRepeat} autoComplete="new-password" required error={mismatch && 'The two passwords differ.'} />
      {act.error && !field ? <ErrorText error={act.error} /> : null}
      <button type="submit" class="primary" disabled={act.busy}>
        {act.busy ? 'Creating…' : 'Create the owner account'}
      </button>
    </form>
  );
}
