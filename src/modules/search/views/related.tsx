// "Related": a short list at the foot of an article: headlines and dates (the article's own kicker, byline and
// standfirst stay the only ones on the page).
import type { ArticleSummary } from '../../content/queries.js';
import { DateLine } from '../../content/views/parts.js';

export function RelatedArticles({ items }: { items: ArticleSummary[] }) {
  if (items.length === 0) return null;
  return (
    <aside class="related" aria-labelledby="related-title">
      <h2 id="related-title">Related</h2>
      <ol class="article-list related-list">
        {items.map((a) => (
          <li class="article-card">
            <h3 class="card-headline">
              <a href={a.path}>{a.headline}</a>
            </h3>
            <p class="meta">
              <DateLine iso={a.publishedAt} />
            </p>
          </li>
        ))}
      </ol>
    </aside>
  );
}
