import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

const root = document.getElementById('app')!;
// The "Loading…" text the page carries until the app runs.
root.textContent = '';
render(<App />, root);
