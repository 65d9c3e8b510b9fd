// Article summaries (with body HTML, for snippets) for a list of ids, in that order. The search ranks ids
// only, so that no sort ever carries article bodies; the page's few rows are read afterwards.
import type { Db } from '../../platform/db/index.js';
import { bylines, summaryOf, toTagRef, type ArticleSummary } from '../content/queries.js';

export interface Hydrated extends ArticleSummary {
  bodyHtml: string;
}

export async function hydrate(db: Db, ids: number[]): Promise<Hydrated[]> {
  if (ids.length === 0) return [];
  // Two statements at once (on PostgreSQL, two of the pool's connections: one round trip's wait, not three),
  // each article's primary tag joined to it.
  const [rows, authors] = await Promise.all([
    db
      .selectFrom('articles')
      .leftJoin('tags', 'tags.id', 'articles.primary_tag_id')
      .select(['articles.id', 'articles.slug', 'articles.kicker', 'articles.headline', 'articles.standfirst', 'articles.body_html', 'articles.published_at', 'articles.updated_at', 'articles.month_key', 'articles.word_count', 'articles.primary_tag_id', 'articles.sticky'])
      .select(['tags.slug as tag_slug', 'tags.name as tag_name', 'tags.is_region as tag_is_region'])
      .where('articles.id', 'in', ids)
      .execute(),
    bylines(db, ids),
  ]);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: Hydrated[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const tag = r.primary_tag_id !== null && r.tag_slug !== null && r.tag_name !== null ? toTagRef({ id: r.primary_tag_id, slug: r.tag_slug, name: r.tag_name, is_region: Number(r.tag_is_region) }) : null;
    out.push({ ...summaryOf(r, authors.get(id) ?? [], tag), bodyHtml: r.body_html });
  }
  return out;
}
