// import_runs: each import started from the admin (carried out by a job) or the CLI, with its progress and report.
import type { Ctx } from '../../platform/context/index.js';
import type { Db } from '../../platform/db/index.js';
import type { ImportReport } from './wordpress/report.js';
import type { ImportProgress } from './wordpress/importWordPress.js';
import type { ImportRunRow, RunStatus } from './tables.js';

export interface RunOptions {
  mediaDir?: string | null;
  splitKicker?: string | true | null;
  regions?: string[];
  dryRun?: boolean;
}

export interface ImportRun {
  id: number;
  kind: string;
  fileName: string;
  status: RunStatus;
  options: RunOptions;
  progress: Partial<ImportProgress>;
  report: ImportReport | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function toRun(r: ImportRunRow): ImportRun {
  return {
    id: Number(r.id),
    kind: r.kind,
    fileName: r.file_name,
    status: r.status,
    options: JSON.parse(r.options) as RunOptions,
    progress: JSON.parse(r.progress) as Partial<ImportProgress>,
    report: r.report ? (JSON.parse(r.report) as ImportReport) : null,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export async function createRun(db: Db, r: { fileName: string; filePath: string | null; options: RunOptions; createdBy: number | null; status: RunStatus }, now = new Date().toISOString()): Promise<number> {
  const row = await db
    .insertInto('import_runs')
    .values({
      kind: 'wordpress',
      file_name: r.fileName.slice(0, 255),
      file_path: r.filePath,
      options: JSON.stringify(r.options),
      status: r.status,
      progress: '{}',
      created_by: r.createdBy,
      created_at: now,
      started_at: r.status === 'running' ? now : null,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * A CLI run touches its row at least this often while it lives (progress, or a heartbeat between). A "running"
 * CLI row older than STALE_MS belongs to a process that died (killed, or a second Ctrl-C): it is marked failed,
 * so that the admin does not show it running for ever. Admin runs are jobs, which the queue runs again.
 */
export const HEARTBEAT_MS = 20_000;
export const STALE_MS = 2 * 60_000;
export const STALE_MESSAGE = 'The import stopped without finishing (its process ended). Run the same import again: it picks up where it stopped.';

export async function settleStaleRuns(db: Db, now = Date.now()): Promise<void> {
  // Read first: the admin polls while an import runs, and on SQLite a write would wait for the import's lock.
  const cutoff = new Date(now - STALE_MS).toISOString();
  const stale = await db.selectFrom('import_runs').select('id').where('status', '=', 'running').where('file_path', 'is', null).where('updated_at', '<', cutoff).execute();
  if (!stale.length) return;
  const at = new Date(now).toISOString();
  await db
    .updateTable('import_runs')
    .set({ status: 'failed', error: STALE_MESSAGE, finished_at: at, updated_at: at })
    .where('id', 'in', stale.map((r) => Number(r.id)))
    .where('status', '=', 'running')
    .where('updated_at', '<', cutoff)
    .execute();
}

export async function touchRun(db: Db, id: number): Promise<void> {
  await db.updateTable('import_runs').set({ updated_at: new Date().toISOString() }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function recordCliRun(ctx: Ctx, fileName: string, options: RunOptions): Promise<number> {
  return createRun(ctx.db, { fileName, filePath: null, options, createdBy: null, status: 'running' });
}

export async function markRunning(db: Db, id: number, now = new Date().toISOString()): Promise<void> {
  await db.updateTable('import_runs').set({ status: 'running', started_at: now, updated_at: now, error: null }).where('id', '=', id).execute();
}

export async function saveProgress(db: Db, id: number, p: ImportProgress): Promise<void> {
  await db.updateTable('import_runs').set({ progress: JSON.stringify(p), updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}

export async function finishRun(ctx: Ctx, id: number, report: ImportReport | null, error: string | null): Promise<void> {
  const now = new Date().toISOString();
  await ctx.db
    .updateTable('import_runs')
    .set({ status: error || !report?.completed ? 'failed' : 'done', report: report ? JSON.stringify(report) : null, error, finished_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function getRun(db: Db, id: number): Promise<ImportRun | null> {
  await settleStaleRuns(db);
  const r = await db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRun(r) : null;
}

export async function listRuns(db: Db, limit = 20): Promise<ImportRun[]> {
  await settleStaleRuns(db);
  const rows = await db.selectFrom('import_runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRun);
}

export async function runFilePath(db: Db, id: number): Promise<string | null> {
  const r = await db.selectFrom('import_runs').select('file_path').where('id', '=', id).executeTakeFirst();
  return r?.file_path ?? null;
}
