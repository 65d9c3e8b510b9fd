// The search: words (parsed by query.ts, never passed through as syntax) and filters, over visible articles
// only (content's visible(): published, or scheduled with its time passed, and not in the trash), ranked by
// relevance with a gentle boost for recent articles; or, with filters and no words, newest first.
import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../../../platform/context/index.js';
import type { Db } from '../../../platform/db/index.js';
import { badInput } from '../../../platform/http/errors.js';
import { visible, type ArticleSummary } from '../../content/queries.js';
import { engineOf, tsquery } from '../engine.js';
import { rankMatches, visibleArticles } from '../ranking.js';
import { matchesFilter, resolveFilters, type FilterInput, type FilterLabels, type ResolvedFilter } from '../filters.js';
import { hydrate } from '../hydrate.js';
import { MAX_QUERY_CHARS, parseQuery, positiveTerms, toFts5, toTsqueryTree, type ParsedQuery, type Term } from '../query.js';
import { highlight, snippet, type Segment } from '../snippet.js';
import { cleanText, roughText } from '../text.js';

export interface SearchRequest extends FilterInput {
  q?: string | null;
  page?: number;
}

export interface SearchHit extends ArticleSummary {
  headlineMarked: Segment[];
  snippet: Segment[];
}

export interface SearchOutcome {
  /** The words as typed (cleaned), for the search box. */
  q: string;
  query: ParsedQuery;
  /** search: ranked by relevance; browse: filters only, newest first; none: nothing was asked. */
  mode: 'search' | 'browse' | 'none';
  labels: FilterLabels;
  total: number;
  /** False when there are more matches than total (COUNT_CAP, or one past the page): "more than 1,000". */
  totalExact: boolean;
  page: number;
  pages: number;
  items: SearchHit[];
}

export const MAX_PAGE = 1000;

export async function searchArticles(ctx: Ctx, req: SearchRequest, opts: { now?: string; pageSize?: number; countCap?: number } = {}): Promise<SearchOutcome> {
  const now = opts.now ?? new Date().toISOString();
  const pageSize = opts.pageSize ?? 10;
  const rawQ = cleanText(req.q ?? '').trim();
  if (rawQ.length > MAX_QUERY_CHARS) throw badInput(`A search can be at most ${MAX_QUERY_CHARS} characters long; this one has ${rawQ.length}.`, 'q');
  const page = req.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw badInput(`The page must be a whole number from 1 to ${MAX_PAGE}.`, 'page');
  const query = parseQuery(rawQ);
  const { filter, labels, active } = await resolveFilters(ctx.db, req);

  const mode = query.all.length ? 'search' : active ? 'browse' : 'none';
  const base = { q: rawQ, query, mode, labels, page } as const;
  if (mode === 'none' || filter.impossible) return { ...base, total: 0, totalExact: true, pages: 1, items: [] };

  const offset = (page - 1) * pageSize;
  const found = mode === 'search' ? await rankMatches(ctx.db, query, filter, now, pageSize, offset, { cap: opts.countCap }) : await newestIds(ctx.db, query, filter, now, pageSize, offset);
  const pages = Math.max(1, Math.ceil(found.total / pageSize));
  const terms = positiveTerms(query);
  const rows = await hydrate(ctx.db, found.ids);
  const items = rows.map(({ bodyHtml, ...a }) => ({
    ...a,
    headlineMarked: highlight(a.headline, terms),
    snippet: snippetOf(a.standfirst, bodyHtml, terms),
  }));
  return { ...base, total: found.total, totalExact: found.exact, pages, items };
}

function snippetOf(standfirst: string, bodyHtml: string, terms: Term[]): Segment[] {
  const text = `${standfirst}\n${roughText(bodyHtml)}`.trim();
  return snippet(text, terms).map((s) => ({ ...s, text: cleanText(s.text) }));
}

interface Found {
  ids: number[];
  total: number;
  exact: boolean;
}

/** Filters only (and any exclusions): newest first. */
async function newestIds(db: Db, query: ParsedQuery, f: ResolvedFilter, now: string, limit: number, offset: number): Promise<Found> {
  let qb = visibleArticles(db).where(visible(now)).where(matchesFilter(f));
  if (query.none.length) {
    const none: ParsedQuery = { all: [query.none], none: [], truncated: false, onlyCommon: false };
    if (engineOf(db) === 'sqlite') {
      qb = qb.where(sql<SqlBool>`articles.id not in (select rowid from article_fts where article_fts match ${toFts5(none)!})`);
    } else {
      qb = qb.where(sql<SqlBool>`articles.id not in (select article_id from article_search where document @@ ${tsquery(toTsqueryTree(none)!)})`);
    }
  }
  const rows = await qb
    .select(['articles.id', sql<number>`count(*) over ()`.as('total')])
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && offset > 0) {
    const c = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    total = Number(c?.n ?? 0);
  }
  return { ids: rows.map((r) => Number(r.id)), total, exact: true };
}
