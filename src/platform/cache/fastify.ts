// Wires the page cache into Fastify: answer from it before routing, fill it after a cacheable response.
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageCache } from './page-cache.js';
import { writeCachedPage } from './serve-cached.js';

/** Cache key: the path as the client sent it. Cacheable routes never read the query string. */
export function cacheKey(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q === -1 ? u : u.slice(0, q);
}

/** Requests that may be answered from the cache: anonymous GET/HEAD. */
export function cacheEligible(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const cookie = req.headers.cookie;
  return !cookie || !cookie.includes('broadside_session=');
}

/** The fast path in front of Fastify: a hit never reaches the router. */
export function tryServeFromCache(cache: PageCache, req: IncomingMessage, res: ServerResponse): boolean {
  if (!cacheEligible(req)) return false;
  const page = cache.get(cacheKey(req.url));
  if (!page) return false;
  writeCachedPage(req, res, page);
  return true;
}

/** `bypass`: addresses the cache must not answer even though their path has a page (see app.ts). */
export function registerPageCache(app: FastifyInstance, cache: PageCache, enabled: boolean, bypass: (url: string | undefined) => boolean = () => false): void {
  app.decorateReply('broadsideCache', null);
  if (!enabled) return;

  app.addHook('onRequest', async (req, reply) => {
    // Requests injected in tests, or that missed the fast path's lookup a moment ago.
    if (!cacheEligible(req.raw) || bypass(req.raw.url)) return;
    const page = cache.get(cacheKey(req.raw.url));
    if (!page) return;
    reply.hijack();
    writeCachedPage(req.raw, reply.raw, page);
  });

  app.addHook('onRequest', async (req) => {
    (req as unknown as { cacheGeneration: number }).cacheGeneration = cache.currentGeneration;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const policy = reply.broadsideCache;
    if (!policy || !cacheEligible(req.raw) || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    reply.header('cache-control', 'public, max-age=0, must-revalidate');
    reply.header('surrogate-key', policy.tags.join(' '));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) {
      if (v === undefined || k === 'content-length' || k === 'set-cookie') continue;
      headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const generation = (req as unknown as { cacheGeneration: number }).cacheGeneration;
    const page = cache.set(cacheKey(req.raw.url), 200, headers, body, policy.tags, generation, policy.expiresAt);
    if (page) {
      reply.header('etag', page.etag);
      const inm = req.headers['if-none-match'];
      if (inm === page.etag) {
        reply.code(304);
        return '';
      }
    }
    return payload;
  });
}
