// /api/admin: articles (with revisions, autosave, preview, trash and bulk actions), tags, authors, pages, site
// settings and Content API keys. JSON in and out; every route behind requireStaff, every action asked of can()
// (in the operations); bodies checked by validate.ts, unknown fields refused. Also /api/admin/openapi.json.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../../platform/context/index.js';
import { AppError } from '../../../platform/http/errors.js';
import type { PublicSite } from '../../../web/site.js';
import { createTag } from '../../content/operations/createTag.js';
import { createAuthor } from '../../content/operations/createAuthor.js';
import { requireStaff } from '../index.js';
import { registerContentApi } from '../content-api/routes.js';
import { ApiDocs, openApiDocument, type OperationDoc } from '../openapi/registry.js';
import { describeOtherAdminRoutes } from '../openapi/other-routes.js';
import { requireCan, seesAll, type Actor } from './access.js';
import { defineRoute, jsonErrorHandler, type Handler } from './http.js';
import type { ArticleFields } from './fields.js';
import { diffArticleFields } from './diff.js';
import { renderPreview } from './preview.js';
import { findArticle, getArticle, getRevision, listArticles, listRevisions, type AdminListFilter } from './queries.js';
import { getAuthor, getPage, getTag, listApiKeys, listAuthors, listPages, listTags } from './taxonomy.js';
import * as S from './schemas.js';
import { validatorCompiler } from './validate.js';
import { createEditorialArticle } from './operations/createEditorialArticle.js';
import { saveArticle } from './operations/saveArticle.js';
import { autosaveArticle } from './operations/autosaveArticle.js';
import { restoreRevision } from './operations/restoreRevision.js';
import { publishArticle } from './operations/publishArticle.js';
import { unpublishArticle } from './operations/unpublishArticle.js';
import { trashArticle } from './operations/trashArticle.js';
import { restoreFromTrash } from './operations/restoreFromTrash.js';
import { deleteTrashedArticle } from './operations/deleteTrashedArticle.js';
import { bulkArticles, type BulkAction } from './operations/bulkArticles.js';
import { updateTag, type TagPatch } from './operations/updateTag.js';
import { deleteTag } from './operations/deleteTag.js';
import { updateAuthor, type AuthorPatch } from './operations/updateAuthor.js';
import { createPage } from './operations/createPage.js';
import { updatePage } from './operations/updatePage.js';
import { deletePage } from './operations/deletePage.js';
import type { PageFields } from './operations/pageRules.js';
import { readSettings, saveSettings, type SiteSettings } from './operations/saveSettings.js';
import { createApiKey } from './operations/createApiKey.js';
import { revokeApiKey } from './operations/revokeApiKey.js';

export interface EditorialArticlesDeps {
  ctx: Ctx;
  /** The public site: the preview renders through it, and the OpenAPI document takes the outlet's name and URL. */
  site: PublicSite;
}

export const API_VERSION = '1.0.0';

const now = () => new Date().toISOString();
const actorOf = (req: FastifyRequest): Actor => req.staff!;

