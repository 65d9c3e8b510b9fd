// The read-only Content API for headless use: published articles, tags, authors and pages, as JSON.
// An API key (Authorization: Bearer <key> or ?key=<key>) is required; no cookies are read, any origin may call
// it (CORS *), and nothing private is ever in it: no drafts, no scheduled articles before their time, no trash,
// no email addresses, no staff accounts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../../platform/context/index.js';
import { notFound } from '../../../platform/http/errors.js';
import type { PublicSite } from '../../../web/site.js';
import { getArticle, listArticles, visible, type ArticleSummary, type ArticleFull, type ListFilter } from '../../content/queries.js';
import { readingMinutes } from '../../content/views/parts.js';
import type { ApiDocs, OperationDoc } from '../openapi/registry.js';
import { defineRoute, jsonErrorHandler, sendJsonError } from '../articles/http.js';
import { validatorCompiler, type Schema } from '../articles/validate.js';
import { checkApiKey } from './keys.js';

export interface ContentApiDeps {
  ctx: Ctx;
  site: PublicSite;
  docs: ApiDocs;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'Authorization',
  'access-control-max-age': '86400',
};

const keyParam: Schema = { type: 'string', maxLength: 200, description: 'The API key, if not sent in the Authorization header.' };
const idParams: Schema = { type: 'object', additionalProperties: false, properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } }, required: ['id'] };
const listQuery: Schema = {
  type: 'object',
  properties: {
    key: keyParam,
    tag: { type: 'string', maxLength: 200, description: 'A tag slug or id.' },
    author: { type: 'string', maxLength: 200, description: 'An author slug or id.' },
    page: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    perPage: { type: 'integer', minimum: 1, maximum: 100 },
  },
};
const keyQuery: Schema = { type: 'object', properties: { key: keyParam } };

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const components: Record<string, Schema> = {
  ContentArticle: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      slug: { type: 'string' },
      path: { type: 'string' },
      url: { type: 'string', format: 'uri' },
      kicker: { type: 'string' },
      headline: { type: 'string' },
      standfirst: { type: 'string' },
      publishedAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      wordCount: { type: 'integer' },
      readingMinutes: { type: 'integer' },
      authors: { type: 'array', items: ref('ContentAuthorRef') },
      primaryTag: { oneOf: [{ type: 'null' }, ref('ContentTagRef')] },
      sticky: { type: 'boolean', description: 'The site shows it first on the home page (the list here stays newest first).' },
      bodyHtml: { type: 'string', description: 'Only when one article is asked for. Sanitised HTML.' },
      tags: { type: 'array', items: ref('ContentTagRef'), description: 'Only when one article is asked for.' },
    },
  },
  ContentAuthorRef: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' } } },
  ContentTagRef: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, isRegion: { type: 'boolean' } } },
  ContentTag: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, isRegion: { type: 'boolean' }, url: { type: 'string' } } },
  ContentAuthor: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, bio: { type: 'string' }, url: { type: 'string' } } },
  ContentPage: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, title: { type: 'string' }, bodyHtml: { type: 'string' }, url: { type: 'string' }, updatedAt: { type: 'string', format: 'date-time' } } },
};

function keyFrom(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1]!;
  }
  const q = (req.query as { key?: unknown } | undefined)?.key;
  return typeof q === 'string' && q ? q : null;
}

