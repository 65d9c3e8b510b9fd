import { rawHtml } from '../../../platform/html/safe-html.js';
import type { ArticleFull } from '../queries.js';
import { formatDate } from '../dates.js';
import { Byline, DateLine, Kicker, readingMinutes } from './parts.js';

export function ArticleView({ article, related, appeal, comments }: { article: ArticleFull; related?: preact.JSX.Element | null; appeal?: preact.ComponentChildren; comments?: preact.ComponentChildren }) {
  const updated = article.updatedAt.slice(0, 10) > article.publishedAt.slice(0, 10) ? article.updatedAt : null;
  return (
    <>
      <article class="article">
        <header class="article-header">
          <Kicker article={article} />
          <h1 class="headline">{article.headline}</h1>
          {article.standfirst && <p class="standfirst">{article.standfirst}</p>}
          <p class="meta">
            <Byline authors={article.authors} /> <DateLine iso={article.publishedAt} className="published" />
            {updated && (
              <>
                {' '}
                <span class="updated">
                  Updated <time dateTime={updated}>{formatDate(updated)}</time>
                </span>
              </>
            )}{' '}
            <span class="reading-time">{readingMinutes(article.wordCount)} min read</span>
          </p>
        </header>
        <div class="article-body" dangerouslySetInnerHTML={rawHtml(article.bodyHtml)} />
        {article.tags.length > 0 && (
          <footer class="article-footer">
            <h2 class="visually-hidden">Tags</h2>
            <ul class="tag-list">
              {article.tags.map((t) => (
                <li>
                  <a class="tag" href={`/tag/${t.slug}/`} rel="tag">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </footer>
        )}
      </article>
      {/* Related articles, from the search module. */}
      {related}
      {/* Slots filled by the funding and comments modules. */}
      <section class="appeal" aria-label="Support our journalism" data-slot="appeal">
        {appeal}
      </section>
      <section class="comments" id="comments" aria-label="Comments" data-slot="comments">
        {comments}
      </section>
    </>
  );
}
