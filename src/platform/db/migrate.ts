// One migration set for both engines. Each migration runs in its own transaction together with the row that
// records it, so a failed one leaves the schema as it was and later runs pick up where it stopped.
// (Kysely's Migrator runs SQLite migrations outside any transaction, hence this small runner.)
import { sql, type Kysely } from 'kysely';
import * as m0001 from './migrations/0001_content.js';
import * as m0002 from './migrations/0002_jobs.js';
import * as m0003 from './migrations/0003_editorial.js';
import * as m0004 from './migrations/0004_media.js';
import * as m0005 from './migrations/0005_article_admin.js';
import * as m0006 from './migrations/0006_search.js';
import * as m0007 from './migrations/0007_comments.js';
import * as m0008 from './migrations/0008_list_indexes.js';
import * as m0009 from './migrations/0009_funding.js';
import * as m0010 from './migrations/0010_import.js';
import * as m0011 from './migrations/0011_cache_events.js';
import * as m0012 from './migrations/0012_sticky.js';
import * as m0013 from './migrations/0013_search_strong.js';
import * as m0014 from './migrations/0014_search_recent.js';
import * as m0015 from './migrations/0015_search_rank_function.js';
import * as m0016 from './migrations/0016_search_partitions.js';
import * as m0017 from './migrations/0017_search_rank_function_again.js';
import { isPostgres } from './migrations/helpers.js';

export interface Migration {
  up(db: Kysely<any>): Promise<void>;
}

export const migrations: Record<string, Migration> = {
  '0001_content': m0001,
  '0002_jobs': m0002,
  '0003_editorial': m0003,
  '0004_media': m0004,
  '0005_article_admin': m0005,
  '0006_search': m0006,
  '0007_comments': m0007,
  '0008_list_indexes': m0008,
  '0009_funding': m0009,
  '0010_import': m0010,
  '0011_cache_events': m0011,
  '0012_sticky': m0012,
  '0013_search_strong': m0013,
  '0014_search_recent': m0014,
  '0015_search_rank_function': m0015,
  '0016_search_partitions': m0016,
  '0017_search_rank_function_again': m0017,
};

export class MigrationFailed extends Error {
  constructor(readonly migration: string, cause: unknown) {
    super(`Migration ${migration} failed and was rolled back; the schema is as it was before it. Cause: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'MigrationFailed';
  }
}

const TABLE = 'broadside_migrations';
// Any constant works: it only has to be the same in every process that migrates this database.
const PG_LOCK_KEY = 4_242_001;

export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  await db.schema
    .createTable(TABLE)
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const rows = await db.selectFrom(TABLE).select('name').orderBy('name').execute();
  return rows.map((r) => r.name as string);
}

/** Applies pending migrations in name order; returns the names applied. Safe to run from several processes. */
export async function migrateToLatest(db: Kysely<any>, set: Record<string, Migration> = migrations): Promise<string[]> {
  const done = new Set(await appliedMigrations(db));
  const applied: string[] = [];
  for (const name of Object.keys(set).sort()) {
    if (done.has(name)) continue;
    try {
      const ran = await db.transaction().execute(async (trx) => {
        if (isPostgres(trx)) {
          // Another process may be migrating: wait for it, then look again.
          await sql`select pg_advisory_xact_lock(${PG_LOCK_KEY})`.execute(trx);
          const again = await trx.selectFrom(TABLE).select('name').where('name', '=', name).executeTakeFirst();
          if (again) return false;
        }
        await set[name]!.up(trx);
        await trx.insertInto(TABLE).values({ name, applied_at: new Date().toISOString() }).execute();
        return true;
      });
      if (ran) applied.push(name);
    } catch (err) {
      throw new MigrationFailed(name, err);
    }
  }
  return applied;
}
