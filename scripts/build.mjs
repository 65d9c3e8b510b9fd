// Transpiles src/, test/ and bench/ to dist/ with esbuild, one file each (what tests import), and bundles the
// server into dist/server.js (what `serve` runs): one file instead of hundreds of modules starts faster and
// takes far less memory (Kysely alone is ~280 modules: ~23 MB resident when loaded one by one, ~6 MB bundled).
// Fast enough to run before every start.
// Type checking is tsc's job (`npm run typecheck`, part of `npm test`).
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, mkdirSync, cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildNative } from './native.mjs';

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

// BROADSIDE_BUILD_DIR lets parallel work (or a test run beside a dev server) build somewhere of its own.
const out = process.env.BROADSIDE_BUILD_DIR || 'dist';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: 'linked',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
};
await build({ ...common, entryPoints: files, outdir: out, outbase: '.' });
await build({
  // Worker threads load bundles of their own (platform/paths.ts threadScript): search, the import, the WXR reader.
  entryPoints: {
    server: 'src/main.ts',
    'search-worker': 'src/modules/search/worker.ts',
    'import-thread': 'src/modules/importers/import-thread.ts',
    'wxr-reader': 'src/modules/importers/wxr/worker.ts',
  },
  outdir: out,
  bundle: true,
  ...common,
  define: { BROADSIDE_BUNDLE: 'true' },
  // Native addons stay outside; so do the libraries loaded on first use (platform/lazy.ts) and build tools.
  external: ['better-sqlite3', 'sharp', 'pg', 'pg-native', 'nodemailer', 'vite', 'esbuild'],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: { js: "import { createRequire as __broadsideRequire } from 'node:module'; const require = __broadsideRequire(import.meta.url);" },
});
// SQLite's ranking function for search (optional: see scripts/native.mjs).
buildNative(out);

// Static assets travel beside the code that serves them.
if (existsSync('src/web/static')) cpSync('src/web/static', `${out}/src/web/static`, { recursive: true });

// The admin app (admin/, Vite + Preact + Tiptap) is bundled into <out>/admin, served at /admin.
if (existsSync('admin/vite.config.ts')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    configFile: 'admin/vite.config.ts',
    root: 'admin',
    logLevel: 'warn',
    build: { outDir: resolve(out, 'admin'), emptyOutDir: true },
  });
}
