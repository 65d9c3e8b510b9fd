// The `broadside` CLI: serve · worker · migrate · demo · user · search · import · export.
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadConfig, ConfigError, type Config } from './config.js';
import { openDatabase, type DbHandle } from './platform/db/index.js';
import { openBus, EVERYTHING } from './platform/cache/bus.js';
import { migrateToLatest, MigrationFailed } from './platform/db/migrate.js';
import { plainCtx } from './platform/context/index.js';
import { buildApp } from './app.js';
import { isEmpty, seedDemo } from './modules/content/demo/seed.js';
import { userCommand } from './modules/editorial/index.js';
import { searchCommand } from './modules/search/index.js';
import { exportCommand, importCommand } from './modules/importers/index.js';

const USAGE = `Usage: broadside <command>

Commands:
  serve     migrate the database, write demo content if it is empty, and serve the site (runs jobs too)
  worker    migrate the database and run queued jobs (mail …) only, until SIGINT or SIGTERM
  migrate   apply pending database migrations
  demo      write the demo outlet's articles, authors, tags and pages (existing ones are kept)
  user add --email E --name N --role R [--password P]
            make a staff account (roles: contributor, author, editor, administrator, owner);
            without --password the password is read from the terminal or the first line of stdin
  search reindex [--batch-size N]
            rebuild the search index from every article, in batches (the site keeps working)
  import wordpress EXPORT.xml [--media-dir DIR] [--dry-run] [--split-kicker[=PATTERN]] [--regions a,b]
            import a WordPress export (repeatable; old addresses answer 301; see README.md)
  export --format wxr|json [--output FILE]
            write everything the outlet owns (WXR for WordPress and Broadside, or JSON)

Configuration comes from the environment: PORT, HOST, BROADSIDE_URL, BROADSIDE_DATA_DIR,
DATABASE_URL, BROADSIDE_TITLE (see README.md).`;

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    const config = loadConfig();
    switch (command) {
      case 'serve':
        return await serve(config, rest);
      case 'worker':
        return await worker(config);
      case 'migrate':
        return await migrate(config);
      case 'demo':
        return await demo(config);
      case 'user':
        return await userCommand(config, rest);
      case 'search':
        return await searchCommand(config, rest);
      case 'import': {
        await importCommand(config, rest);
        if (process.exitCode === 2) return; // a usage error: nothing was read
        // A running server drops its cached pages, whether the import finished or stopped part-way.
        const handle = openDatabase(config);
        try {
          await announceChanges(config, handle);
        } finally {
          await handle.close();
        }
        return;
      }
      case 'export':
        return await exportCommand(config, rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        process.exitCode = 2;
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof MigrationFailed) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

async function migrate(config: Config): Promise<void> {
  const handle = openDatabase(config);
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await handle.close();
  }
}

async function demo(config: Config): Promise<void> {
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const n = await seedDemo(plainCtx(handle.db, handle.engine));
    await announceChanges(config, handle);
    console.log(`Demo content written: ${n.articles} articles, ${n.authors} authors, ${n.tags} tags, ${n.pages} pages.`);
  } finally {
    await handle.close();
  }
}

/** After a command changed content behind a running server's back: its cached pages go. */
async function announceChanges(config: Config, handle: DbHandle): Promise<void> {
  const bus = openBus(handle, { databaseUrl: config.databaseUrl, onError: (err) => console.error(`Could not tell running servers to refresh their pages: ${(err as Error).message}`) });
  await bus.publish([EVERYTHING]);
  await bus.close();
}

/** Runs jobs only: the app is built (not listening) so every module's job handlers are registered. */
async function worker(config: Config): Promise<void> {
  const handle = openDatabase(config);
  await migrateToLatest(handle.db);
  const built = await buildApp(config, { db: handle });
  const running = built.jobs.startWorker(built.ctx);
  built.app.log.info({ engine: handle.engine, types: built.jobs.types }, 'Broadside worker is running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    built.app.log.info({ signal }, 'worker stopping after running jobs finish');
    await running.stop();
    await built.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function serve(config: Config, _args: string[]): Promise<void> {
  const started = performance.now();
  const handle = openDatabase(config);
  await migrateToLatest(handle.db);
  const seedCtx = plainCtx(handle.db, handle.engine);
  if (await isEmpty(seedCtx)) {
    const n = await seedDemo(seedCtx);
    console.log(`Empty database: wrote the demo outlet (${n.articles} articles).`);
  }
  const { app, startBackground, close } = await buildApp(config, { db: handle });
  await app.listen({ port: config.port, host: config.host });
  startBackground();
  app.log.info({ ms: Math.round(performance.now() - started), url: config.baseUrl, engine: handle.engine }, 'Broadside is serving');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

// The bundled server (dist/server.js) is also what the benchmark drives, so it measures what `serve` runs.
export { buildApp, loadConfig };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2));
}
