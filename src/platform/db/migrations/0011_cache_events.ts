// Several processes on one SQLite file (serve, a separate worker, the CLI) tell each other which cached pages a
// change touched through this table (platform/cache/bus.ts). PostgreSQL uses LISTEN/NOTIFY instead; the table
// is made there too, so that both engines keep one schema.
import type { Kysely } from 'kysely';
import { idColumn, timeType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cache_events')
    .addColumn(...idColumn(db))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', timeType(db), (c) => c.notNull())
    .execute();
}
