// Reads: the article a comment belongs to, whether its comments are open, its approved thread laid out in pages,
// counts for lists, and the moderators' list. Public reads select only public columns: never author_email.
import type { Db } from '../../platform/db/index.js';
import { visible } from '../content/queries.js';
import { articlePath } from '../content/dates.js';
import type { CommentSettings } from './settings.js';
import type { CommentStatus } from './tables.js';

export interface CommentArticle {
  id: number;
  path: string;
  headline: string;
  publishedAt: string;
  /** Opened or closed by hand (comment_threads), or null for the automatic rule. */
  threadMode: 'open' | 'closed' | null;
}

/** A visible (public) article, or null; with its comments' hand-set state, in one query. */
export async function findCommentArticle(db: Db, now: string, id: number): Promise<CommentArticle | null> {
  const row = await db
    .selectFrom('articles')
    .leftJoin('comment_threads', 'comment_threads.article_id', 'articles.id')
    .select(['articles.id', 'articles.slug', 'articles.month_key', 'articles.headline', 'articles.published_at', 'articles.updated_at', 'comment_threads.mode'])
    .where('articles.id', '=', id)
    .where(visible(now))
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: Number(row.id),
    path: articlePath(row.month_key ?? '', row.slug),
    headline: row.headline,
    publishedAt: row.published_at ?? row.updated_at,
    threadMode: row.mode ?? null,
  };
}

/** Any article by id, public or not (the admin and mails name it). */
export async function articleLabel(db: Db, id: number): Promise<{ id: number; path: string; headline: string; authorIds: number[] } | null> {
  const row = await db.selectFrom('articles').select(['id', 'slug', 'month_key', 'headline']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const authors = await db.selectFrom('article_authors').select('author_id').where('article_id', '=', id).orderBy('position').execute();
  return { id: Number(row.id), path: articlePath(row.month_key ?? '', row.slug), headline: row.headline, authorIds: authors.map((a) => Number(a.author_id)) };
}

export interface ThreadState {
  open: boolean;
  /** 'auto' when no one opened or closed it by hand. */
  mode: 'auto' | 'open' | 'closed';
  /** Epoch ms when auto-close shuts it, if it is open and will. */
  closesAt: number | null;
}

/** Open or closed, from the hand-set mode (if any) and the auto-close rule. */
export function stateOf(mode: 'open' | 'closed' | null, publishedAt: string, settings: CommentSettings, now = Date.now()): ThreadState {
  if (mode === 'open') return { open: true, mode: 'open', closesAt: null };
  if (mode === 'closed') return { open: false, mode: 'closed', closesAt: null };
  if (settings.autoCloseDays > 0) {
    const closesAt = Date.parse(publishedAt) + settings.autoCloseDays * 86_400_000;
    return closesAt <= now ? { open: false, mode: 'auto', closesAt: null } : { open: true, mode: 'auto', closesAt };
  }
  return { open: true, mode: 'auto', closesAt: null };
}

export async function threadState(db: Db, article: { id: number; publishedAt: string; threadMode?: 'open' | 'closed' | null }, settings: CommentSettings, now = Date.now()): Promise<ThreadState> {
  const mode = article.threadMode !== undefined ? article.threadMode : ((await db.selectFrom('comment_threads').select('mode').where('article_id', '=', article.id).executeTakeFirst())?.mode ?? null);
  return stateOf(mode, article.publishedAt, settings, now);
}

export interface PublicComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  body: string;
  createdAt: string;
  avatarSeed: string;
}

export async function approvedComments(db: Db, articleId: number): Promise<PublicComment[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'author_name', 'author_url', 'body', 'created_at', 'avatar_seed'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    authorName: r.author_name,
    authorUrl: r.author_url,
    body: r.body,
    createdAt: r.created_at,
    avatarSeed: r.avatar_seed,
  }));
}

export interface ThreadNode {
  comment: PublicComment;
  /** 1 for a top-level comment; never above the setting's depth (deeper replies show at the deepest level). */
  depth: number;
  children: ThreadNode[];
}

export interface ThreadLayout {
  total: number;
  pages: number;
  /** Top-level threads of each page, in display order. */
  pageOf: Map<number, number>;
  threads: ThreadNode[];
}

/**
 * Lays the approved comments out as threads: top level oldest or newest first, replies oldest first under their
 * parent. A reply whose parent is not shown (held, spam) is shown at the top level. Replies deeper than maxDepth
 * are shown at maxDepth, after the reply they answer.
 */
