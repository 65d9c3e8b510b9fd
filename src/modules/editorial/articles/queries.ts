// Admin reads: any status, trash included. What a person may see is decided by the caller (see access.ts).
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/http/errors.js';
import type { ArticleStatus } from '../../content/tables.js';
import { plannedPath } from '../../content/operations/visibility.js';
import { readingMinutes } from '../../content/views/parts.js';
import { parseFields, storedToApi, type ArticleFields } from './fields.js';
import type { RevisionKind } from './tables.js';

export type AdminStatus = ArticleStatus;

export interface AdminArticle extends ArticleFields {
  id: number;
  revision: number;
  createdAt: string;
  updatedAt: string;
  wordCount: number;
  readingMinutes: number;
  trashedAt: string | null;
  /** Where it is (or will be) public; null for drafts. */
  path: string | null;
  /** The caller's autosave, when it is newer than the article. */
  autosave: { fields: Partial<ArticleFields>; createdAt: string; revision: number } | null;
}

export interface AdminArticleSummary {
  id: number;
  headline: string;
  kicker: string;
  status: AdminStatus;
  slug: string;
  path: string | null;
  authors: { id: number; name: string }[];
  tags: { id: number; name: string }[];
  publishedAt: string | null;
  updatedAt: string;
  revision: number;
  trashedAt: string | null;
  sticky: boolean;
}

/** A scheduled article whose time has passed is published, whether or not the timer has flipped it yet. */
export function effectiveStatus(status: ArticleStatus, publishedAt: string | null, now: string): AdminStatus {
  return status === 'scheduled' && publishedAt !== null && publishedAt <= now ? 'published' : status;
}

export async function findArticle(db: Db, id: number, now: string, viewerUserId: number | null = null): Promise<AdminArticle | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const authors = await db.selectFrom('article_authors').select('author_id').where('article_id', '=', id).orderBy('position').execute();
  const tags = await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).orderBy('position').execute();
  let autosave: AdminArticle['autosave'] = null;
  if (viewerUserId !== null) {
    const a = await db
      .selectFrom('revisions')
      .select(['fields', 'created_at', 'revision'])
      .where('article_id', '=', id)
      .where('kind', '=', 'autosave')
      .where('author_user_id', '=', viewerUserId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (a && a.created_at > row.updated_at) autosave = { fields: storedToApi(parseFields(a.fields)), createdAt: a.created_at, revision: Number(a.revision) };
  }
  const wordCount = Number(row.word_count);
  return {
    id: Number(row.id),
    headline: row.headline,
    kicker: row.kicker,
    standfirst: row.standfirst,
    bodyHtml: row.body_html,
    slug: row.slug,
    status: effectiveStatus(row.status, row.published_at, now),
    publishedAt: row.published_at,
    authorIds: authors.map((a) => Number(a.author_id)),
    primaryTagId: row.primary_tag_id === null ? null : Number(row.primary_tag_id),
    tagIds: tags.map((t) => Number(t.tag_id)),
    sticky: Number(row.sticky) === 1,
    revision: Number(row.revision),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    trashedAt: row.trashed_at,
    path: plannedPath(row),
    autosave,
  };
}

export async function getArticle(db: Db, id: number, now: string, viewerUserId: number | null = null): Promise<AdminArticle> {
  const a = await findArticle(db, id, now, viewerUserId);
  if (!a) throw notFound(`There is no article ${id}.`);
  return a;
}

export type SortKey = 'updated' | 'published' | 'headline';

export interface AdminListFilter {
  q?: string;
  status?: AdminStatus | 'trash';
  authorId?: number;
  tagId?: number;
  sort?: SortKey;
  dir?: 'asc' | 'desc';
  page?: number;
  /** Only articles carrying one of these bylines (contributors and authors see their own). */
  onlyAuthorIds?: number[];
}

