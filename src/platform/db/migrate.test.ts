import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDb, engineName } from '../../../test/db.js';
import { migrateToLatest, migrations, appliedMigrations, MigrationFailed } from './migrate.js';

async function tableNames(db: Parameters<typeof migrateToLatest>[0], engine: string): Promise<string[]> {
  const rows =
    engine === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

test(`migrations apply once and re-running is a no-op (${engineName})`, async () => {
  const t = await createTestDb({ migrate: false });
  try {
    const first = await migrateToLatest(t.db);
    assert.deepEqual(first, Object.keys(migrations).sort());
    const second = await migrateToLatest(t.db);
    assert.deepEqual(second, []);
    assert.deepEqual(await appliedMigrations(t.db), Object.keys(migrations).sort());
    const tables = await tableNames(t.db, t.engine);
    for (const name of ['articles', 'authors', 'tags', 'article_authors', 'article_tags', 'pages', 'redirects', 'settings']) {
      assert.ok(tables.includes(name), `table ${name} exists`);
    }
  } finally {
    await t.close();
  }
});

test(`a failed migration leaves the schema and data as they were (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    await t.db.insertInto('settings').values({ key: 'kept', value: 'yes' }).execute();
    const before = await tableNames(t.db, t.engine);
    const broken = {
      ...migrations,
      '9999_broken': {
        async up(db: any) {
          await db.schema.createTable('half_made').addColumn('id', 'integer').execute();
          await db.updateTable('settings').set({ value: 'changed' }).where('key', '=', 'kept').execute();
          await sql`this is not sql`.execute(db);
        },
      },
    };
    await assert.rejects(migrateToLatest(t.db, broken), (err: unknown) => {
      assert.ok(err instanceof MigrationFailed);
      assert.equal(err.migration, '9999_broken');
      assert.match(err.message, /rolled back/);
      return true;
    });
    assert.deepEqual(await tableNames(t.db, t.engine), before);
    const kept = await t.db.selectFrom('settings').select('value').where('key', '=', 'kept').executeTakeFirstOrThrow();
    assert.equal(kept.value, 'yes');
    assert.ok(!(await appliedMigrations(t.db)).includes('9999_broken'));
  } finally {
    await t.close();
  }
});

test(`foreign keys are enforced (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    await assert.rejects(t.db.insertInto('article_authors').values({ article_id: 999, author_id: 999, position: 0 }).execute());
    if (t.engine === 'sqlite') {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(t.db);
      assert.equal(mode.rows[0]?.journal_mode, 'wal');
    }
  } finally {
    await t.close();
  }
});
