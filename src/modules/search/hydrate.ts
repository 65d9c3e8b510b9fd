// Article summaries (with body HTML, for snippets) for a list of ids, in that order. The search ranks ids
// only, so that no sort ever carries article bodies; the page's few rows are read afterwards.
import { sql, type SqlBool } from 'kysely';
import { runPrepared, type Db } from '../../platform/db/index.js';
import { summaryOf, toTagRef, type ArticleSummary, type AuthorRef } from '../content/queries.js';
import { engineOf } from './engine.js';

export interface Hydrated extends ArticleSummary {
  bodyHtml: string;
}

export async function hydrate(db: Db, ids: number[]): Promise<Hydrated[]> {
  if (ids.length === 0) return [];
  const postgres = engineOf(db) === 'postgres';
  // One statement (on PostgreSQL, one round trip): each article's primary tag joined to it, and its byline
  // (content's bylines(), in byline order) as a JSON array.
  const byline =
    postgres
      ? sql<string>`(select coalesce(json_agg(json_build_object('id', au.id, 'slug', au.slug, 'name', au.name) order by aa.position), '[]')::text
          from article_authors aa join authors au on au.id = aa.author_id where aa.article_id = articles.id)`
      : sql<string>`(select coalesce(json_group_array(json_object('id', b.id, 'slug', b.slug, 'name', b.name)), '[]')
          from (select au.id, au.slug, au.name from article_authors aa join authors au on au.id = aa.author_id
            where aa.article_id = articles.id order by aa.position) b)`;
  const query = db
    .selectFrom('articles')
    .leftJoin('tags', 'tags.id', 'articles.primary_tag_id')
    .select(['articles.id', 'articles.slug', 'articles.kicker', 'articles.headline', 'articles.standfirst', 'articles.body_html', 'articles.published_at', 'articles.updated_at', 'articles.month_key', 'articles.word_count', 'articles.primary_tag_id', 'articles.sticky'])
    .select(['tags.slug as tag_slug', 'tags.name as tag_name', 'tags.is_region as tag_is_region'])
    .select(byline.as('authors_json'))
    // On PostgreSQL one array parameter, so that the text is the same for any number of ids (a prepared statement).
    .where(postgres ? sql<SqlBool>`articles.id = any(${ids}::bigint[])` : sql<SqlBool>`articles.id in (${sql.join(ids)})`)
    .compile();
  const rows = await runPrepared(db, query);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: Hydrated[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const tag = r.primary_tag_id !== null && r.tag_slug !== null && r.tag_name !== null ? toTagRef({ id: r.primary_tag_id, slug: r.tag_slug, name: r.tag_name, is_region: Number(r.tag_is_region) }) : null;
    const authors = (JSON.parse(r.authors_json) as AuthorRef[]).map((a) => ({ id: Number(a.id), slug: a.slug, name: a.name }));
    out.push({ ...summaryOf(r, authors, tag), bodyHtml: r.body_html });
  }
  return out;
}
