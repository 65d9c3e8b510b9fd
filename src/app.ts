// buildApp(config): a Fastify instance, not listening, so tests can inject into it.
import './platform/http/types.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import formbody from '@fastify/formbody';
import type { Config } from './config.js';
import { openDatabase, type DbHandle } from './platform/db/index.js';
import type { Ctx } from './platform/context/index.js';
import { PageCache } from './platform/cache/page-cache.js';
import { openBus, EVERYTHING } from './platform/cache/bus.js';
import { registerPageCache, tryServeFromCache } from './platform/cache/fastify.js';
import { AppError, badInput, notFound } from './platform/http/errors.js';
import { EMBED_HOSTS } from './platform/html/sanitizer.js';
import { loadAssets, assetUrl } from './web/assets.js';
import { acceptsEncoding } from './platform/cache/serve-cached.js';
import { PublicSite } from './web/site.js';
import { registerContentRoutes } from './modules/content/routes.js';
import { publishDueArticles } from './modules/content/operations/publishDueArticles.js';
import { loggerOptions } from './platform/http/logger.js';
import { JobRunner, type Worker } from './platform/jobs/index.js';
import { MAIL_JOB, mailSendHandler } from './platform/mail/index.js';
import { registerAdminApp } from './modules/editorial/admin-app.js';
import { registerEditorialAuth } from './modules/editorial/index.js';
import { registerMedia } from './modules/media/index.js';
import { registerEditorialArticles } from './modules/editorial/articles/routes.js';
import { registerSearch, RELATED_JOB, computeRelated, threadSearcher, inProcessSearcher } from './modules/search/index.js';
import { registerComments } from './modules/comments/index.js';
import { registerFunding, renderAppeal, DEFAULT_LIMITS, type FundingLimits } from './modules/funding/index.js';
import { isLegacyQueryUrl, registerImporters } from './modules/importers/index.js';

