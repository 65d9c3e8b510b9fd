// `broadside import wordpress …` and `broadside export …`: parse the command line, run the operation, print
// progress and the summary, set the exit code (0 done, 1 the file or the run failed, 2 bad usage, 130 stopped).
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../../config.js';
import { openDatabase } from '../../platform/db/index.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { plainCtx } from '../../platform/context/index.js';
import { summaryText, type ImportReport } from './wordpress/report.js';
import type { ThreadInput, ThreadMessage } from './import-thread.js';
import { progressPrinter } from './progress.js';
import { exportSite, EXPORT_FORMATS, type ExportFormat } from './export/exportSite.js';
import { recordCliRun, finishRun } from './runs.js';
import { threadScript } from '../../platform/paths.js';

export const IMPORT_USAGE = `Usage: broadside import wordpress EXPORT.xml [options]

  Imports a WordPress export (Tools → Export → All content; WXR 1.0, 1.1 or 1.2). Running it again updates
  what it imported in place; an interrupted import is completed by running it again.

  --media-dir DIR          a copy of wp-content/uploads: its images are added to the media library
  --dry-run                read everything and report what would happen; write nothing
  --split-kicker[=PATTERN] split "Region: Headline" titles into kicker and headline; PATTERN is a regular
                           expression with groups named kicker and headline (default: a prefix of at most four
                           words before the first colon)
  --regions a,b            categories (slugs or names) that become regions
  --report FILE            where to write the JSON report (default: <data dir>/imports/report-<time>.json)
  --batch-size N           posts a transaction, 1 to 1000 (default 200)`;

export const EXPORT_USAGE = `Usage: broadside export --format wxr|json [--output FILE]

  Writes everything the outlet owns: articles, pages, authors, tags, comments (with commenters' addresses:
  keep the file private), the media list and, in JSON, the other registered sections. To standard output
  without --output.`;

interface ImportArgs {
  file: string;
  mediaDir: string | null;
  dryRun: boolean;
  splitKicker: string | true | null;
  regions: string[];
  report: string | null;
  batchSize: number;
}

function usage(message: string, text: string): never {
  const err = new Error(`${message}\n\n${text}`);
  (err as Error & { usage: true }).usage = true;
  throw err;
}

export function parseImportArgs(args: string[]): ImportArgs {
  const [kind, ...rest] = args;
  if (kind !== 'wordpress') usage(kind === undefined ? 'Say what to import.' : `Unknown import kind "${kind}" (only "wordpress" is known).`, IMPORT_USAGE);
  const out: ImportArgs = { file: '', mediaDir: null, dryRun: false, splitKicker: null, regions: [], report: null, batchSize: 200 };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq !== -1 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq !== -1 ? a.slice(eq + 1) : undefined;
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') usage(`${name} needs a value.`, IMPORT_USAGE);
      return v;
    };
    switch (name) {
      case '--media-dir':
        out.mediaDir = resolve(value());
        break;
      case '--dry-run':
        out.dryRun = true;
        break;
      case '--split-kicker':
        out.splitKicker = inline === undefined ? true : inline;
        break;
      case '--regions':
        out.regions = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--report':
        out.report = resolve(value());
        break;
      case '--batch-size': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000) usage('--batch-size must be a whole number from 1 to 1000.', IMPORT_USAGE);
        out.batchSize = Number(v);
        break;
      }
      default:
        if (a.startsWith('--') || out.file) usage(`Unknown option "${a}".`, IMPORT_USAGE);
        out.file = resolve(a);
    }
  }
  if (!out.file) usage('Name the export file.', IMPORT_USAGE);
  return out;
}

