// Row types of the article admin's tables (migration 0005_article_admin). Times are ISO 8601 UTC strings.
import type { Generated, Selectable } from 'kysely';

export type RevisionKind = 'save' | 'autosave' | 'conflict' | 'restore';

export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  kind: RevisionKind;
  /** save/restore: the article's revision after it; conflict/autosave: the revision the editor had loaded. */
  revision: number;
  author_user_id: number | null;
  author_name: string;
  /** JSON of RevisionFields. */
  fields: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ArticleAdminTables {
  revisions: RevisionsTable;
  api_keys: ApiKeysTable;
}

export type RevisionRow = Selectable<RevisionsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
