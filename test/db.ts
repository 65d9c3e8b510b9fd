// A fresh database per test, on the engine CI chose: SQLite in a temp dir, or a uniquely named
// PostgreSQL database (made here, dropped on close) when DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DbHandle } from '../src/platform/db/index.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

export interface TestDb extends DbHandle {
  dataDir: string;
  databaseUrl: string | null;
}

export const engineName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

export async function createTestDb(opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadside-test-'));
  let databaseUrl: string | null = null;
  let dropDb: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    const base = new URL(process.env.DATABASE_URL);
    const name = `broadside_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base.href });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base.href);
    url.pathname = `/${name}`;
    databaseUrl = url.href;
    dropDb = async () => {
      const c = new pg.Client({ connectionString: base.href });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const handle = openDatabase({ databaseUrl, dataDir });
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    dataDir,
    databaseUrl,
    async close() {
      await handle.close();
      if (dropDb) await dropDb();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
