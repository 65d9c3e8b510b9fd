// Serves the built admin app (admin/, bundled by Vite into <build dir>/admin): fingerprinted files under
// /admin/assets/ with immutable caching, and index.html for /admin and every client route under it, never cached.
// Files are read once at registration and served from memory: no request path ever reaches the file system.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EMBED_HOSTS } from '../../platform/html/sanitizer.js';
import { acceptsEncoding } from '../../platform/cache/serve-cached.js';
import { buildPath } from '../../platform/paths.js';

export interface AdminAppOptions {
  /** The Vite output folder (holding index.html and assets/). Defaults to <build dir>/admin beside the compiled code. */
  buildDir?: string;
}

interface AdminFile {
  type: string;
  body: Buffer;
  etag: string;
  compressible: boolean;
  gzip?: Buffer;
  br?: Buffer;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** dist/admin: the admin app as Vite built it. */
export function defaultAdminBuildDir(): string {
  return buildPath('admin/');
}

/** The admin's policy: Vite's output has no inline script or style, so none is allowed. */
export const ADMIN_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'https:', 'data:', 'blob:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    frameSrc: EMBED_HOSTS.map((h) => `https://${h}`),
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    scriptSrcAttr: ["'none'"],
  },
};

function load(file: string, type: string): AdminFile {
  const body = readFileSync(file);
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  return { type, body, etag, compressible: !type.startsWith('image/png') && !type.startsWith('font/') && body.length > 512 };
}

function send(req: FastifyRequest, reply: FastifyReply, f: AdminFile) {
  reply.header('etag', f.etag).header('vary', 'Accept-Encoding').type(f.type);
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === f.etag)) return reply.code(304).send();
  if (f.compressible) {
    const ae = req.headers['accept-encoding'];
    // Compressed on first use, then kept: booting (and every test app) stays quick.
    if (acceptsEncoding(ae, 'br')) {
      f.br ??= brotliCompressSync(f.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } });
      return reply.header('content-encoding', 'br').send(f.br);
    }
    if (acceptsEncoding(ae, 'gzip')) {
      f.gzip ??= gzipSync(f.body, { level: 9 });
      return reply.header('content-encoding', 'gzip').send(f.gzip);
    }
  }
  return reply.send(f.body);
}

export function registerAdminApp(app: FastifyInstance, opts: AdminAppOptions = {}): void {
  const dir = opts.buildDir ?? defaultAdminBuildDir();
  const indexPath = join(dir, 'index.html');
  const index = existsSync(indexPath) ? load(indexPath, 'text/html; charset=utf-8') : null;
  const assets = new Map<string, AdminFile>();
  const assetDir = join(dir, 'assets');
  if (existsSync(assetDir) && statSync(assetDir).isDirectory()) {
    for (const name of readdirSync(assetDir)) {
      const type = TYPES[extname(name)];
      if (type) assets.set(name, load(join(assetDir, name), type));
    }
  }
  if (!index) app.log.warn('The admin app is not built: /admin answers 503 until `npm run build` has run.');

  const helmet = { contentSecurityPolicy: ADMIN_CSP, referrerPolicy: { policy: 'same-origin' as const } };

  app.get('/admin/assets/*', { helmet }, async (req: FastifyRequest<{ Params: { '*': string } }>, reply) => {
    const f = assets.get(req.params['*']);
    if (!f) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return send(req, reply, f);
  });

  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
    if (!index) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The admin app has not been built. Run `npm run build` (or `npm start`, which builds first) and restart.');
    }
    return send(req, reply, index);
  };
  app.get('/admin', { helmet }, page);
  app.get('/admin/*', { helmet }, page);
}
