// Transpiles src/, test/ and bench/ to dist/ with esbuild (no bundling): fast enough to run before every start.
// Type checking is tsc's job (`npm run typecheck`, part of `npm test`).
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, mkdirSync, cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['src', 'test', 'bench'];
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(p);
  }
}
for (const r of roots) if (existsSync(r)) walk(r);

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
await build({
  entryPoints: files,
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: 'linked',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
// Static assets travel beside the code that serves them.
if (existsSync('src/web/static')) cpSync('src/web/static', 'dist/src/web/static', { recursive: true });
