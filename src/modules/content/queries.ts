// Public reads. "Visible" means published, or scheduled with its time passed: a scheduled article
// appears by itself when its time comes, whether or not the publisher job has run yet.
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Database } from '../../platform/db/schema.js';
import { fromStored, type SafeHtml } from '../../platform/html/safe-html.js';
import { articlePath } from './dates.js';

export interface AuthorRef {
  id: number;
  slug: string;
  name: string;
}
export interface TagRef {
  id: number;
  slug: string;
  name: string;
  isRegion: boolean;
}
export interface ArticleSummary {
  id: number;
  slug: string;
  path: string;
  kicker: string;
  headline: string;
  standfirst: string;
  publishedAt: string;
  updatedAt: string;
  wordCount: number;
  authors: AuthorRef[];
  primaryTag: TagRef | null;
  sticky: boolean;
}
export interface ArticleFull extends ArticleSummary {
  bodyHtml: SafeHtml;
  tags: TagRef[];
}
export interface PageOf<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}
export interface ArchiveMonth {
  key: string; // YYYY-MM
  count: number;
}

export function visible(now: string) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb.and([eb('articles.status', 'in', ['published', 'scheduled']), eb('articles.published_at', '<=', now), eb('articles.trashed_at', 'is', null)]);
}

const summaryColumns = [
  'articles.id',
  'articles.slug',
  'articles.kicker',
  'articles.headline',
  'articles.standfirst',
  'articles.published_at',
  'articles.updated_at',
  'articles.month_key',
  'articles.word_count',
  'articles.primary_tag_id',
  'articles.sticky',
] as const;

export type SummaryRow = {
  id: number;
  slug: string;
  kicker: string;
  headline: string;
  standfirst: string;
  published_at: string | null;
  updated_at: string;
  month_key: string | null;
  word_count: number;
  primary_tag_id: number | null;
  sticky: number;
};

/** The bylines of these articles, in order, by article id (an article without one is absent). */
export async function bylines(db: Db, ids: number[]): Promise<Map<number, AuthorRef[]>> {
  const authors = new Map<number, AuthorRef[]>();
  if (ids.length === 0) return authors;
  const authorRows = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.id', 'authors.slug', 'authors.name'])
    .where('article_authors.article_id', 'in', ids)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
  for (const a of authorRows) {
    const list = authors.get(Number(a.article_id)) ?? [];
    list.push({ id: Number(a.id), slug: a.slug, name: a.name });
    authors.set(Number(a.article_id), list);
  }
  return authors;
}

/** A summary from an article's row (SUMMARY_COLUMNS), its byline and its primary tag. */
export function summaryOf(r: SummaryRow, authors: AuthorRef[], primaryTag: TagRef | null): ArticleSummary {
  return {
    id: Number(r.id),
    slug: r.slug,
    path: articlePath(r.month_key ?? '', r.slug),
    kicker: r.kicker,
    headline: r.headline,
    standfirst: r.standfirst,
    publishedAt: r.published_at ?? r.updated_at,
    updatedAt: r.updated_at,
    wordCount: r.word_count,
    authors,
    primaryTag,
    sticky: Number(r.sticky) === 1,
  };
}

async function attachRefs(db: Db, rows: SummaryRow[]): Promise<ArticleSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const authors = await bylines(db, ids);
  const tagIds = [...new Set(rows.map((r) => r.primary_tag_id).filter((x): x is number => x !== null))];
  const tagRows = tagIds.length
    ? await db.selectFrom('tags').select(['id', 'slug', 'name', 'is_region']).where('id', 'in', tagIds).execute()
    : [];
  const tags = new Map(tagRows.map((t) => [Number(t.id), toTagRef(t)]));
  return rows.map((r) => summaryOf(r, authors.get(Number(r.id)) ?? [], r.primary_tag_id !== null ? (tags.get(Number(r.primary_tag_id)) ?? null) : null));
}

export function toTagRef(t: { id: number; slug: string; name: string; is_region: number }): TagRef {
  return { id: Number(t.id), slug: t.slug, name: t.name, isRegion: Number(t.is_region) === 1 };
}

export interface ListFilter {
  from?: string; // inclusive ISO
  to?: string; // exclusive ISO
  tagId?: number;
  authorId?: number;
}

/** Newest first, one page of visible articles matching the filter. */
export async function listArticles(db: Db, now: string, filter: ListFilter, page: number, pageSize: number): Promise<PageOf<ArticleSummary>> {
  let q = db.selectFrom('articles').where(visible(now));
  if (filter.from) q = q.where('articles.published_at', '>=', filter.from);
  if (filter.to) q = q.where('articles.published_at', '<', filter.to);
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_tags.tag_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', tagId)));
  }
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_authors.author_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.author_id', '=', authorId)));
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const count = Number(total);
  const pages = Math.max(1, Math.ceil(count / pageSize));
  if (page > pages) return { items: [], page, pages, total: count };
  const rows = await q
    .select(summaryColumns)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await attachRefs(db, rows), page, pages, total: count };
}

