// Reading everything the content module holds, in id order and in pages, for exports (importers/export).
import type { Db } from '../../platform/db/index.js';
import { plannedPath } from './operations/visibility.js';

const PAGE = 500;

export interface ExportedAuthor {
  id: number;
  slug: string;
  name: string;
  bio: string;
  createdAt: string;
}

export interface ExportedTag {
  id: number;
  slug: string;
  name: string;
  description: string;
  isRegion: boolean;
  createdAt: string;
}

export interface ExportedArticle {
  id: number;
  slug: string;
  kicker: string;
  headline: string;
  standfirst: string;
  bodyHtml: string;
  status: 'draft' | 'scheduled' | 'published';
  publishedAt: string | null;
  trashedAt: string | null;
  createdAt: string;
  updatedAt: string;
  path: string | null;
  /** Author slugs, byline order. */
  authors: string[];
  /** Tag slugs, the primary tag first when there is one. */
  tags: string[];
  primaryTag: string | null;
  /** First on the home page's first page. */
  sticky: boolean;
}

export interface ExportedPage {
  id: number;
  slug: string;
  title: string;
  bodyHtml: string;
  status: 'draft' | 'published';
  position: number;
  createdAt: string;
  updatedAt: string;
}

export async function* exportAuthors(db: Db): AsyncGenerator<ExportedAuthor> {
  for (let last = 0; ; ) {
    const rows = await db.selectFrom('authors').selectAll().where('id', '>', last).orderBy('id').limit(PAGE).execute();
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!.id);
    for (const r of rows) yield { id: Number(r.id), slug: r.slug, name: r.name, bio: r.bio, createdAt: r.created_at };
  }
}

export async function* exportTags(db: Db): AsyncGenerator<ExportedTag> {
  for (let last = 0; ; ) {
    const rows = await db.selectFrom('tags').selectAll().where('id', '>', last).orderBy('id').limit(PAGE).execute();
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!.id);
    for (const r of rows) yield { id: Number(r.id), slug: r.slug, name: r.name, description: r.description, isRegion: Number(r.is_region) === 1, createdAt: r.created_at };
  }
}

export async function* exportArticles(db: Db): AsyncGenerator<ExportedArticle> {
  for (let last = 0; ; ) {
    const rows = await db.selectFrom('articles').selectAll().where('id', '>', last).orderBy('id').limit(200).execute();
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!.id);
    const ids = rows.map((r) => Number(r.id));
    const authors = await db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.slug'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position')
      .execute();
    const tags = await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.slug', 'tags.id'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.article_id')
      .orderBy('article_tags.position')
      .execute();
    const group = <T extends { article_id: number }>(list: T[]) => {
      const m = new Map<number, T[]>();
      for (const x of list) {
        const k = Number(x.article_id);
        const a = m.get(k) ?? [];
        a.push(x);
        m.set(k, a);
      }
      return m;
    };
    const byAuthor = group(authors);
    const byTag = group(tags);
    for (const r of rows) {
      const id = Number(r.id);
      const t = byTag.get(id) ?? [];
      yield {
        id,
        slug: r.slug,
        kicker: r.kicker,
        headline: r.headline,
        standfirst: r.standfirst,
        bodyHtml: r.body_html,
        status: r.status,
        publishedAt: r.published_at,
        trashedAt: r.trashed_at,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        path: plannedPath(r),
        authors: (byAuthor.get(id) ?? []).map((a) => a.slug),
        tags: t.map((x) => x.slug),
        primaryTag: r.primary_tag_id === null ? null : (t.find((x) => Number(x.id) === Number(r.primary_tag_id))?.slug ?? null),
        sticky: Number(r.sticky) === 1,
      };
    }
  }
}

export async function* exportPages(db: Db): AsyncGenerator<ExportedPage> {
  for (let last = 0; ; ) {
    const rows = await db.selectFrom('pages').selectAll().where('id', '>', last).orderBy('id').limit(PAGE).execute();
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!.id);
    for (const r of rows) {
      yield { id: Number(r.id), slug: r.slug, title: r.title, bodyHtml: r.body_html, status: r.status, position: Number(r.position), createdAt: r.created_at, updatedAt: r.updated_at };
    }
  }
}

export async function* exportRedirects(db: Db): AsyncGenerator<{ from: string; to: string | null; status: number }> {
  for (let last = 0; ; ) {
    const rows = await db.selectFrom('redirects').selectAll().where('id', '>', last).orderBy('id').limit(PAGE * 4).execute();
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!.id);
    for (const r of rows) yield { from: r.from_path, to: r.to_path, status: Number(r.status) };
  }
}
