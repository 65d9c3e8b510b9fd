// Row types of the importers module's tables (migration 0010_import). Times are ISO 8601 UTC strings.
import type { Generated, Selectable } from 'kysely';

export type MapKind = 'author' | 'term' | 'post' | 'page' | 'comment' | 'attachment' | 'file';

export interface ImportMapTable {
  /** The export's site address (base_blog_url, base_site_url or link), or '' when it names none. */
  source: string;
  kind: MapKind;
  /** The id in WordPress (a term: taxonomy:slug; an author: login; a file: its path under uploads). */
  wp_id: string;
  local_id: number | null;
  /** SHA-256 of what the item held: an unchanged item is not written again. */
  hash: string;
  /** The article revision (or page updated_at) this import wrote: a later edit here means "keep". */
  revision: number | null;
  extra: string | null;
  updated_at: string;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportRunsTable {
  id: Generated<number>;
  kind: string;
  file_name: string;
  file_path: string | null;
  options: string;
  status: RunStatus;
  progress: string;
  report: string | null;
  error: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface ImportersTables {
  import_map: ImportMapTable;
  import_runs: ImportRunsTable;
}

export type ImportRunRow = Selectable<ImportRunsTable>;