/**
 * The home page, as WordPress shows it: on the first page the sticky articles come first (newest first), then
 * that page's articles without them; the page count and later pages are those of the plain list.
 */
export async function listHome(db: Db, now: string, page: number, pageSize: number): Promise<PageOf<ArticleSummary>> {
  const result = await listArticles(db, now, {}, page, pageSize);
  if (page !== 1) return result;
  const rows = await db
    .selectFrom('articles')
    .select(summaryColumns)
    .where('articles.sticky', '=', 1)
    .where(visible(now))
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .execute();
  if (rows.length === 0) return result;
  const sticky = await attachRefs(db, rows);
  const first = new Set(sticky.map((a) => a.id));
  return { ...result, items: [...sticky, ...result.items.filter((a) => !first.has(a.id))] };
}

export async function getArticle(db: Db, now: string, monthKey: string, slug: string): Promise<ArticleFull | null> {
  const row = await db
    .selectFrom('articles')
    .select([...summaryColumns, 'articles.body_html'])
    .where('articles.month_key', '=', monthKey)
    .where('articles.slug', '=', slug)
    .where(visible(now))
    .executeTakeFirst();
  if (!row) return null;
  const [summary] = await attachRefs(db, [row]);
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.slug', 'tags.name', 'tags.is_region'])
    .where('article_tags.article_id', '=', row.id)
    .orderBy('article_tags.position')
    .execute();
  return { ...summary!, bodyHtml: fromStored(row.body_html), tags: tags.map(toTagRef) };
}

/** Month and count, newest first: the archive list every page carries. */
export async function archiveMonths(db: Db, now: string): Promise<ArchiveMonth[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['month_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where(visible(now))
    .groupBy('month_key')
    .orderBy('month_key', 'desc')
    .execute();
  return rows.filter((r) => r.month_key).map((r) => ({ key: r.month_key!, count: Number(r.n) }));
}

export async function findTag(db: Db, slug: string) {
  const t = await db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
  return t ? { ...toTagRef(t), description: t.description } : null;
}

export async function regionTags(db: Db): Promise<TagRef[]> {
  const rows = await db.selectFrom('tags').select(['id', 'slug', 'name', 'is_region']).where('is_region', '=', 1).orderBy('name').execute();
  return rows.map(toTagRef);
}

export async function findAuthor(db: Db, slug: string) {
  const a = await db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
  return a ? { id: Number(a.id), slug: a.slug, name: a.name, bio: a.bio } : null;
}

export async function findPage(db: Db, slug: string) {
  const p = await db.selectFrom('pages').selectAll().where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
  return p ? { id: Number(p.id), slug: p.slug, title: p.title, bodyHtml: fromStored(p.body_html), updatedAt: p.updated_at } : null;
}

export async function navPages(db: Db) {
  return db.selectFrom('pages').select(['slug', 'title']).where('status', '=', 'published').orderBy('position').orderBy('title').execute();
}

export async function findRedirect(db: Db, path: string) {
  return db.selectFrom('redirects').select(['to_path', 'status']).where('from_path', '=', path).executeTakeFirst();
}

/** Everything public with a URL, for the sitemap. */
export async function sitemapEntries(db: Db, now: string) {
  const articles = await db
    .selectFrom('articles')
    .select(['slug', 'month_key', 'updated_at', 'published_at'])
    .where(visible(now))
    .orderBy('published_at', 'desc')
    .execute();
  const pages = await db.selectFrom('pages').select(['slug', 'updated_at']).where('status', '=', 'published').execute();
  const tags = await db
    .selectFrom('tags')
    .select('slug')
    .where((eb) => eb.exists(eb.selectFrom('article_tags').innerJoin('articles', 'articles.id', 'article_tags.article_id').select('article_tags.tag_id').whereRef('article_tags.tag_id', '=', 'tags.id').where(visible(now))))
    .execute();
  const authors = await db
    .selectFrom('authors')
    .select('slug')
    .where((eb) => eb.exists(eb.selectFrom('article_authors').innerJoin('articles', 'articles.id', 'article_authors.article_id').select('article_authors.author_id').whereRef('article_authors.author_id', '=', 'authors.id').where(visible(now))))
    .execute();
  return {
    articles: articles.map((a) => ({ path: articlePath(a.month_key!, a.slug), lastmod: a.updated_at })),
    pages: pages.map((p) => ({ path: `/${p.slug}/`, lastmod: p.updated_at })),
    tags: tags.map((t) => `/tag/${t.slug}/`),
    authors: authors.map((a) => `/author/${a.slug}/`),
  };
}

/** The earliest scheduled time still in the future: when cached lists stop being true. */
export async function nextScheduledAt(db: Db, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.min('published_at').as('t'))
    .where('status', '=', 'scheduled')
    .where('published_at', '>', now)
    .executeTakeFirst();
  return (row?.t as string | null) ?? null;
}

