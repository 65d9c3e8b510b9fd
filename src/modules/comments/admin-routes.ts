// The moderators' JSON API (editor and above: can(staff, 'comments.moderate')). Email addresses appear here and
// nowhere else. Every write needs the session's x-csrf-token (requireStaff checks it).
//   GET   /api/admin/comments?status=&article=&page=    the list, newest first, with counts per status
//   POST  /api/admin/comments/bulk {ids, action}        approve | pending | spam | trash | delete
//   PATCH /api/admin/comments/:id                       status, authorName, authorUrl, body
//   POST  /api/admin/articles/:id/comments-open {open}  true | false | null (back to automatic)
//   GET|PUT /api/admin/comments/settings                the moderation and display settings
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context/index.js';
import { AppError, badInput } from '../../platform/http/errors.js';
import type { PublicSite } from '../../web/site.js';
import { can, requireStaff } from '../editorial/index.js';
import { listForModeration } from './queries.js';
import { moderateComments, type BulkAction } from './operations/moderateComments.js';
import { updateComment } from './operations/updateComment.js';
import { setCommentsOpen } from './operations/setCommentsOpen.js';
import { saveCommentSettings } from './operations/saveCommentSettings.js';
import { readCommentSettings } from './settings.js';
import { COMMENT_STATUSES, type CommentStatus } from './tables.js';

export interface CommentAdminDeps {
  ctx: Ctx;
  site: PublicSite;
}

const ID = /^[1-9]\d{0,15}$/;
const PAGE_SIZE = 50;

type Params = Record<string, string>;

function one(v: unknown): string {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x.trim() : '';
}

function idOf(raw: string | undefined, field = 'id'): number {
  if (!raw || !ID.test(raw)) throw badInput(`${field} must be a positive whole number.`, field);
  return Number(raw);
}

export function registerCommentAdminRoutes(app: FastifyInstance, deps: CommentAdminDeps): void {
  const { ctx, site } = deps;
  const mailSite = async () => {
    const s = await site.site();
    return { baseUrl: s.baseUrl, title: s.title };
  };

  app.register(async (scope) => {
    scope.addHook('onRequest', requireStaff('editor'));
    scope.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
      if (!can(req.staff, 'comments.moderate')) throw new AppError('BROADSIDE_E_FORBIDDEN', 'Moderating comments needs the editor role or higher.');
      void reply;
    });
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });

    scope.get('/api/admin/comments', async (req) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const status = one(q.status);
      if (status && !(COMMENT_STATUSES as readonly string[]).includes(status)) throw badInput(`status must be one of ${COMMENT_STATUSES.join(', ')} (or left out for all).`, 'status');
      const article = one(q.article);
      const page = one(q.page);
      if (page && !/^[1-9]\d{0,5}$/.test(page)) throw badInput('page must be a positive whole number.', 'page');
      return listForModeration(ctx.db, {
        ...(status ? { status: status as CommentStatus } : {}),
        ...(article ? { articleId: idOf(article, 'article') } : {}),
        page: page ? Number(page) : 1,
        pageSize: PAGE_SIZE,
      });
    });

    scope.post('/api/admin/comments/bulk', async (req) => {
      const b = req.body as { ids?: unknown; action?: unknown } | null;
      if (!b || typeof b !== 'object') throw badInput('Send {"ids": [...], "action": "approve"} as JSON.');
      return moderateComments(ctx, b.ids as number[], b.action as BulkAction, await mailSite());
    });

    scope.patch('/api/admin/comments/:id', async (req: FastifyRequest<{ Params: Params }>) => {
      const id = idOf(req.params.id);
      await updateComment(ctx, id, req.body, await mailSite());
      const row = await listOne(id);
      return row;
    });

    scope.post('/api/admin/articles/:id/comments-open', async (req: FastifyRequest<{ Params: Params }>) => {
      const id = idOf(req.params.id);
      const b = req.body as { open?: unknown } | null;
      if (!b || typeof b !== 'object' || !('open' in b)) throw badInput('Send {"open": true}, {"open": false} or {"open": null} as JSON.', 'open');
      const state = await setCommentsOpen(ctx, id, b.open);
      return { articleId: id, ...state };
    });

    scope.get('/api/admin/comments/settings', async () => readCommentSettings(ctx.db, true));
    scope.put('/api/admin/comments/settings', async (req) => saveCommentSettings(ctx, req.body));
  });

  async function listOne(id: number) {
    const one = await listForModeration(ctx.db, { id, page: 1, pageSize: 1 });
    return one.items[0] ?? null;
  }
}
