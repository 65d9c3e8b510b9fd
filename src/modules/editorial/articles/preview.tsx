// The article as readers will see it, whatever its status: the public layout and article view through
// PublicSite.render, marked noindex. The route sends it with no-store; it never enters the page cache.
import type { Db } from '../../../platform/db/index.js';
import { fromStored } from '../../../platform/html/safe-html.js';
import type { PublicSite } from '../../../web/site.js';
import type { ArticleFull, TagRef } from '../../content/queries.js';
import { ArticleView } from '../../content/views/article.js';
import type { AdminArticle } from './queries.js';

export async function renderPreview(db: Db, site: PublicSite, a: AdminArticle, now: string): Promise<string> {
  const authorRows = a.authorIds.length ? await db.selectFrom('authors').select(['id', 'slug', 'name']).where('id', 'in', a.authorIds).execute() : [];
  const authors = new Map(authorRows.map((r) => [Number(r.id), { id: Number(r.id), slug: r.slug, name: r.name }]));
  const tagRows = a.tagIds.length ? await db.selectFrom('tags').select(['id', 'slug', 'name', 'is_region']).where('id', 'in', a.tagIds).execute() : [];
  const tags = new Map<number, TagRef>(tagRows.map((t) => [Number(t.id), { id: Number(t.id), slug: t.slug, name: t.name, isRegion: Number(t.is_region) === 1 }]));
  const publishedAt = a.publishedAt ?? a.updatedAt;
  const article: ArticleFull = {
    id: a.id,
    slug: a.slug,
    path: a.path ?? `/api/admin/articles/${a.id}/preview`,
    kicker: a.kicker,
    headline: a.headline,
    standfirst: a.standfirst,
    publishedAt,
    updatedAt: a.updatedAt,
    wordCount: a.wordCount,
    authors: a.authorIds.map((id) => authors.get(id)).filter((x) => x !== undefined),
    primaryTag: a.primaryTagId !== null ? (tags.get(a.primaryTagId) ?? null) : null,
    sticky: a.sticky,
    bodyHtml: fromStored(a.bodyHtml),
    tags: a.tagIds.map((id) => tags.get(id)).filter((x) => x !== undefined),
  };
  const r = await site.render(
    now,
    {
      title: `Preview: ${a.kicker ? `${a.kicker}: ${a.headline}` : a.headline}`,
      description: a.standfirst,
      path: article.path,
      type: 'article',
      noindex: true,
      article: {
        publishedAt,
        modifiedAt: a.updatedAt,
        section: article.primaryTag?.name,
        tags: article.tags.map((t) => t.name),
        authors: article.authors.map((au) => au.name),
      },
    },
    <ArticleView article={article} />,
  );
  return r.html;
}
