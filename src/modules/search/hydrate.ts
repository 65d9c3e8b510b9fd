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
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'kicker', 'headline', 'standfirst', 'body_html', 'published_at', 'updated_at', 'month_key', 'word_count', 'primary_tag_id', 'sticky'])
    .where('id', 'in', ids)
    .execute();
  const authorRows = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.id', 'authors.slug', 'authors.name'])
    .where('article_authors.article_id', 'in', ids)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
  const tagIds = [...new Set(rows.map((r) => r.primary_tag_id).filter((x): x is number => x !== null).map(Number))];
  const tagRows = tagIds.length ? await db.selectFrom('tags').select(['id', 'slug', 'name', 'is_region']).where('id', 'in', tagIds).execute() : [];
  const tags = new Map<number, TagRef>(tagRows.map((t) => [Number(t.id), { id: Number(t.id), slug: t.slug, name: t.name, isRegion: Number(t.is_region) === 1 }]));
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
      primaryTag: r.primary_tag_id !== null ? (tags.get(Number(r.primary_tag_id)) ?? null) : null,
      sticky: Number(r.sticky) === 1,
      bodyHtml: r.body_html,
    });
  }
  return out;
}
