// Article summaries (with body HTML, for snippets) for a list of ids, in that order. The search ranks ids
// only, so that no sort ever carries article bodies; the page's few rows are read afterwards.
import type { Db } from '../../platform/db/index.js';
import type { ArticleSummary, AuthorRef, TagRef } from '../content/queries.js';
import { articlePath } from '../content/dates.js';

export interface Hydrated extends ArticleSummary {
  bodyHtml: string;
}

export async function hydrate(db: Db, ids: number[]): Promise<Hydrated[]> {
  if (ids.length === 0) return [];
  // Two statements at once (on PostgreSQL, two of the pool's connections: one round trip's wait, not three),
  // each article's primary tag joined to it.
  const [rows, authorRows] = await Promise.all([
    db
      .selectFrom('articles')
      .leftJoin('tags', 'tags.id', 'articles.primary_tag_id')
      .select(['articles.id', 'articles.slug', 'articles.kicker', 'articles.headline', 'articles.standfirst', 'articles.body_html', 'articles.published_at', 'articles.updated_at', 'articles.month_key', 'articles.word_count', 'articles.primary_tag_id', 'articles.sticky'])
      .select(['tags.slug as tag_slug', 'tags.name as tag_name', 'tags.is_region as tag_is_region'])
      .where('articles.id', 'in', ids)
      .execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.id', 'authors.slug', 'authors.name'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position')
      .execute(),
  ]);
  const tagOf = (r: (typeof rows)[number]): TagRef | null =>
    r.primary_tag_id !== null && r.tag_slug !== null && r.tag_name !== null ? { id: Number(r.primary_tag_id), slug: r.tag_slug, name: r.tag_name, isRegion: Number(r.tag_is_region) === 1 } : null;
  const authors = new Map<number, AuthorRef[]>();
  for (const a of authorRows) {
    const list = authors.get(Number(a.article_id)) ?? [];
    list.push({ id: Number(a.id), slug: a.slug, name: a.name });
    authors.set(Number(a.article_id), list);
  }
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: Hydrated[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    out.push({
      id,
      slug: r.slug,
      path: articlePath(r.month_key ?? '', r.slug),
      kicker: r.kicker,
      headline: r.headline,
      standfirst: r.standfirst,
      publishedAt: r.published_at ?? r.updated_at,
      updatedAt: r.updated_at,
      wordCount: r.word_count,
      authors: authors.get(id) ?? [],
      primaryTag: tagOf(r),
      sticky: Number(r.sticky) === 1,
      bodyHtml: r.body_html,
    });
  }
  return out;
}