export async function importCommand(config: Config, args: string[]): Promise<void> {
  let a: ImportArgs;
  try {
    a = parseImportArgs(args);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 2;
    return;
  }
  const handle = openDatabase(config);
  let thread: Worker | null = null;
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nStopping after the batch being written (press Ctrl-C again to stop at once; nothing is left half-written either way)…\n');
      thread?.postMessage('abort');
    } else process.exit(130);
  };
  process.on('SIGINT', onSigint);
  try {
    await migrateToLatest(handle.db);
    const ctx = plainCtx(handle.db, handle.engine);
    const runId = a.dryRun ? null : await recordCliRun(ctx, basename(a.file), { mediaDir: a.mediaDir, splitKicker: a.splitKicker, regions: a.regions });
    let report: ImportReport;
    try {
      report = await new Promise<ImportReport>((resolveReport, reject) => {
        const input: ThreadInput = {
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          runId,
          options: { file: a.file, mediaDir: a.mediaDir, dryRun: a.dryRun, splitKicker: a.splitKicker, regions: a.regions, batchSize: a.batchSize },
        };
        // The import in a thread of its own, with a bounded young generation (see import-thread.ts).
        thread = new Worker(threadScript('import-thread', new URL('./import-thread.js', import.meta.url)), { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 1024 } });
        const draw = progressPrinter(process.stderr);
        thread.on('message', (m: ThreadMessage) => {
          if ('progress' in m) draw(m.progress);
          else if ('report' in m) resolveReport(m.report);
          else reject(new Error(m.failed));
        });
        thread.once('error', reject);
        thread.once('exit', (code) => reject(new Error(`the import thread stopped (${code})`)));
      });
    } catch (err) {
      if (runId !== null) await finishRun(ctx, runId, null, (err as Error).message);
      throw err;
    } finally {
      await (thread as Worker | null)?.terminate();
    }
    if (runId !== null) await finishRun(ctx, runId, report, report.error ? `line ${report.error.line}, column ${report.error.column}: ${report.error.message}` : null);
    const reportPath = a.report ?? join(config.dataDir, 'imports', `report-${report.startedAt.replace(/[:.]/g, '-')}.json`);
    mkdirSync(resolve(reportPath, '..'), { recursive: true });
    writeFileSync(reportPath, JSON.stringify(report, null, 2));
    console.log(summaryText(report));
    console.log(`Report: ${reportPath}`);
    if (report.error) {
      console.error(`${a.file}:${report.error.line}:${report.error.column}: ${report.error.message}`);
      process.exitCode = 1;
    } else if (!report.completed) process.exitCode = 130;
  } catch (err) {
    const e = err as Error;
    console.error(`The import failed: ${e.message}`);
    process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSigint);
    await handle.close();
  }
}

export async function exportCommand(config: Config, args: string[]): Promise<void> {
  let format: ExportFormat | null = null;
  let output: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const v = inline ?? args[i + 1];
    if (name === '--format') {
      if (!v || !EXPORT_FORMATS.includes(v as ExportFormat)) {
        console.error(`--format must be one of ${EXPORT_FORMATS.join(', ')}.\n\n${EXPORT_USAGE}`);
        process.exitCode = 2;
        return;
      }
      format = v as ExportFormat;
      if (inline === undefined) i++;
    } else if (name === '--output') {
      if (!v) {
        console.error(`--output needs a file name.\n\n${EXPORT_USAGE}`);
        process.exitCode = 2;
        return;
      }
      output = resolve(v);
      if (inline === undefined) i++;
    } else {
      console.error(`Unknown option "${a}".\n\n${EXPORT_USAGE}`);
      process.exitCode = 2;
      return;
    }
  }
  if (!format) {
    console.error(`Say which format: --format wxr or --format json.\n\n${EXPORT_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const handle = openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const out = output ? createWriteStream(output) : process.stdout;
    const counts = await exportSite(plainCtx(handle.db, handle.engine), { format, out, baseUrl: config.baseUrl, title: config.title, description: config.description });
    if (output) {
      await new Promise<void>((res, rej) => (out as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ? rej(err) : res())));
      console.error(`Exported ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')} to ${output}.`);
    }
  } finally {
    await handle.close();
  }
}
