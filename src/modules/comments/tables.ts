// Row types of the comments module's tables. Times are ISO 8601 UTC strings on both engines.
import type { Generated, Selectable } from 'kysely';

export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type NotifyState = 'none' | 'pending' | 'confirmed';

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  status: CommentStatus;
  author_name: string;
  /** Lowercased. For moderation and notification only: never in a public page, feed, API answer or log line. */
  author_email: string;
  author_url: string;
  /** Plain text, newlines as \n. */
  body: string;
  ip: string;
  user_agent: string;
  /** SHA-256 of the normalised body: duplicates are found by it. */
  content_hash: string;
  /** A salted hash of the address, for the identicon: cannot be turned back into the address. */
  avatar_seed: string;
  notify: NotifyState;
  /** Why it was held for moderation (comma-separated rule names), '' when not held. */
  held_for: string;
  created_at: string;
  updated_at: string;
  /** When the status last changed: the trash empties 30 days after this. */
  status_changed_at: string;
}

export interface CommentThreadsTable {
  article_id: number;
  mode: 'open' | 'closed';
  updated_at: string;
}

export interface CommentsTables {
  comments: CommentsTable;
  comment_threads: CommentThreadsTable;
}

export type CommentRow = Selectable<CommentsTable>;
