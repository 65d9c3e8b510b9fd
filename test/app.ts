// An app over a fresh test database, not listening: inject requests into it.
import { loadConfig, type Config } from '../src/config.js';
import { buildApp, type App, type BuildOptions } from '../src/app.js';
import { plainCtx, type Ctx } from '../src/platform/context/index.js';
import { createTestDb, type TestDb } from './db.js';

export interface TestApp extends App {
  testDb: TestDb;
  config: Config;
  /** The app's own ctx: writes through it invalidate the app's page cache. */
  ctx: Ctx;
}

export async function createTestApp(overrides: Partial<Config> = {}, build: Omit<BuildOptions, 'db'> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const config = loadConfig({ BROADSIDE_DATA_DIR: testDb.dataDir }, { baseUrl: 'http://news.test', title: 'Test Outlet', searchThreads: 0, ...overrides });
  const built = await buildApp(config, { db: testDb, logger: false, ...build });
  return {
    ...built,
    testDb,
    config,
    async close() {
      await built.close();
      await testDb.close();
    },
  };
}

export { plainCtx };