export function registerContentApi(app: FastifyInstance, deps: ContentApiDeps): void {
  const { ctx, site, docs } = deps;
  docs.addComponents(components);

  app.register(async (scope) => {
    scope.setValidatorCompiler(validatorCompiler);
    scope.setErrorHandler(jsonErrorHandler('content api'));
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.headers(CORS);
      reply.header('cache-control', 'no-store');
      return payload;
    });
    // Cross-origin readers: let other sites' scripts read the JSON (helmet's default says same-origin).
    const helmet = { crossOriginResourcePolicy: { policy: 'cross-origin' as const } };

    async function apiKeyGate(req: FastifyRequest, reply: FastifyReply) {
      const key = keyFrom(req);
      if (!key) {
        reply.header('www-authenticate', 'Bearer realm="content"');
        return sendJsonError(reply, 401, 'BROADSIDE_E_UNAUTHENTICATED', 'An API key is required: send it as Authorization: Bearer <key> (or ?key=<key>). Administrators make keys in the admin.');
      }
      if (!(await checkApiKey(ctx.db, key))) {
        reply.header('www-authenticate', 'Bearer realm="content", error="invalid_token"');
        return sendJsonError(reply, 401, 'BROADSIDE_E_UNAUTHENTICATED', 'This API key is not valid: it is unknown or has been revoked.');
      }
    }

    scope.options('/api/content/*', { helmet } as never, async (_req, reply) => reply.code(204).headers(CORS).send());

    const route = (op: Omit<OperationDoc, 'auth' | 'tag'>, handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>) =>
      defineRoute(scope, docs, { ...op, tag: 'Content API', auth: 'apiKey' }, handler as never, { onRequest: apiKeyGate, helmet });

    const now = () => new Date().toISOString();

    async function resolve(table: 'tags' | 'authors', value: string | undefined): Promise<number | undefined> {
      if (value === undefined) return undefined;
      const row = /^[1-9]\d{0,15}$/.test(value)
        ? await ctx.db.selectFrom(table).select('id').where('id', '=', Number(value)).executeTakeFirst()
        : await ctx.db.selectFrom(table).select('id').where('slug', '=', value).executeTakeFirst();
      if (!row) throw notFound(`There is no ${table === 'tags' ? 'tag' : 'author'} "${value}".`);
      return Number(row.id);
    }

    async function shape(a: ArticleSummary | ArticleFull) {
      const { baseUrl } = await site.site();
      const full = 'bodyHtml' in a;
      return {
        id: a.id,
        slug: a.slug,
        path: a.path,
        url: baseUrl + a.path,
        kicker: a.kicker,
        headline: a.headline,
        standfirst: a.standfirst,
        publishedAt: a.publishedAt,
        updatedAt: a.updatedAt,
        wordCount: a.wordCount,
        readingMinutes: readingMinutes(a.wordCount),
        authors: a.authors.map((x) => ({ id: x.id, slug: x.slug, name: x.name })),
        primaryTag: a.primaryTag,
        sticky: a.sticky,
        ...(full ? { bodyHtml: (a as ArticleFull).bodyHtml as string, tags: (a as ArticleFull).tags } : {}),
      };
    }

    route(
      {
        method: 'GET',
        path: '/api/content/articles',
        summary: 'Published articles',
        description: 'Newest first. Only what the public site shows.',
        query: listQuery,
        responses: { 200: { description: 'One page.', schema: { type: 'object', properties: { items: { type: 'array', items: ref('ContentArticle') }, page: { type: 'integer' }, pages: { type: 'integer' }, total: { type: 'integer' } } } } },
      },
      async (req) => {
        const q = req.query as { tag?: string; author?: string; page?: number; perPage?: number };
        const filter: ListFilter = {};
        const tagId = await resolve('tags', q.tag);
        const authorId = await resolve('authors', q.author);
        if (tagId !== undefined) filter.tagId = tagId;
        if (authorId !== undefined) filter.authorId = authorId;
        const result = await listArticles(ctx.db, now(), filter, q.page ?? 1, q.perPage ?? 20);
        return { ...result, items: await Promise.all(result.items.map(shape)) };
      },
    );
    route(
      { method: 'GET', path: '/api/content/articles/:id', summary: 'One published article', params: idParams, query: keyQuery, responses: { 200: { description: 'The article, with its body.', schema: ref('ContentArticle') } } },
      async (req) => {
        const id = (req.params as { id: number }).id;
        const t = now();
        const row = await ctx.db.selectFrom('articles').select(['month_key', 'slug']).where('id', '=', id).where(visible(t)).executeTakeFirst();
        const a = row?.month_key ? await getArticle(ctx.db, t, row.month_key, row.slug) : null;
        if (!a) throw notFound(`There is no published article ${id}.`);
        return shape(a);
      },
    );
    route(
      { method: 'GET', path: '/api/content/tags', summary: 'Tags', query: keyQuery, responses: { 200: { description: 'All tags.', schema: { type: 'object', properties: { items: { type: 'array', items: ref('ContentTag') } } } } } },
      async () => {
        const { baseUrl } = await site.site();
        const rows = await ctx.db.selectFrom('tags').select(['id', 'slug', 'name', 'description', 'is_region']).orderBy('name').execute();
        return { items: rows.map((t) => ({ id: Number(t.id), slug: t.slug, name: t.name, description: t.description, isRegion: Number(t.is_region) === 1, url: `${baseUrl}/tag/${t.slug}/` })) };
      },
    );
    route(
      { method: 'GET', path: '/api/content/authors', summary: 'Authors', query: keyQuery, responses: { 200: { description: 'All authors (bylines).', schema: { type: 'object', properties: { items: { type: 'array', items: ref('ContentAuthor') } } } } } },
      async () => {
        const { baseUrl } = await site.site();
        const rows = await ctx.db.selectFrom('authors').select(['id', 'slug', 'name', 'bio']).orderBy('name').execute();
        return { items: rows.map((a) => ({ id: Number(a.id), slug: a.slug, name: a.name, bio: a.bio, url: `${baseUrl}/author/${a.slug}/` })) };
      },
    );
    route(
      { method: 'GET', path: '/api/content/pages', summary: 'Published pages', query: keyQuery, responses: { 200: { description: 'Published pages.', schema: { type: 'object', properties: { items: { type: 'array', items: ref('ContentPage') } } } } } },
      async () => {
        const { baseUrl } = await site.site();
        const rows = await ctx.db.selectFrom('pages').select(['id', 'slug', 'title', 'body_html', 'updated_at']).where('status', '=', 'published').orderBy('position').orderBy('title').execute();
        return { items: rows.map((p) => ({ id: Number(p.id), slug: p.slug, title: p.title, bodyHtml: p.body_html, url: `${baseUrl}/${p.slug}/`, updatedAt: p.updated_at })) };
      },
    );
  });
}
