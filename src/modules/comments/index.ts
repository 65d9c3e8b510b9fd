// The comments module's only door: the comment section under each article (server-rendered, works without
// JavaScript), moderation (WordPress's rules, the admin API, signed links in mails), spam defences that need no
// outside service, notifications through the mail queue, comment feeds and counts for lists.
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context/index.js';
import { enqueue, type JobRunner } from '../../platform/jobs/index.js';
import type { PublicSite } from '../../web/site.js';
import type { CommentSettings } from './settings.js';
import { registerCommentRoutes } from './routes.js';
import { registerCommentAdminRoutes } from './admin-routes.js';
import { purgeTrash } from './operations/purgeTrash.js';

export { renderCommentSection, buildCommentSection, type BuiltSection, type SectionArticle } from './render.js';
export { commentCounts } from './queries.js';
export { CommentCount } from './views/section.js';
export { postComment, type PostCommentInput, type PostCommentResult } from './operations/postComment.js';
export { moderateComments, moderateComment, BULK_ACTIONS, type BulkAction } from './operations/moderateComments.js';
export { updateComment } from './operations/updateComment.js';
export { importComments, importThreadModes, cleanImportComment, type ImportComment, type CleanComment } from './operations/importComments.js';
export { exportComments, closedThreads, commentsForArticles, type ExportedComment } from './operations/exportComments.js';
export { setCommentsOpen } from './operations/setCommentsOpen.js';
export { saveCommentSettings, SETTINGS_TAG as COMMENT_SETTINGS_TAG } from './operations/saveCommentSettings.js';
export { confirmSubscription, unsubscribe, deleteOwnComment } from './operations/commenterActions.js';
export { purgeTrash, TRASH_DAYS } from './operations/purgeTrash.js';
export { readCommentSettings, DEFAULT_SETTINGS, type CommentSettings, type CommentLimits } from './settings.js';
export { commentsApiDocs } from './docs.js';
export type { CommentsTables, CommentStatus } from './tables.js';

export const MAINTENANCE_JOB = 'comments.maintenance';
const MAINTENANCE_EVERY_MS = 6 * 60 * 60 * 1000;

export interface CommentsDeps {
  ctx: Ctx;
  site: PublicSite;
  jobs: JobRunner;
  secureCookies: boolean;
  /** Overrides the stored rate limits (benchmarks and tests); the stored settings apply otherwise. */
  limits?: CommentSettings['limits'];
}

/** Registers the public routes, the admin API and the job that empties the trash. */
export function registerComments(app: FastifyInstance, deps: CommentsDeps): void {
  registerCommentRoutes(app, { ctx: deps.ctx, site: deps.site, secureCookies: deps.secureCookies, ...(deps.limits ? { limits: deps.limits } : {}) });
  registerCommentAdminRoutes(app, { ctx: deps.ctx, site: deps.site });

  // The trash empties itself: a job that runs every few hours and queues its next run.
  const next = (ctx: Ctx) => enqueue(ctx.db, MAINTENANCE_JOB, {}, { runAt: new Date(Date.now() + MAINTENANCE_EVERY_MS).toISOString(), maxAttempts: 3 });
  deps.jobs.register(MAINTENANCE_JOB, async (_payload, ctx) => {
    await purgeTrash(ctx);
    await next(ctx);
  });
  app.addHook('onReady', async () => {
    try {
      const queued = await deps.ctx.db.selectFrom('jobs').select('id').where('type', '=', MAINTENANCE_JOB).where('status', 'in', ['queued', 'running']).limit(1).executeTakeFirst();
      if (!queued) await next(deps.ctx);
    } catch (err) {
      app.log.warn({ err }, 'comments: could not queue the trash clean-up (it is queued again at the next start)');
    }
  });
}