export interface App {
  app: FastifyInstance;
  ctx: Ctx;
  cache: PageCache;
  db: DbHandle;
  /** The durable job queue's runner: modules register their job handlers on it. */
  jobs: JobRunner;
  /** Starts timed work (scheduled publishing) and the job worker. serve does; tests may. */
  startBackground(): void;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** An already-open database (tests); otherwise opened from config. Not closed by close() when given. */
  db?: DbHandle;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
  /** Overrides the donation form's rate limit (benchmarks, tests). */
  fundingLimits?: FundingLimits;
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<App> {
  const db = opts.db ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const cache = new PageCache(config.cacheMegabytes * 1024 * 1024);
  let site: PublicSite | null = null;
  let log: { warn(obj: object, msg: string): void } | null = null;
  const bus = openBus(db, { databaseUrl: config.databaseUrl, onError: (err) => log?.warn({ err }, 'cache: could not reach the other processes') });
  const invalidateHere = (tags: string[]) => {
    if (tags.includes(EVERYTHING)) {
      cache.clear();
      site?.onInvalidate(['layout', 'settings']);
    } else {
      cache.invalidate(tags);
      site?.onInvalidate(tags);
    }
  };
  const ctx: Ctx = {
    db: db.db,
    engine: db.engine,
    invalidate(tags) {
      invalidateHere(tags);
      void bus.publish(tags);
    },
  };

  // The server answers cached pages before Fastify sees the request: a hit costs about what a static file does.
  let fastifyHandler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const app = Fastify({
    logger: opts.logger === false ? false : opts.logStream ? { ...(loggerOptions(config.logLevel) as object), stream: opts.logStream } : loggerOptions(config.logLevel),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Malformed percent-encoding, or a path segment longer than any slug: the same error pages as any other bad
    // address (Fastify would answer these itself, in JSON, with 400 and 414).
    frameworkErrors: (err, req, reply) => {
      void handleError(err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? notFound() : err.code === 'FST_ERR_BAD_URL' ? badInput('The address is not valid.') : err, req, reply);
    },
    serverFactory: (handler) => {
      fastifyHandler = handler;
      return createServer((req, res) => {
        // WordPress's /?p=12 addresses are answered by the importers' redirects, never by the cached home page.
        if (config.pageCache && !isLegacyQueryUrl(req.url) && tryServeFromCache(cache, req, res)) return;
        fastifyHandler!(req, res);
      });
    },
  });

  const https = config.baseUrl.startsWith('https:');
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        frameSrc: EMBED_HOSTS.map((h) => `https://${h}`),
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    hsts: https ? { maxAge: 31536000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  await app.register(formbody);
  registerPageCache(app, cache, config.pageCache, isLegacyQueryUrl);
  log = app.log;
  // Changes made by other processes (app processes, `broadside worker`, the CLI) drop pages here too.
  app.addHook('onReady', () => bus.listen(invalidateHere));
  app.addHook('onClose', () => bus.close());

  const jobs = new JobRunner({ logger: app.log });
  jobs.register(MAIL_JOB, mailSendHandler(config));
  jobs.register<{ articleId: number }>(RELATED_JOB, (p) => computeRelated(ctx, p.articleId));
  let worker: Worker | null = null;

  const assets = loadAssets();
  site = new PublicSite(ctx, {
    title: config.title,
    description: config.description,
    baseUrl: config.baseUrl,
    cssUrl: assetUrl(assets, 'site.css'),
    printCssUrl: assetUrl(assets, 'print.css'),
    lang: 'en',
  });

  app.get('/assets/:name', async (req, reply) => {
    const asset = assets.get(req.url.split('?')[0]!);
    if (!asset) return reply.callNotFound();
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', asset.etag).header('vary', 'Accept-Encoding').type(asset.type);
    if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    const ae = req.headers['accept-encoding'];
    if (acceptsEncoding(ae, 'br')) return reply.header('content-encoding', 'br').send(asset.br);
    if (acceptsEncoding(ae, 'gzip')) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });

  registerContentRoutes(app, { ctx, site, pageSize: config.pageSize, appeal: (article) => renderAppeal(ctx, config.funding, article) });
  registerAdminApp(app);
  registerEditorialAuth(app, { ctx, config });
  const mediaStore = registerMedia(app, { ctx, dataDir: config.dataDir, maxUploadMb: config.maxUploadMb });
  registerEditorialArticles(app, { ctx, site });
  const searcher = db.engine === 'sqlite' && db.file && config.searchThreads > 0 ? threadSearcher(db.file, config.searchThreads, config.searchMmapMb * 1024 * 1024) : inProcessSearcher(ctx);
  app.addHook('onClose', () => searcher.close());
  registerSearch(app, { ctx, site, pageSize: config.pageSize, searcher });
  registerComments(app, { ctx, site, jobs, secureCookies: config.secureCookies });
  registerFunding(app, {
    ctx,
    site,
    env: config.funding,
    secureCookies: config.secureCookies,
    limits: opts.fundingLimits ?? DEFAULT_LIMITS,
    mailSite: async () => {
      const s = await site!.site();
      return { baseUrl: s.baseUrl, title: s.title };
    },
  });
  registerImporters(app, { ctx, jobs, dataDir: config.dataDir, mediaStore });

  app.setErrorHandler(handleError);
  async function handleError(err: Error, req: FastifyRequest, reply: FastifyReply) {
    const e = err as Error & { statusCode?: number; code?: string };
    const status = err instanceof AppError ? err.status : e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    if (req.url.startsWith('/api/') || req.headers.accept === 'application/json') {
      const code = err instanceof AppError ? err.code : status >= 500 ? 'BROADSIDE_E_INTERNAL' : (e.code ?? 'BROADSIDE_E_BAD_INPUT');
      const field = err instanceof AppError ? err.field : undefined;
      return reply.code(status).send({ error: { code, message: status >= 500 ? 'Internal error' : e.message, ...(field ? { field } : {}) } });
    }
    try {
      return await app.broadsideErrorPage(reply, status);
    } catch {
      return reply.code(status).type('text/plain; charset=utf-8').send(status >= 500 ? 'Internal error' : 'Bad request');
    }
  }

  let timer: NodeJS.Timeout | null = null;
  return {
    app,
    ctx,
    cache,
    db,
    jobs,
    startBackground() {
      if (timer) return;
      worker = jobs.startWorker(ctx);
      const tick = () =>
        publishDueArticles(ctx).catch((err) => app.log.error({ err }, 'scheduled publishing failed'));
      timer = setInterval(tick, 30_000);
      timer.unref();
      void tick();
    },
    async close() {
      if (timer) clearInterval(timer);
      await worker?.stop();
      await app.close();
      if (!opts.db) await db.close();
    },
  };
}