export function registerEditorialArticles(app: FastifyInstance, deps: EditorialArticlesDeps): void {
  const { ctx, site } = deps;
  const docs = new ApiDocs();
  docs.addComponents(S.components);
  describeOtherAdminRoutes(docs);

  app.register(async (scope) => {
    scope.setValidatorCompiler(validatorCompiler);
    scope.setErrorHandler(jsonErrorHandler('admin'));
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    const gate = { onRequest: requireStaff() };
    const staffRoute = (op: Omit<OperationDoc, 'auth' | 'tag'> & { tag?: string }, handler: Handler) =>
      defineRoute(scope, docs, { tag: 'Articles', ...op, auth: 'staff' }, handler, gate);
    const article: Record<number, { description: string; schema: object }> = { 200: { description: 'The article.', schema: { $ref: '#/components/schemas/Article' } } };
    const noContent = { 204: { description: 'Done.' } };

    // ---- Articles ----------------------------------------------------------------------------------------
    staffRoute(
      {
        method: 'GET',
        path: '/api/admin/articles',
        summary: 'List articles',
        description: 'Newest change first by default, 25 a page. Contributors and authors see only articles under their own byline.',
        query: S.articleListQuery,
        responses: { 200: { description: 'One page of articles.', schema: { $ref: '#/components/schemas/ArticleList' } } },
      },
      async (req) => {
        const actor = actorOf(req);
        const q = req.query as { q?: string; status?: AdminListFilter['status']; author?: number; tag?: number; sort?: AdminListFilter['sort']; dir?: 'asc' | 'desc'; page?: number };
        return listArticles(ctx.db, now(), {
          q: q.q,
          status: q.status,
          authorId: q.author,
          tagId: q.tag,
          sort: q.sort,
          dir: q.dir,
          page: q.page ?? 1,
          ...(seesAll(actor) ? {} : { onlyAuthorIds: [actor.authorId] }),
        });
      },
    );
    staffRoute(
      {
        method: 'POST',
        path: '/api/admin/articles',
        summary: 'Create an article',
        description: 'A draft unless a status is given. Contributors may not publish or schedule; authors only under their own byline.',
        body: S.articleCreateBody,
        responses: { 201: { description: 'Created.', schema: { $ref: '#/components/schemas/Article' } } },
      },
      async (req, reply) => reply.code(201).send(await createEditorialArticle(ctx, actorOf(req), req.body as Partial<ArticleFields>)),
    );
    staffRoute(
      {
        method: 'POST',
        path: '/api/admin/articles/bulk',
        summary: 'One action on many articles',
        description: 'Each article on its own: the results say, per id, whether it was done or why not.',
        body: S.bulkBody,
        responses: { 200: { description: 'Per-article results.', schema: { $ref: '#/components/schemas/BulkResults' } } },
      },
      async (req) => {
        const b = req.body as { ids: number[]; action: BulkAction };
        return { results: await bulkArticles(ctx, actorOf(req), b.ids, b.action) };
      },
    );
    staffRoute(
      { method: 'GET', path: '/api/admin/articles/:id', summary: 'Read an article', description: 'With your autosave if it is newer than the article.', params: S.idParams, responses: article },
      async (req) => {
        const actor = actorOf(req);
        const a = await getArticle(ctx.db, req.params.id, now(), actor.id);
        requireCan(actor, 'article.edit', { authorIds: a.authorIds });
        return a;
      },
    );
    staffRoute(
      {
        method: 'PUT',
        path: '/api/admin/articles/:id',
        summary: 'Save an article',
        description:
          'Fields left out keep their value. `revision` is the revision you loaded: if someone saved since, nothing is overwritten: the answer is 409 ' +
          'with the current article, and your version is kept as a revision of kind "conflict".',
        params: S.idParams,
        body: S.articleUpdateBody,
        responses: { ...article, 409: { description: 'Someone else saved first (or the article is in the trash).', schema: { $ref: '#/components/schemas/Conflict' } } },
      },
      async (req) => {
        const { revision, ...fields } = req.body as Partial<ArticleFields> & { revision: number };
        return saveArticle(ctx, actorOf(req), req.params.id, fields, revision);
      },
    );
    staffRoute(
      {
        method: 'DELETE',
        path: '/api/admin/articles/:id',
        summary: 'Delete an article for good',
        description: 'Only from the trash. If it had been public, its URL answers 410 Gone from then on.',
        params: S.idParams,
        responses: { ...noContent, 409: { description: 'Not in the trash.', schema: { $ref: '#/components/schemas/Error' } } },
      },
      async (req, reply) => {
        await deleteTrashedArticle(ctx, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
    staffRoute(
      {
        method: 'POST',
        path: '/api/admin/articles/:id/autosave',
        summary: 'Autosave',
        description: 'Keeps your unsaved fields (replacing your previous autosave of this article). The article itself is not changed.',
        params: S.idParams,
        body: S.autosaveBody,
        responses: { 200: { description: 'Kept.', schema: { type: 'object', properties: { id: { type: 'integer' }, revision: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' } } } } },
      },
      async (req) => autosaveArticle(ctx, actorOf(req), req.params.id, (req.body as { fields: Partial<ArticleFields> }).fields),
    );
    staffRoute(
      {
        method: 'GET',
        path: '/api/admin/articles/:id/revisions',
        summary: 'Revision history',
        description: 'Newest first: saves, restores, refused conflicting saves, and your own autosave.',
        params: S.idParams,
        responses: { 200: { description: 'The revisions.', schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/RevisionSummary' } } } } } },
      },
      async (req) => {
        const actor = actorOf(req);
        const a = await getArticle(ctx.db, req.params.id, now());
        requireCan(actor, 'article.edit', { authorIds: a.authorIds });
        return { items: await listRevisions(ctx.db, a.id, actor.id) };
      },
    );
    staffRoute(
      {
        method: 'GET',
        path: '/api/admin/articles/:id/revisions/:rid',
        summary: 'One revision',
        params: S.revisionParams,
        responses: { 200: { description: 'The revision and its fields.', schema: { $ref: '#/components/schemas/Revision' } } },
      },
      async (req) => {
        const actor = actorOf(req);
        const a = await getArticle(ctx.db, req.params.id, now());
        requireCan(actor, 'article.edit', { authorIds: a.authorIds });
        return getRevision(ctx.db, a.id, req.params.rid, actor.id);
      },
    );
    staffRoute(
      {
        method: 'GET',
        path: '/api/admin/articles/:id/revisions/:rid/diff',
        summary: 'Compare a revision',
        description: 'Field by field, word by word, from the revision to `against` (the current article, or another revision).',
        params: S.revisionParams,
        query: S.diffQuery,
        responses: { 200: { description: 'The differences.', schema: { $ref: '#/components/schemas/RevisionDiff' } } },
      },
      async (req) => {
        const actor = actorOf(req);
        const a = await getArticle(ctx.db, req.params.id, now());
        requireCan(actor, 'article.edit', { authorIds: a.authorIds });
        const rev = await getRevision(ctx.db, a.id, req.params.rid, actor.id);
        const against = (req.query as { against?: string }).against ?? 'current';
        const other = against === 'current' ? null : await getRevision(ctx.db, a.id, Number(against), actor.id);
        const from: ArticleFields = { ...a, ...rev.fields };
        const to: ArticleFields = other ? { ...a, ...other.fields } : a;
        const tagIds = [...new Set([...from.tagIds, ...to.tagIds, ...[from.primaryTagId, to.primaryTagId].filter((x): x is number => x !== null)])];
        const authorIds = [...new Set([...from.authorIds, ...to.authorIds])];
        const tags = tagIds.length ? await ctx.db.selectFrom('tags').select(['id', 'name']).where('id', 'in', tagIds).execute() : [];
        const authors = authorIds.length ? await ctx.db.selectFrom('authors').select(['id', 'name']).where('id', 'in', authorIds).execute() : [];
        return {
          from: { revisionId: rev.id },
          to: other ? { revisionId: other.id, current: false } : { revisionId: null, current: true },
          fields: diffArticleFields(from, to, {
            tags: new Map(tags.map((t) => [Number(t.id), t.name])),
            authors: new Map(authors.map((x) => [Number(x.id), x.name])),
          }),
        };
      },
    );
    staffRoute(
      {
        method: 'POST',
        path: '/api/admin/articles/:id/revisions/:rid/restore',
        summary: 'Restore a revision',
        description: "Brings back the revision's words, slug, tags and bylines as a new save (kind \"restore\"); the status, date and sticky flag stay as they are.",
        params: S.revisionParams,
        responses: article,
      },
      async (req) => restoreRevision(ctx, actorOf(req), req.params.id, req.params.rid),
    );
    staffRoute(
      {
        method: 'POST',
        path: '/api/admin/articles/:id/publish',
        summary: 'Publish or schedule',
        description: 'Now, or at publishedAt (a time to come schedules it). Refused (400, listing them) while images in the body lack alt text.',
        params: S.idParams,
        body: S.publishBody,
        responses: article,
      },
      async (req) => publishArticle(ctx, actorOf(req), req.params.id, (req.body as { publishedAt?: string | null } | undefined)?.publishedAt ?? null),
    );
    staffRoute(
      { method: 'POST', path: '/api/admin/articles/:id/unpublish', summary: 'Unpublish', description: 'Back to draft: off the public site.', params: S.idParams, responses: article },
      async (req) => unpublishArticle(ctx, actorOf(req), req.params.id),
    );
    staffRoute(
      { method: 'POST', path: '/api/admin/articles/:id/trash', summary: 'Move to the trash', description: 'Off the public site at once (404).', params: S.idParams, responses: article },
      async (req) => trashArticle(ctx, actorOf(req), req.params.id),
    );
    staffRoute(
      { method: 'POST', path: '/api/admin/articles/:id/restore', summary: 'Restore from the trash', description: 'Comes back as a draft.', params: S.idParams, responses: article },
      async (req) => restoreFromTrash(ctx, actorOf(req), req.params.id),
    );
    staffRoute(
      {
        method: 'GET',
        path: '/api/admin/articles/:id/preview',
        summary: 'Preview',
        description: 'The article page as readers will see it, whatever its status; noindex, never cached.',
        params: S.idParams,
        responses: { 200: { description: 'The page.', schema: { type: 'string' }, contentType: 'text/html' } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const t = now();
        const a = await findArticle(ctx.db, req.params.id, t);
        if (!a) throw new AppError('BROADSIDE_E_NOT_FOUND', `There is no article ${req.params.id}.`);
        requireCan(actor, 'article.edit', { authorIds: a.authorIds });
        const html = await renderPreview(ctx.db, site, a, t);
        return reply.header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
      },
    );

    // ---- Tags ---------------------------------------------------------------------------------------------
    const tagOk = { 200: { description: 'The tag.', schema: { $ref: '#/components/schemas/Tag' } } };
    staffRoute(
      { tag: 'Tags', method: 'GET', path: '/api/admin/tags', summary: 'List tags', responses: { 200: { description: 'All tags.', schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Tag' } } } } } } },
      async () => ({ items: await listTags(ctx.db) }),
    );
    staffRoute(
      { tag: 'Tags', method: 'POST', path: '/api/admin/tags', summary: 'Create a tag', description: 'Editors and above. isRegion lists it in every page’s Regions.', body: S.tagCreateBody, responses: { 201: tagOk[200], 409: { description: 'Slug taken.' } } },
      async (req, reply) => {
        requireCan(actorOf(req), 'taxonomy.manage');
        const id = await createTag(ctx, req.body as { name: string; slug?: string; description?: string; isRegion?: boolean });
        return reply.code(201).send(await getTag(ctx.db, id));
      },
    );
    staffRoute(
      { tag: 'Tags', method: 'PUT', path: '/api/admin/tags/:id', summary: 'Edit a tag', description: 'A new slug leaves a 301 from /tag/old/ to the new URL.', params: S.idParams, body: S.tagUpdateBody, responses: { ...tagOk, 409: { description: 'Slug taken.' } } },
      async (req) => {
        await updateTag(ctx, actorOf(req), req.params.id, req.body as TagPatch);
        return getTag(ctx.db, req.params.id);
      },
    );
    staffRoute(
      { tag: 'Tags', method: 'DELETE', path: '/api/admin/tags/:id', summary: 'Delete a tag', description: 'Its articles lose it; /tag/slug/ answers 410 Gone.', params: S.idParams, responses: noContent },
      async (req, reply) => {
        await deleteTag(ctx, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );

    // ---- Authors ------------------------------------------------------------------------------------------
    const authorOk = { 200: { description: 'The author.', schema: { $ref: '#/components/schemas/Author' } } };
    staffRoute(
      { tag: 'Authors', method: 'GET', path: '/api/admin/authors', summary: 'List authors (bylines)', responses: { 200: { description: 'All authors.', schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Author' } } } } } } },
      async () => ({ items: await listAuthors(ctx.db) }),
    );
    staffRoute(
      { tag: 'Authors', method: 'POST', path: '/api/admin/authors', summary: 'Create an author', description: 'Editors and above (guest writers, agencies).', body: S.authorCreateBody, responses: { 201: authorOk[200], 409: { description: 'Slug taken.' } } },
      async (req, reply) => {
        requireCan(actorOf(req), 'taxonomy.manage');
        const id = await createAuthor(ctx, req.body as { name: string; slug?: string; bio?: string });
        return reply.code(201).send(await getAuthor(ctx.db, id));
      },
    );
    staffRoute(
      { tag: 'Authors', method: 'PUT', path: '/api/admin/authors/:id', summary: 'Edit an author', description: 'Editors edit any; everyone their own. A new slug leaves a 301 from /author/old/.', params: S.idParams, body: S.authorUpdateBody, responses: { ...authorOk, 409: { description: 'Slug taken.' } } },
      async (req) => {
        await updateAuthor(ctx, actorOf(req), req.params.id, req.body as AuthorPatch);
        return getAuthor(ctx.db, req.params.id);
      },
    );

    // ---- Pages --------------------------------------------------------------------------------------------
    const pageOk = { 200: { description: 'The page.', schema: { $ref: '#/components/schemas/Page' } } };
    staffRoute(
      { tag: 'Pages', method: 'GET', path: '/api/admin/pages', summary: 'List pages', description: 'Drafts included. Editors and above.', responses: { 200: { description: 'All pages.', schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Page' } } } } } } },
      async (req) => {
        requireCan(actorOf(req), 'taxonomy.manage');
        return { items: await listPages(ctx.db) };
      },
    );
    staffRoute(
      { tag: 'Pages', method: 'POST', path: '/api/admin/pages', summary: 'Create a page', description: 'A draft unless status says published.', body: S.pageCreateBody, responses: { 201: pageOk[200], 409: { description: 'Slug taken.' } } },
      async (req, reply) => {
        const id = await createPage(ctx, actorOf(req), req.body as PageFields);
        return reply.code(201).send(await getPage(ctx.db, id));
      },
    );
    staffRoute(
      { tag: 'Pages', method: 'PUT', path: '/api/admin/pages/:id', summary: 'Edit a page', description: 'A published page whose slug changes leaves a 301.', params: S.idParams, body: S.pageUpdateBody, responses: { ...pageOk, 409: { description: 'Slug taken.' } } },
      async (req) => {
        await updatePage(ctx, actorOf(req), req.params.id, req.body as Partial<PageFields>);
        return getPage(ctx.db, req.params.id);
      },
    );
    staffRoute(
      { tag: 'Pages', method: 'DELETE', path: '/api/admin/pages/:id', summary: 'Delete a page', description: 'A published page leaves 410 Gone.', params: S.idParams, responses: noContent },
      async (req, reply) => {
        await deletePage(ctx, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );

    // ---- Settings -----------------------------------------------------------------------------------------
    const settingsOk = { 200: { description: 'The settings.', schema: { $ref: '#/components/schemas/Settings' } } };
    staffRoute({ tag: 'Settings', method: 'GET', path: '/api/admin/settings', summary: 'Read the site settings', responses: settingsOk }, async () => readSettings(ctx.db));
    staffRoute(
      {
        tag: 'Settings',
        method: 'PUT',
        path: '/api/admin/settings',
        summary: 'Change the site settings',
        description: 'Administrators. Only the settings sent change. Public pages show the change on the next request.',
        body: S.settingsBody,
        responses: settingsOk,
      },
      async (req) => saveSettings(ctx, actorOf(req), req.body as Partial<SiteSettings>),
    );

    // ---- Content API keys -----------------------------------------------------------------------------------
    staffRoute(
      { tag: 'Content API keys', method: 'GET', path: '/api/admin/api-keys', summary: 'List Content API keys', description: 'Administrators. The keys themselves are never shown again.', responses: { 200: { description: 'The keys.', schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ApiKey' } } } } } } },
      async (req) => {
        requireCan(actorOf(req), 'settings.manage');
        return { items: await listApiKeys(ctx.db) };
      },
    );
    staffRoute(
      { tag: 'Content API keys', method: 'POST', path: '/api/admin/api-keys', summary: 'Make a Content API key', description: 'Administrators. The key is in this answer only: copy it now.', body: S.apiKeyBody, responses: { 201: { description: 'The new key, shown once.', schema: { $ref: '#/components/schemas/NewApiKey' } } } },
      async (req, reply) => reply.code(201).send(await createApiKey(ctx, actorOf(req), (req.body as { name: string }).name)),
    );
    staffRoute(
      { tag: 'Content API keys', method: 'DELETE', path: '/api/admin/api-keys/:id', summary: 'Revoke a Content API key', description: 'Requests with it get 401 from now on.', params: S.idParams, responses: noContent },
      async (req, reply) => {
        await revokeApiKey(ctx, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );

    // ---- The document ---------------------------------------------------------------------------------------
    defineRoute(
      scope,
      docs,
      { tag: 'API', method: 'GET', path: '/api/admin/openapi.json', summary: 'This OpenAPI document', auth: 'none', responses: { 200: { description: 'OpenAPI 3.1.', schema: { type: 'object' } } } },
      async () => {
        const s = await site.site();
        return openApiDocument(docs, { title: s.title, version: API_VERSION, baseUrl: s.baseUrl });
      },
    );
  });

  registerContentApi(app, { ctx, site, docs });
}
