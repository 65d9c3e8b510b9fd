// Public search: the page (/search/), the JSON API (/api/search, rate-limited per address) and the OpenSearch
// description. Search pages are never put in the page cache: unpublishing an article must take it out of
// results at once, and the query string is part of what they show.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Ctx } from '../../platform/context/index.js';
import { AppError, badInput } from '../../platform/http/errors.js';
import type { PublicSite } from '../../web/site.js';
import type { SearchOutcome, SearchRequest } from './operations/searchArticles.js';
import { inProcessSearcher, type Searcher } from './pool.js';
import { segmentsToHtml } from './snippet.js';
import { SearchView, type Chip } from './views/search.js';

export interface SearchRouteDeps {
  ctx: Ctx;
  site: PublicSite;
  pageSize: number;
  /** Where searches run (worker threads on SQLite); in the request's thread when not given. */
  searcher?: Searcher;
  /** Searches per minute per client address on /api/search. */
  apiPerMinute?: number;
}

const KEYS = ['q', 'tag', 'author', 'year', 'from', 'to'] as const;
type Key = (typeof KEYS)[number];
type Form = Record<Key, string>;

/** One value per parameter (the first when repeated); anything that is not a string is absent. */
function one(v: unknown): string {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x : '';
}

function readForm(query: unknown): { form: Form; page: string } {
  const q = (query ?? {}) as Record<string, unknown>;
  const form = Object.fromEntries(KEYS.map((k) => [k, k === 'q' ? one(q[k]) : one(q[k]).trim()])) as Form;
  return { form, page: one(q.page).trim() };
}

function toRequest(form: Form, page: string): SearchRequest {
  return { ...form, page: page === '' ? 1 : /^\d{1,9}$/.test(page) ? Number(page) : Number.NaN };
}

/** /search/ with these parameters, in a fixed order, empty ones left out. */
export function searchHref(form: Partial<Form>, page = 1): string {
  const p = new URLSearchParams();
  for (const k of KEYS) if (form[k]) p.set(k, form[k]!);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/search/?${s}` : '/search/';
}

function chipsOf(form: Form, o: SearchOutcome | null): Chip[] {
  const l = o?.labels;
  const without = (k: Key) => searchHref({ ...form, [k]: '' });
  const chips: Chip[] = [];
  if (form.tag) {
    const t = l?.tag;
    const label = t && 'name' in t ? `${t.isRegion ? 'Region' : 'Tag'}: ${t.name}` : `Tag: ${form.tag}`;
    chips.push({ label, href: without('tag') });
  }
  if (form.author) {
    const a = l?.author;
    chips.push({ label: `Author: ${a && 'name' in a ? a.name : form.author}`, href: without('author') });
  }
  if (form.year) chips.push({ label: `Year: ${l?.year ?? form.year}`, href: without('year') });
  if (form.from) chips.push({ label: `From: ${l?.from ?? form.from}`, href: without('from') });
  if (form.to) chips.push({ label: `To: ${l?.to ?? form.to}`, href: without('to') });
  return chips;
}

export function registerSearchRoutes(app: FastifyInstance, deps: SearchRouteDeps): void {
  const { ctx, site, pageSize } = deps;
  const searcher = deps.searcher ?? inProcessSearcher(ctx);

  async function searchPage(req: FastifyRequest, reply: FastifyReply) {
    const now = new Date().toISOString();
    const { form, page } = readForm(req.query);
    let outcome: SearchOutcome | null = null;
    let error: string | null = null;
    try {
      outcome = await searcher.search(toRequest(form, page), { now, pageSize });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      error = err.message;
    }
    const shownQ = outcome?.q ?? form.q.slice(0, 200);
    const prev = outcome && outcome.page > 1 ? searchHref(form, Math.min(outcome.page - 1, outcome.pages)) : null;
    const next = outcome && outcome.page < outcome.pages ? searchHref(form, outcome.page + 1) : null;
    const { data } = await site.layout(now);
    const title = shownQ.trim() ? `Search: ${shownQ.trim().slice(0, 80)}` : 'Search';
    const r = await site.render(
      now,
      { title: outcome && outcome.page > 1 ? `${title} – page ${outcome.page}` : title, path: '/search/', noindex: true, prev, next },
      <SearchView outcome={outcome} form={{ ...form, q: shownQ }} regions={data.regions} chips={chipsOf(form, outcome)} error={error} prev={prev} next={next} />,
    );
    return reply
      .code(error ? 400 : 200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(r.html);
  }
  app.get('/search/', searchPage);

  // The JSON API, in a scope of its own so that the rate limit applies to it alone.
  const perMinute = deps.apiPerMinute ?? 60;
  app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, c) =>
        new AppError('BROADSIDE_E_RATE_LIMITED', `Too many searches from your address: at most ${c.max} a minute. Try again in ${c.after}.`),
    });
    scope.get('/api/search', { config: { rateLimit: { max: perMinute, timeWindow: '1 minute' } } }, async (req, reply) => {
      const { form, page } = readForm(req.query);
      if (!KEYS.some((k) => form[k].trim())) throw badInput('Give words to search for (q), or a filter: tag, author, year, from or to.', 'q');
      const o = await searcher.search(toRequest(form, page), { pageSize });
      const s = await site.site();
      reply.header('cache-control', 'no-store');
      return {
        total: o.total,
        /** False when more articles match than total (1,000, or one past the page asked for): counting stops there. */
        totalExact: o.totalExact,
        page: o.page,
        pages: o.pages,
        items: o.items.map((a) => ({
          id: a.id,
          url: s.baseUrl + a.path,
          kicker: a.kicker,
          headline: a.headline,
          standfirst: a.standfirst,
          publishedAt: a.publishedAt,
          authors: a.authors.map((au) => ({ name: au.name, slug: au.slug, url: `${s.baseUrl}/author/${au.slug}/` })),
          /** HTML: the text escaped, the matched words in <mark>. */
          snippet: segmentsToHtml(a.snippet),
        })),
      };
    });
  });

  app.get('/opensearch.xml', async (_req, reply) => {
    const s = await site.site();
    reply.broadsideCache = { tags: ['settings'], expiresAt: Infinity };
    return reply.type('application/opensearchdescription+xml; charset=utf-8').send(openSearchXml(s.title, s.baseUrl));
  });
}

function xml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** OpenSearch 1.1: lets browsers add the site as a search engine. ShortName may hold at most 16 characters. */
export function openSearchXml(title: string, baseUrl: string): string {
  const short = [...title].length > 16 ? [...title].slice(0, 16).join('').trim() : title;
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>${xml(short)}</ShortName>
  <Description>${xml(`Search the articles of ${title}`)}</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Language>en</Language>
  <Url type="text/html" method="get" template="${xml(`${baseUrl}/search/?q={searchTerms}`)}"/>
  <Url type="application/json" method="get" template="${xml(`${baseUrl}/api/search?q={searchTerms}&page={startPage?}`)}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="${xml(`${baseUrl}/opensearch.xml`)}"/>
</OpenSearchDescription>
`;
}
