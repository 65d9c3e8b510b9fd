// Builds native/broadside_fts.c, the SQLite extension with search's ranking function (see that file), into
// <out>/native/. It compiles against the SQLite headers that better-sqlite3 ships (the same SQLite it runs).
// Optional: without a C compiler (CC, or cc) the build goes on and search ranks with FTS5's bm25() (slower on
// a large archive, same order), as platform/db/native.ts tells at start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../native/broadside_fts.c', import.meta.url));

export function buildNative(out) {
  const headers = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
  if (!existsSync(join(headers, 'sqlite3ext.h'))) return warn(`no SQLite headers in ${headers}`);
  mkdirSync(join(out, 'native'), { recursive: true });
  const target = join(out, 'native', process.platform === 'darwin' ? 'broadside_fts.dylib' : process.platform === 'win32' ? 'broadside_fts.dll' : 'broadside_fts.so');
  const cc = process.env.CC || 'cc';
  const flags = process.platform === 'darwin' ? ['-dynamiclib'] : ['-shared', '-fPIC'];
  const r = spawnSync(cc, ['-O2', ...flags, '-I', headers, '-o', target, SOURCE, '-lm'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return warn(`${cc} failed: ${(r.error?.message ?? r.stderr).trim().split('\n')[0]}`);
}

function warn(why) {
  console.warn(`[build] search's ranking extension was not built (${why}); search will rank with FTS5's bm25(), slower on a large archive.`);
}
