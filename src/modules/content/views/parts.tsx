// Small pieces shared by the content views.
import { formatDate } from '../dates.js';
import type { ArticleSummary, AuthorRef } from '../queries.js';

export function Byline({ authors }: { authors: AuthorRef[] }) {
  if (authors.length === 0) return null;
  const links = authors.map((a) => <a href={`/author/${a.slug}/`}>{a.name}</a>);
  const parts: (string | preact.JSX.Element)[] = [];
  links.forEach((l, i) => {
    if (i > 0) parts.push(i === links.length - 1 ? ' and ' : ', ');
    parts.push(l);
  });
  return <span class="byline">By {parts}</span>;
}

export function DateLine({ iso, className }: { iso: string; className?: string }) {
  return (
    <time class={className} dateTime={iso}>
      {formatDate(iso)}
    </time>
  );
}

export function Kicker({ article }: { article: Pick<ArticleSummary, 'kicker' | 'primaryTag'> }) {
  if (!article.kicker) return null;
  return <p class="kicker">{article.primaryTag ? <a href={`/tag/${article.primaryTag.slug}/`}>{article.kicker}</a> : article.kicker}</p>;
}

export function ArticleList({ items, markSticky, commentCounts }: { items: ArticleSummary[]; markSticky?: boolean; commentCounts?: Map<number, number> }) {
  return (
    <ol class="article-list">
      {items.map((a) => (
        <li class={markSticky && a.sticky ? 'article-card sticky' : 'article-card'}>
          <Kicker article={a} />
          <h2 class="card-headline">
            <a href={a.path}>{a.headline}</a>
          </h2>
          {a.standfirst && <p class="standfirst">{a.standfirst}</p>}
          <p class="meta">
            <Byline authors={a.authors} /> <DateLine iso={a.publishedAt} />
            {!!commentCounts?.get(a.id) && (
              <>
                {' '}
                <a class="comment-count" href={`${a.path}#comments`}>
                  {commentCounts.get(a.id) === 1 ? '1 comment' : `${commentCounts.get(a.id)} comments`}
                </a>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}

export function Pagination({ prev, next, page, pages }: { prev: string | null; next: string | null; page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pagination">
      {prev && (
        <a rel="prev" href={prev}>
          ← Newer
        </a>
      )}{' '}
      <span class="page-count">
        Page {page} of {pages}
      </span>{' '}
      {next && (
        <a rel="next" href={next}>
          Older →
        </a>
      )}
    </nav>
  );
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}
