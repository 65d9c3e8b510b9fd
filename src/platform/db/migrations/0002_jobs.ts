// The durable job queue: rows written in the same transaction as the change that causes them (outbox).
import { sql, type Kysely } from 'kysely';
import { idColumn, timeType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  await db.schema
    .createTable('jobs')
    .addColumn(...idColumn(db))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('run_at', time, (c) => c.notNull())
    .addColumn('locked_until', time)
    .addColumn('last_error', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  // Taking due jobs (status, then run_at order) and finding runs whose lock expired.
  await db.schema.createIndex('jobs_status_run_at').on('jobs').columns(['status', 'run_at']).execute();
  // Deleting old done jobs without scanning the whole table.
  await db.schema.createIndex('jobs_status_updated_at').on('jobs').columns(['status', 'updated_at']).execute();
}
