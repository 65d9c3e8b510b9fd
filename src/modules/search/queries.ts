// Small reads of the search module's own state.
import type { Db } from '../../platform/db/index.js';

/** True when migration 0006 found articles already there: the index has to be built once (see index.ts). */
export async function reindexNeeded(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('search_state').select('key').where('key', '=', 'reindex_needed').executeTakeFirst());
}