export function layoutThreads(comments: PublicComment[], settings: Pick<CommentSettings, 'order' | 'perPage' | 'maxDepth'>): ThreadLayout {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const kids = new Map<number, PublicComment[]>();
  const roots: PublicComment[] = [];
  for (const c of comments) {
    if (c.parentId !== null && byId.has(c.parentId) && c.parentId !== c.id) {
      const list = kids.get(c.parentId) ?? [];
      list.push(c);
      kids.set(c.parentId, list);
    } else roots.push(c);
  }
  if (settings.order === 'newest') roots.reverse();
  const maxDepth = Math.max(1, settings.maxDepth);
  const seen = new Set<number>();
  const build = (c: PublicComment, depth: number): ThreadNode[] => {
    if (seen.has(c.id)) return [];
    seen.add(c.id);
    const node: ThreadNode = { comment: c, depth, children: [] };
    const out = [node];
    for (const k of kids.get(c.id) ?? []) {
      if (depth < maxDepth) node.children.push(...build(k, depth + 1));
      else out.push(...build(k, depth)); // flattened at the deepest level, after its parent
    }
    return out;
  };
  const threads = roots.flatMap((r) => build(r, 1));
  const perPage = settings.perPage > 0 ? settings.perPage : Math.max(1, threads.length);
  const pageOf = new Map<number, number>();
  const mark = (n: ThreadNode, page: number) => {
    pageOf.set(n.comment.id, page);
    n.children.forEach((k) => mark(k, page));
  };
  threads.forEach((t, i) => mark(t, Math.floor(i / perPage) + 1));
  return { total: comments.length, pages: Math.max(1, Math.ceil(threads.length / perPage)), pageOf, threads };
}

export function threadsOnPage(layout: ThreadLayout, page: number, perPage: number): ThreadNode[] {
  if (perPage <= 0) return layout.threads;
  return layout.threads.slice((page - 1) * perPage, page * perPage);
}

/** Where a comment is shown: the article itself for page 1, else its comment page; with the #comment-ID anchor. */
export function commentHref(articlePathStr: string, page: number, id: number): string {
  return `${page > 1 ? `${articlePathStr}comments/page/${page}/` : articlePathStr}#comment-${id}`;
}

/** Approved comments per article, for lists. */
export async function commentCounts(db: Db, articleIds: number[]): Promise<Map<number, number>> {
  if (!articleIds.length) return new Map();
  const rows = await db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'approved')
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.article_id), Number(r.n)]));
}

export interface FeedComment extends PublicComment {
  articleId: number;
  articlePath: string;
  articleHeadline: string;
}

/** The newest approved comments on visible articles (the site's comment feed), or on one article. */
export async function recentApproved(db: Db, now: string, limit: number, articleId?: number): Promise<FeedComment[]> {
  let q = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select([
      'comments.id',
      'comments.parent_id',
      'comments.author_name',
      'comments.author_url',
      'comments.body',
      'comments.created_at',
      'comments.avatar_seed',
      'comments.article_id',
      'articles.slug',
      'articles.month_key',
      'articles.headline',
    ])
    .where('comments.status', '=', 'approved')
    .where(visible(now));
  if (articleId !== undefined) q = q.where('comments.article_id', '=', articleId);
  const rows = await q.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    authorName: r.author_name,
    authorUrl: r.author_url,
    body: r.body,
    createdAt: r.created_at,
    avatarSeed: r.avatar_seed,
    articleId: Number(r.article_id),
    articlePath: articlePath(r.month_key ?? '', r.slug),
    articleHeadline: r.headline,
  }));
}

// ---- Moderation ------------------------------------------------------------------------------------------------

export interface AdminComment {
  id: number;
  articleId: number;
  articleHeadline: string;
  articlePath: string;
  parentId: number | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  body: string;
  ip: string;
  userAgent: string;
  heldFor: string[];
  notify: string;
  createdAt: string;
  updatedAt: string;
}

export interface AdminFilter {
  status?: CommentStatus;
  articleId?: number;
  id?: number;
  page: number;
  pageSize: number;
}

export async function listForModeration(db: Db, f: AdminFilter) {
  let q = db.selectFrom('comments').innerJoin('articles', 'articles.id', 'comments.article_id');
  if (f.status) q = q.where('comments.status', '=', f.status);
  if (f.articleId !== undefined) q = q.where('comments.article_id', '=', f.articleId);
  if (f.id !== undefined) q = q.where('comments.id', '=', f.id);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const rows = await q
    .select([
      'comments.id',
      'comments.article_id',
      'comments.parent_id',
      'comments.status',
      'comments.author_name',
      'comments.author_email',
      'comments.author_url',
      'comments.body',
      'comments.ip',
      'comments.user_agent',
      'comments.held_for',
      'comments.notify',
      'comments.created_at',
      'comments.updated_at',
      'articles.headline',
      'articles.slug',
      'articles.month_key',
    ])
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  let cq = db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
  if (f.articleId !== undefined) cq = cq.where('article_id', '=', f.articleId);
  const byStatus = await cq.groupBy('status').execute();
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
  for (const r of byStatus) counts[r.status as CommentStatus] = Number(r.n);
  const items: AdminComment[] = rows.map((r) => ({
    id: Number(r.id),
    articleId: Number(r.article_id),
    articleHeadline: r.headline,
    articlePath: articlePath(r.month_key ?? '', r.slug),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    status: r.status,
    authorName: r.author_name,
    authorEmail: r.author_email,
    authorUrl: r.author_url,
    body: r.body,
    ip: r.ip,
    userAgent: r.user_agent,
    heldFor: r.held_for ? r.held_for.split(',') : [],
    notify: r.notify,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
  return { items, total, page: f.page, pages: Math.max(1, Math.ceil(total / f.pageSize)), counts };
}
