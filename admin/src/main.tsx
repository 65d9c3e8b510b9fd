import { render } from 'preact';
import { App } from './app.tsx';
import { prefetch } from './api.ts';
import './styles.css';

// The requests the first screen needs go out at once, side by side, while the app renders.
prefetch('/api/admin/setup');
prefetch('/api/admin/session');
const editing = /^\/admin\/articles\/(\d+)\/?$/.exec(location.pathname);
if (editing) prefetch(`/api/admin/articles/${editing[1]}`);

const root = document.getElementById('app')!;
// The "Loading…" text the page carries until the app runs.
root.textContent = '';
render(<App />, root);
