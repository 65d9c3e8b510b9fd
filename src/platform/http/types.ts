// Fastify augmentations used across the app.
import type { FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyReply {
    /** Set by a handler whose response may be kept in the page cache. */
    broadsideCache: { tags: string[]; expiresAt: number } | null;
  }
  interface FastifyInstance {
    broadsideErrorPage(reply: FastifyReply, status: number): Promise<FastifyReply>;
  }
}
export {};