export const ADMIN_PAGE_SIZE = 25;

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listArticles(db: Db, now: string, f: AdminListFilter, pageSize = ADMIN_PAGE_SIZE) {
  let q = db.selectFrom('articles');
  if (f.status === 'trash') q = q.where('articles.trashed_at', 'is not', null);
  else {
    q = q.where('articles.trashed_at', 'is', null);
    if (f.status === 'draft') q = q.where('articles.status', '=', 'draft');
    else if (f.status === 'published')
      q = q.where((eb) =>
        eb.or([eb('articles.status', '=', 'published'), eb.and([eb('articles.status', '=', 'scheduled'), eb('articles.published_at', '<=', now)])]),
      );
    else if (f.status === 'scheduled') q = q.where('articles.status', '=', 'scheduled').where('articles.published_at', '>', now);
  }
  const text = f.q?.trim();
  if (text) {
    const pattern = likePattern(text);
    q = q.where((eb) =>
      eb.or(
        (['headline', 'kicker', 'standfirst'] as const).map((col) => eb(sql`lower(${sql.ref(`articles.${col}`)})`, 'like', sql`${pattern} escape '\\'`)),
      ),
    );
  }
  if (f.authorId !== undefined) {
    const id = f.authorId;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_authors.author_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.author_id', '=', id)));
  }
  if (f.onlyAuthorIds) {
    const ids = f.onlyAuthorIds.length ? f.onlyAuthorIds : [-1];
    q = q.where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_authors.author_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.author_id', 'in', ids)));
  }
  if (f.tagId !== undefined) {
    const id = f.tagId;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_tags.tag_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', id)));
  }

  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const count = Number(total);
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const page = f.page ?? 1;
  if (page > pages) return { items: [] as AdminArticleSummary[], total: count, page, pages };

  const sort = f.sort ?? 'updated';
  const dir = f.dir ?? (sort === 'headline' ? 'asc' : 'desc');
  let ordered = q.select(['articles.id', 'articles.headline', 'articles.kicker', 'articles.status', 'articles.slug', 'articles.month_key', 'articles.published_at', 'articles.updated_at', 'articles.revision', 'articles.trashed_at', 'articles.sticky']);
  if (sort === 'headline') ordered = ordered.orderBy(sql`lower(articles.headline)`, dir);
  else if (sort === 'published') ordered = ordered.orderBy(sql`(case when articles.published_at is null then 1 else 0 end)`, 'asc').orderBy('articles.published_at', dir);
  else ordered = ordered.orderBy('articles.updated_at', dir);
  const rows = await ordered.orderBy('articles.id', dir).limit(pageSize).offset((page - 1) * pageSize).execute();

  const ids = rows.map((r) => Number(r.id));
  const authorRows = ids.length
    ? await db
        .selectFrom('article_authors')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select(['article_authors.article_id', 'authors.id', 'authors.name'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute()
    : [];
  const tagRows = ids.length
    ? await db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.id', 'tags.name'])
        .where('article_tags.article_id', 'in', ids)
        .orderBy('article_tags.position')
        .execute()
    : [];
  const group = <T extends { article_id: number; id: number; name: string }>(list: T[]) => {
    const m = new Map<number, { id: number; name: string }[]>();
    for (const r of list) {
      const k = Number(r.article_id);
      const l = m.get(k) ?? [];
      l.push({ id: Number(r.id), name: r.name });
      m.set(k, l);
    }
    return m;
  };
  const authors = group(authorRows);
  const tags = group(tagRows);
  const items: AdminArticleSummary[] = rows.map((r) => ({
    id: Number(r.id),
    headline: r.headline,
    kicker: r.kicker,
    status: effectiveStatus(r.status, r.published_at, now),
    slug: r.slug,
    path: plannedPath(r),
    authors: authors.get(Number(r.id)) ?? [],
    tags: tags.get(Number(r.id)) ?? [],
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    revision: Number(r.revision),
    trashedAt: r.trashed_at,
    sticky: Number(r.sticky) === 1,
  }));
  return { items, total: count, page, pages };
}

export interface RevisionSummary {
  id: number;
  kind: RevisionKind;
  revision: number;
  author: { id: number; name: string } | null;
  createdAt: string;
}

/** Newest first. Autosaves are private to whoever wrote them. */
export async function listRevisions(db: Db, articleId: number, viewerUserId: number | null): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('revisions')
    .select(['id', 'kind', 'revision', 'author_user_id', 'author_name', 'created_at'])
    .where('article_id', '=', articleId)
    .where((eb) => eb.or([eb('kind', '!=', 'autosave'), eb('author_user_id', '=', viewerUserId ?? -1)]))
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toRevisionSummary);
}

function toRevisionSummary(r: { id: number; kind: RevisionKind; revision: number; author_user_id: number | null; author_name: string; created_at: string }): RevisionSummary {
  return {
    id: Number(r.id),
    kind: r.kind,
    revision: Number(r.revision),
    author: r.author_user_id === null ? null : { id: Number(r.author_user_id), name: r.author_name },
    createdAt: r.created_at,
  };
}

export interface Revision extends RevisionSummary {
  fields: Partial<ArticleFields>;
}

export async function getRevision(db: Db, articleId: number, revisionId: number, viewerUserId: number | null): Promise<Revision> {
  const r = Number.isSafeInteger(revisionId)
    ? await db.selectFrom('revisions').selectAll().where('id', '=', revisionId).where('article_id', '=', articleId).executeTakeFirst()
    : undefined;
  if (!r || (r.kind === 'autosave' && (viewerUserId === null || Number(r.author_user_id) !== viewerUserId))) {
    throw notFound(`Article ${articleId} has no revision ${revisionId}.`);
  }
  return { ...toRevisionSummary(r), fields: storedToApi(parseFields(r.fields)) };
}
