// Row type of cache_events: the invalidation bus between processes on one SQLite file.
import type { Generated } from 'kysely';

export interface CacheEventsTable {
  id: Generated<number>;
  /** The process that made the change (it has already invalidated its own cache). */
  origin: string;
  /** JSON array of cache tags; ["*"] for everything. */
  tags: string;
  created_at: string;
}

export interface CacheTables {
  cache_events: CacheEventsTable;
}
