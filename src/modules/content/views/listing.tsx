import type { ArticleSummary } from '../queries.js';
import { ArticleList, Pagination } from './parts.js';

export interface ListingProps {
  title: string;
  description?: string;
  /** The home page's title is for screen readers only; the outlet's name is already in the header. */
  hideTitle?: boolean;
  items: ArticleSummary[];
  /** Sticky articles carry the class "sticky" (the home page's first page, as WordPress's post_class does). */
  markSticky?: boolean;
  /** Approved comments per article id (the comments module). */
  commentCounts?: Map<number, number>;
  page: number;
  pages: number;
  prev: string | null;
  next: string | null;
  empty?: string;
}

export function ListingView(p: ListingProps) {
  return (
    <>
      <header class="page-header">
        <h1 class={p.hideTitle ? 'page-title visually-hidden' : 'page-title'}>{p.title}</h1>
        {p.description && <p class="page-description">{p.description}</p>}
      </header>
      {p.items.length ? <ArticleList items={p.items} markSticky={p.markSticky} commentCounts={p.commentCounts} /> : <p>{p.empty ?? 'Nothing has been published here yet.'}</p>}
      <Pagination prev={p.prev} next={p.next} page={p.page} pages={p.pages} />
    </>
  );
}
