// The public site's routes. Every page is rendered once and kept (see platform/cache); handlers say which
// cache tags a page depends on so that a change invalidates exactly those pages. A slug in a URL that is not
// a well-formed slug cannot name anything and is not looked up (PostgreSQL refuses a NUL in text, for one).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context/index.js';
import type { PublicSite, Rendered } from '../../web/site.js';
import type { Head } from '../../web/layout.js';
import { ping } from '../../platform/db/index.js';
import { findAuthor, findPage, findRedirect, findTag, getArticle, listArticles, listHome, sitemapEntries, type ListFilter } from './queries.js';
import { formatMonthKey } from './dates.js';
import { checkSlug } from './slug.js';
import { ArticleView } from './views/article.js';
import { ListingView } from './views/listing.js';
import { ErrorView, PageView } from './views/page.js';
import { bodiesOf, buildFeed, sitemapXml } from './feeds.js';
import { relatedForPage, RelatedArticles } from '../search/index.js';
import { commentCounts, renderCommentSection } from '../comments/index.js';

export interface ContentRouteDeps {
  ctx: Ctx;
  site: PublicSite;
  pageSize: number;
  /** The funding module's appeal for the article page's slot. */
  appeal?: (article: { id: number }) => Promise<{ node: preact.ComponentChildren; tags: string[]; expiresAt: number }>;
}

const YEAR = /^[12]\d{3}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;
const PAGE = /^[1-9]\d{0,5}$/;
const FEED_SIZE = 20;

type Params = Record<string, string>;

export function markCacheable(reply: FastifyReply, tags: string[], expiresAt: number): void {
  reply.broadsideCache = { tags, expiresAt };
}

