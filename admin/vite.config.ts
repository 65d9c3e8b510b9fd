// The admin single-page app: Preact + Tiptap, built by scripts/build.mjs into <build dir>/admin and served at /admin.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(root, '..', process.env.BROADSIDE_BUILD_DIR || 'dist', 'admin'),
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: URLs, so a strict CSP holds; the module preload helper needs none either.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
});
