// The public route for an image's files: only variants under `public/`, only names we make.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MediaStore } from './store.js';
import { PUBLIC_PREFIX } from './store.js';

const KEY = /^[0-9a-f]{32}$/;
const FILE = /^(?:w[1-9]\d{0,4}\.(?:avif|webp)|full\.(?:jpg|png|webp|avif|gif))$/;
const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif' };

export function registerPublicMediaRoutes(app: FastifyInstance, deps: { store: MediaStore }): void {
  app.get('/media/:key/:file', async (req: FastifyRequest<{ Params: { key: string; file: string } }>, reply: FastifyReply) => {
    const { key, file } = req.params;
    if (!KEY.test(key) || !FILE.test(file)) return reply.callNotFound();
    const stream = await deps.store.get(`${PUBLIC_PREFIX}/${key}/${file}`);
    if (!stream) return reply.callNotFound();
    // A key's files never change (a new upload gets a new key), so the name is a strong validator.
    const etag = `"${createHash('sha256').update(`${key}/${file}`).digest('base64url').slice(0, 22)}"`;
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', etag)
      // Images may be shown by feed readers, newsletters and other sites.
      .header('cross-origin-resource-policy', 'cross-origin')
      .type(TYPES[file.slice(file.lastIndexOf('.') + 1)]!);
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      stream.destroy();
      return reply.code(304).send();
    }
    return reply.send(stream);
  });
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
