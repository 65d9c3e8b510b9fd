// Imports from other systems (WordPress first).
//   import_map   one row per thing an import brought in: which export it came from (`source`, the old site's
//                address), its kind and id there, and what it became here. Re-running an import finds its rows
//                through this table and updates them in place; `hash` tells an unchanged item from a changed
//                one, `revision` the article revision the import wrote (an article edited here since is kept).
//   import_runs  one row per import started from the admin or the CLI: its options, progress and report, so the
//                admin can follow a run that the job queue carries out.
import type { Kysely } from 'kysely';
import { idColumn, refType, timeType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  await db.schema
    .createTable('import_map')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('wp_id', 'text', (c) => c.notNull())
    .addColumn('local_id', refType(db))
    .addColumn('hash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('revision', 'integer')
    // JSON: what later steps need (an attachment's URLs, a post's sticky flag, its old permalink).
    .addColumn('extra', 'text')
    .addColumn('updated_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_map_pk', ['source', 'kind', 'wp_id'])
    .execute();
  await db.schema.createIndex('import_map_local_idx').on('import_map').columns(['kind', 'local_id']).execute();

  await db.schema
    .createTable('import_runs')
    .addColumn(...idColumn(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // Where an uploaded file waits for its job (under the data directory); null for CLI runs.
    .addColumn('file_path', 'text')
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', refType(db))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('started_at', time)
    .addColumn('finished_at', time)
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_runs_created_idx').on('import_runs').columns(['created_at', 'id']).execute();
}
