// Whether an article row is on the public site at a given instant, and where.
import { articlePath } from '../dates.js';

export interface VisibilityRow {
  status: string;
  published_at: string | null;
  month_key: string | null;
  slug: string;
}

export function publicPath(row: VisibilityRow, now: string): string | null {
  if (row.status === 'draft' || !row.published_at || !row.month_key) return null;
  if (row.published_at > now) return null;
  return articlePath(row.month_key, row.slug);
}

/** Path once the article is (or becomes) public: drafts have none. */
export function plannedPath(row: VisibilityRow): string | null {
  if (row.status === 'draft' || !row.month_key) return null;
  return articlePath(row.month_key, row.slug);
}

/** Dated to come out later: its time decides when cached pages stop being true. */
export function isPending(row: VisibilityRow, now: string): boolean {
  return row.status !== 'draft' && row.published_at !== null && row.published_at > now;
}
