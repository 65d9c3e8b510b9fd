// Serving the admin app: client routes get index.html (never cached), assets are immutable, the CSP allows no
// inline script, nothing outside the build folder is reachable; and the editor's embed rules match the sanitiser.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import { registerAdminApp, defaultAdminBuildDir } from './admin-app.js';
import { EMBED_HOSTS } from '../../platform/html/sanitizer.js';

const INDEX = '<!doctype html><html><head><script type="module" crossorigin src="/admin/assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>';
const JS = `console.log(${JSON.stringify('x'.repeat(4000))});`;

let dir: string;
let app: FastifyInstance;

async function appFor(buildDir: string): Promise<FastifyInstance> {
  const a = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  // As in app.ts: helmet's site-wide policy, which the admin routes replace with their own.
  await a.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"] } } });
  registerAdminApp(a, { buildDir });
  a.get('/secret', async () => 'public route');
  await a.ready();
  return a;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadside-admin-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), JS);
  writeFileSync(join(dir, 'assets', 'index-def456.css'), 'body{color:red}');
  writeFileSync(join(dir, 'secret.txt'), 'not served');
  app = await appFor(dir);
});

after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('/admin and every client route under it answer index.html, never cached, with a strict CSP', async () => {
  for (const url of ['/admin', '/admin/', '/admin/articles', '/admin/articles/12', '/admin/reset?token=abc', '/admin/a/b/c/d']) {
    const res = await app.inject({ url });
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers['content-type']), /^text\/html/, url);
    assert.equal(res.body, INDEX, url);
    assert.equal(res.headers['cache-control'], 'no-store', url);
    assert.match(String(res.headers['x-robots-tag']), /noindex/);
  }
  const csp = String((await app.inject({ url: '/admin/articles' })).headers['content-security-policy']);
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('style-src'), ["'self'"]);
  assert.deepEqual(directives.get('script-src-attr'), ["'none'"]);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
  // Embeds preview in the editor: the same hosts the sanitiser lets through, and no others.
  assert.deepEqual(directives.get('frame-src'), EMBED_HOSTS.map((h) => `https://${h}`));
});

test('assets are served from memory with immutable caching, compression and ETags', async () => {
  const res = await app.inject({ url: '/admin/assets/index-abc123.js' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/javascript/);
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(res.body, JS);
  const etag = String(res.headers.etag);
  assert.match(etag, /^"[0-9a-f]{16}"$/);

  const br = await app.inject({ url: '/admin/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), JS);
  const gz = await app.inject({ url: '/admin/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.rawPayload).toString(), JS);

  const again = await app.inject({ url: '/admin/assets/index-abc123.js', headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');

  const css = await app.inject({ url: '/admin/assets/index-def456.css' });
  assert.equal(css.statusCode, 200);
  assert.match(String(css.headers['content-type']), /^text\/css/);
});

test('nothing but the built assets is reachable: unknown names and path tricks are 404', async () => {
  for (const url of [
    '/admin/assets/missing.js',
    '/admin/assets/../index.html',
    '/admin/assets/..%2Fsecret.txt',
    '/admin/assets/%2e%2e/secret.txt',
    '/admin/assets/',
    '/admin/assets/sub/index-abc123.js',
  ]) {
    const res = await app.inject({ url });
    // ../ may be normalised away by the router into a client route (index.html); it never reaches a file.
    assert.ok(!res.body.includes('not served'), url);
    if (res.statusCode === 200) assert.equal(res.body, INDEX, url);
    else assert.equal(res.statusCode, 404, url);
  }
  assert.equal((await app.inject({ url: '/admin/assets/missing.js' })).headers['cache-control'], 'no-store');
  // Routes outside /admin are untouched.
  assert.equal((await app.inject({ url: '/secret' })).body, 'public route');
  assert.equal((await app.inject({ url: '/administrator' })).statusCode, 404);
});

test('without a build the admin says how to build it (503), rather than a blank page', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'broadside-admin-empty-'));
  const a = await appFor(join(empty, 'nope'));
  try {
    const res = await a.inject({ url: '/admin/articles' });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /npm run build/);
    assert.equal((await a.inject({ url: '/admin/assets/index-abc123.js' })).statusCode, 404);
  } finally {
    await a.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the real Vite build (when present) loads only external scripts and styles', { skip: existsSync(join(defaultAdminBuildDir(), 'index.html')) ? false : 'the admin app is not built here' }, () => {
  const html = readFileSync(join(defaultAdminBuildDir(), 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 1);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs!, /\bsrc="\/admin\/assets\/[^"]+\.js"/);
    assert.equal(body!.trim(), '', 'no inline script');
  }
  assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i);
  for (const m of html.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)) {
    assert.ok(existsSync(join(defaultAdminBuildDir(), m[1]!.replace('/admin/', ''))), `${m[1]} exists`);
  }
});

// The editor's source sits beside the build in the repository; Node runs its TypeScript directly.
const repoRoot = existsSync(fileURLToPath(new URL('../../../../admin/src/editor/embeds.ts', import.meta.url)))
  ? fileURLToPath(new URL('../../../../', import.meta.url))
  : process.cwd();
const embedsPath = join(repoRoot, 'admin', 'src', 'editor', 'embeds.ts');

test('the editor embeds from exactly the hosts the sanitiser allows, and turns video pages into players', { skip: existsSync(embedsPath) ? false : 'admin sources not found' }, async () => {
  type Embeds = { EMBED_HOSTS: string[]; embedFromUrl(u: string): { src: string; title: string } | { error: string } };
  const m = (await import(pathToFileURL(embedsPath).href)) as Embeds;
  assert.deepEqual(m.EMBED_HOSTS, EMBED_HOSTS);
  const ok = (u: string) => {
    const r = m.embedFromUrl(u);
    assert.ok('src' in r, `${u}: ${'error' in r ? r.error : ''}`);
    return r.src;
  };
  assert.equal(ok('https://www.youtube.com/watch?v=dQw4w9WgXcQ'), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
  assert.equal(ok('https://youtu.be/dQw4w9WgXcQ?t=42'), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42');
  assert.equal(ok('https://m.youtube.com/shorts/dQw4w9WgXcQ'), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
  assert.equal(ok('https://vimeo.com/76979871'), 'https://player.vimeo.com/video/76979871');
  assert.equal(ok('https://vimeo.com/76979871/abcdef1234'), 'https://player.vimeo.com/video/76979871?h=abcdef1234');
  assert.equal(ok('https://player.vimeo.com/video/76979871'), 'https://player.vimeo.com/video/76979871');
  assert.match(ok('https://www.openstreetmap.org/export/embed.html?bbox=1,2,3,4'), /^https:\/\/www\.openstreetmap\.org\//);
  for (const bad of ['https://evil.example/embed/x', 'javascript:alert(1)', 'not a url', 'https://www.youtube.com/channel/abc', 'https://vimeo.com/about', 'https://www.youtube.com/watch?v=<script>']) {
    const r = m.embedFromUrl(bad);
    assert.ok('error' in r && r.error.length > 10, bad);
  }
  // Every player address it makes is on an allowed host, over https.
  for (const u of ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://vimeo.com/76979871', 'http://w.soundcloud.com/player/?url=x']) {
    const src = new URL(ok(u));
    assert.equal(src.protocol, 'https:');
    assert.ok(EMBED_HOSTS.includes(src.hostname));
  }
});
