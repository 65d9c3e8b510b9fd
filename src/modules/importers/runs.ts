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
  const r = await db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRun(r) : null;
}

export async function listRuns(db: Db, limit = 20): Promise<ImportRun[]> {
  const rows = await db.selectFrom('import_runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toRun);
}

export async function runFilePath(db: Db, id: number): Promise<string | null> {
  const r = await db.selectFrom('import_runs').select('file_path').where('id', '=', id).executeTakeFirst();
  return r?.file_path ?? null;
}
