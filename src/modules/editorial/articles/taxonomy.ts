// Admin reads for tags, authors, pages and API keys.
import type { Db } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/http/errors.js';

export async function listTags(db: Db) {
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'slug', 'name', 'description', 'is_region', 'created_at'])
    .select((eb) =>
      eb
        .selectFrom('article_tags')
        .innerJoin('articles', 'articles.id', 'article_tags.article_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('article_tags.tag_id', '=', 'tags.id')
        .where('articles.trashed_at', 'is', null)
        .as('article_count'),
    )
    .orderBy('name')
    .execute();
  return rows.map((t) => ({
    id: Number(t.id),
    slug: t.slug,
    name: t.name,
    description: t.description,
    isRegion: Number(t.is_region) === 1,
    articleCount: Number(t.article_count ?? 0),
    path: `/tag/${t.slug}/`,
    createdAt: t.created_at,
  }));
}

export async function getTag(db: Db, id: number) {
  const t = (await listTags(db)).find((x) => x.id === id);
  if (!t) throw notFound(`There is no tag ${id}.`);
  return t;
}

export async function listAuthors(db: Db) {
  const rows = await db
    .selectFrom('authors')
    .select(['id', 'slug', 'name', 'bio', 'created_at'])
    .select((eb) =>
      eb
        .selectFrom('article_authors')
        .innerJoin('articles', 'articles.id', 'article_authors.article_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('article_authors.author_id', '=', 'authors.id')
        .where('articles.trashed_at', 'is', null)
        .as('article_count'),
    )
    .orderBy('name')
    .execute();
  return rows.map((a) => ({
    id: Number(a.id),
    slug: a.slug,
    name: a.name,
    bio: a.bio,
    articleCount: Number(a.article_count ?? 0),
    path: `/author/${a.slug}/`,
    createdAt: a.created_at,
  }));
}

export async function getAuthor(db: Db, id: number) {
  const a = (await listAuthors(db)).find((x) => x.id === id);
  if (!a) throw notFound(`There is no author ${id}.`);
  return a;
}

function toPage(p: { id: number; slug: string; title: string; body_html: string; status: 'draft' | 'published'; position: number; updated_at: string; created_at: string }) {
  return {
    id: Number(p.id),
    slug: p.slug,
    title: p.title,
    bodyHtml: p.body_html,
    status: p.status,
    position: Number(p.position),
    path: `/${p.slug}/`,
    updatedAt: p.updated_at,
    createdAt: p.created_at,
  };
}

export async function listPages(db: Db) {
  const rows = await db.selectFrom('pages').selectAll().orderBy('position').orderBy('title').execute();
  return rows.map(toPage);
}

export async function getPage(db: Db, id: number) {
  const p = await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound(`There is no page ${id}.`);
  return toPage(p);
}

export async function listApiKeys(db: Db) {
  const rows = await db.selectFrom('api_keys').select(['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at']).orderBy('id', 'desc').execute();
  return rows.map((k) => ({ id: Number(k.id), name: k.name, prefix: k.key_prefix, createdAt: k.created_at, lastUsedAt: k.last_used_at, revokedAt: k.revoked_at }));
}