export function registerContentRoutes(app: FastifyInstance, deps: ContentRouteDeps): void {
  const { ctx, site, pageSize } = deps;
  const now = () => new Date().toISOString();

  async function html(reply: FastifyReply, r: Rendered, tags: string[], status = 200) {
    markCacheable(reply, tags, r.expiresAt);
    return reply.code(status).type('text/html; charset=utf-8').send(r.html);
  }

  async function listing(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: {
      filter: ListFilter;
      page: string | undefined;
      basePath: string;
      title: string;
      description?: string;
      hideTitle?: boolean;
      feeds?: Head['feeds'];
      type?: Head['type'];
      tags: string[];
      /** The home page: sticky articles first on page 1. */
      home?: boolean;
    },
  ) {
    const page = opts.page === undefined ? 1 : PAGE.test(opts.page) ? Number(opts.page) : 0;
    if (page === 0) return reply.callNotFound();
    if (opts.page === '1') return reply.redirect(opts.basePath, 301);
    const t = now();
    // Every change to a public article (its sticky flag too) invalidates 'lists', which each listing carries.
    const result = opts.home ? await listHome(ctx.db, t, page, pageSize) : await listArticles(ctx.db, t, opts.filter, page, pageSize);
    const counts = await commentCounts(ctx.db, result.items.map((a) => a.id));
    if (page > result.pages) return reply.callNotFound();
    const pathOf = (n: number) => (n === 1 ? opts.basePath : `${opts.basePath}page/${n}/`);
    const prev = page > 1 ? pathOf(page - 1) : null;
    const next = page < result.pages ? pathOf(page + 1) : null;
    const title = page > 1 ? `${opts.title} – page ${page}` : opts.title;
    const r = await site.render(
      t,
      { title, description: opts.description, path: pathOf(page), prev, next, feeds: opts.feeds, type: opts.type },
      <ListingView title={opts.title} description={opts.description} hideTitle={opts.hideTitle} items={result.items} markSticky={opts.home && page === 1} commentCounts={counts} page={page} pages={result.pages} prev={prev} next={next} />,
    );
    return html(reply, r, ['lists', 'layout', ...opts.tags, ...result.items.map((a) => `article:${a.id}`)]);
  }

  const home = (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) =>
    listing(req, reply, { filter: {}, page: req.params.n, basePath: '/', title: 'Latest analysis', hideTitle: true, tags: [], home: true });
  app.get('/', home);
  app.get('/page/:n/', home);

  async function yearOrPage(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const a = req.params.a!;
    if (YEAR.test(a)) {
      return listing(req, reply, {
        filter: { from: `${a}-01-01T00:00:00.000Z`, to: `${Number(a) + 1}-01-01T00:00:00.000Z` },
        page: req.params.n,
        basePath: `/${a}/`,
        title: a,
        description: `Everything published in ${a}.`,
        tags: [],
      });
    }
    if (req.params.n !== undefined || !checkSlug(a)) return reply.callNotFound();
    const p = await findPage(ctx.db, a);
    if (!p) return reply.callNotFound();
    const r = await site.render(now(), { title: p.title, path: `/${p.slug}/` }, <PageView title={p.title} bodyHtml={p.bodyHtml} />);
    return html(reply, r, ['layout', `page:${p.id}`]);
  }
  app.get('/:a/', yearOrPage);
  app.get('/:a/page/:n/', yearOrPage);

  async function month(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const { a, b } = req.params as { a: string; b: string };
    if (!YEAR.test(a) || !MONTH.test(b)) return reply.callNotFound();
    const key = `${a}-${b}`;
    const next = Number(b) === 12 ? `${Number(a) + 1}-01` : `${a}-${String(Number(b) + 1).padStart(2, '0')}`;
    return listing(req, reply, {
      filter: { from: `${key}-01T00:00:00.000Z`, to: `${next}-01T00:00:00.000Z` },
      page: req.params.n,
      basePath: `/${a}/${b}/`,
      title: formatMonthKey(key),
      description: `Everything published in ${formatMonthKey(key)}.`,
      tags: [],
    });
  }
  app.get('/:a/:b/', month);
  app.get('/:a/:b/page/:n/', month);

  app.get('/:a/:b/:c/', async (req: FastifyRequest<{ Params: Params }>, reply) => {
    const { a, b, c } = req.params as { a: string; b: string; c: string };
    if (!YEAR.test(a) || !MONTH.test(b) || !checkSlug(c)) return reply.callNotFound();
    const t = now();
    const article = await getArticle(ctx.db, t, `${a}-${b}`, c);
    if (!article) return reply.callNotFound();
    const related = await relatedForPage(ctx.db, article.id, t);
    const comments = await renderCommentSection(ctx, article);
    const appeal = deps.appeal ? await deps.appeal(article) : null;
    const s = await site.site();
    const url = s.baseUrl + article.path;
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.headline,
      description: article.standfirst || undefined,
      datePublished: article.publishedAt,
      dateModified: article.updatedAt,
      url,
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      author: article.authors.map((au) => ({ '@type': 'Person', name: au.name, url: `${s.baseUrl}/author/${au.slug}/` })),
      publisher: { '@type': 'Organization', name: s.title, url: s.baseUrl + '/' },
      articleSection: article.primaryTag?.name,
      keywords: article.tags.map((tg) => tg.name).join(', ') || undefined,
      wordCount: article.wordCount,
      inLanguage: s.lang,
    };
    const r = await site.render(
      t,
      {
        title: article.kicker ? `${article.kicker}: ${article.headline}` : article.headline,
        description: article.standfirst,
        path: article.path,
        type: 'article',
        jsonLd,
        article: {
          publishedAt: article.publishedAt,
          modifiedAt: article.updatedAt,
          section: article.primaryTag?.name,
          tags: article.tags.map((tg) => tg.name),
          authors: article.authors.map((au) => au.name),
        },
      },
      <ArticleView article={article} related={<RelatedArticles items={related} />} appeal={appeal?.node} comments={comments.node} />,
    );
    // A related article that changes, leaves or is deleted invalidates this page by its own tag; new articles
    // come into the list when the page is next rendered (every publish changes 'layout', which this page has).
    const expiresAt = Math.min(r.expiresAt, comments.expiresAt, appeal?.expiresAt ?? Infinity);
    return html(reply, { ...r, expiresAt }, [...new Set(['layout', `article:${article.id}`, ...related.map((x) => `article:${x.id}`), ...comments.tags, ...(appeal?.tags ?? [])])]);
  });

  async function tagPage(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const tag = checkSlug(req.params.slug!) ? await findTag(ctx.db, req.params.slug!) : null;
    if (!tag) return reply.callNotFound();
    return listing(req, reply, {
      filter: { tagId: tag.id },
      page: req.params.n,
      basePath: `/tag/${tag.slug}/`,
      title: tag.name,
      description: tag.description,
      feeds: [
        { title: `${tag.name} (RSS)`, href: `/tag/${tag.slug}/feed/`, type: 'rss' },
        { title: `${tag.name} (Atom)`, href: `/tag/${tag.slug}/feed/atom/`, type: 'atom' },
      ],
      tags: [`tag:${tag.id}`],
    });
  }
  app.get('/tag/:slug/', tagPage);
  app.get('/tag/:slug/page/:n/', tagPage);

  async function authorPage(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const author = checkSlug(req.params.slug!) ? await findAuthor(ctx.db, req.params.slug!) : null;
    if (!author) return reply.callNotFound();
    return listing(req, reply, {
      filter: { authorId: author.id },
      page: req.params.n,
      basePath: `/author/${author.slug}/`,
      title: author.name,
      description: author.bio,
      type: 'profile',
      tags: [`author:${author.id}`],
    });
  }
  app.get('/author/:slug/', authorPage);
  app.get('/author/:slug/page/:n/', authorPage);

  async function feed(reply: FastifyReply, kind: 'rss' | 'atom', tagSlug?: string) {
    const t = now();
    const s = await site.site();
    let filter: ListFilter = {};
    let title = s.title;
    let description = s.description;
    let base = '/';
    let tags: string[] = [];
    if (tagSlug !== undefined) {
      const tag = checkSlug(tagSlug) ? await findTag(ctx.db, tagSlug) : null;
      if (!tag) return reply.callNotFound();
      filter = { tagId: tag.id };
      title = `${s.title}: ${tag.name}`;
      description = tag.description;
      base = `/tag/${tag.slug}/`;
      tags = [`tag:${tag.id}`];
    }
    const { items } = await listArticles(ctx.db, t, filter, 1, FEED_SIZE);
    const f = buildFeed(s, { title, description, path: base, rssPath: `${base}feed/`, atomPath: `${base}feed/atom/` }, items, await bodiesOf(ctx.db, items.map((i) => i.id)));
    const { expiresAt } = await site.layout(t);
    markCacheable(reply, ['lists', ...tags], expiresAt);
    return reply
      .type(kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8')
      .send(kind === 'rss' ? f.rss2() : f.atom1());
  }
  app.get('/feed/', (_req, reply) => feed(reply, 'rss'));
  app.get('/feed/atom/', (_req, reply) => feed(reply, 'atom'));
  app.get('/tag/:slug/feed/', (req: FastifyRequest<{ Params: Params }>, reply) => feed(reply, 'rss', req.params.slug));
  app.get('/tag/:slug/feed/atom/', (req: FastifyRequest<{ Params: Params }>, reply) => feed(reply, 'atom', req.params.slug));

  app.get('/sitemap.xml', async (_req, reply) => {
    const t = now();
    const s = await site.site();
    const e = await sitemapEntries(ctx.db, t);
    const entries = [
      { loc: '/', lastmod: e.articles[0]?.lastmod },
      ...e.articles.map((a) => ({ loc: a.path, lastmod: a.lastmod })),
      ...e.pages.map((p) => ({ loc: p.path, lastmod: p.lastmod })),
      ...e.tags.map((loc) => ({ loc })),
      ...e.authors.map((loc) => ({ loc })),
    ];
    const { expiresAt } = await site.layout(t);
    markCacheable(reply, ['lists', 'layout'], expiresAt);
    return reply.type('application/xml; charset=utf-8').send(sitemapXml(s.baseUrl, entries));
  });

  app.get('/robots.txt', async (_req, reply) => {
    const s = await site.site();
    markCacheable(reply, ['settings'], Infinity);
    return reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\n\nSitemap: ${s.baseUrl}/sitemap.xml\n`);
  });

  app.get('/healthz', async (_req, reply) => {
    const ok = await ping(ctx.db);
    return reply.code(ok ? 200 : 503).header('cache-control', 'no-store').send({ status: ok ? 'ok' : 'database unreachable' });
  });

  // Unknown URLs: first the redirects that moved or removed content left behind, then a 404 page.
  app.setNotFoundHandler(async (req, reply) => {
    const path = (req.raw.url ?? '/').split('?')[0]!;
    if ((req.method === 'GET' || req.method === 'HEAD') && path.length <= 2048) {
      const candidates = [path];
      if (!path.endsWith('/')) candidates.push(`${path}/`);
      for (const p of candidates) {
        const redirect = await findRedirect(ctx.db, p);
        if (redirect?.status === 301 && redirect.to_path) return reply.redirect(redirect.to_path, 301);
        if (redirect?.status === 410) return errorPage(reply, 410);
      }
    }
    return errorPage(reply, 404);
  });

  async function errorPage(reply: FastifyReply, status: number) {
    const r = await site.render(now(), { title: status === 410 ? 'Gone' : 'Not found', path: '/', noindex: true }, <ErrorView status={status} />);
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(r.html);
  }
  app.decorate('broadsideErrorPage', errorPage);
}
