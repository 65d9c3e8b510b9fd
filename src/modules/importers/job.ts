// The job that carries out an import started from the admin: progress saved as it goes (the admin polls it),
// the job's claim kept alive while it runs, the uploaded file removed once the run is over. If the process
// dies, the queue runs the job again and the import, being repeatable, picks up where it was.
import { rm } from 'node:fs/promises';
import type { Ctx } from '../../platform/context/index.js';
import { extendJobLock, PermanentJobError, type JobInfo } from '../../platform/jobs/index.js';
import type { MediaStore } from '../media/index.js';
import { importWordPress } from './wordpress/importWordPress.js';
import { finishRun, getRun, markRunning, runFilePath, saveProgress } from './runs.js';

export const IMPORT_JOB = 'importers.wordpress';

export async function runImportJob(ctx: Ctx, payload: { runId: number }, job: JobInfo, deps: { mediaStore?: MediaStore | null }): Promise<void> {
  const runId = Number(payload?.runId);
  const run = Number.isSafeInteger(runId) ? await getRun(ctx.db, runId) : null;
  const file = run ? await runFilePath(ctx.db, runId) : null;
  if (!run || !file) throw new PermanentJobError(`There is no import run ${String(payload?.runId)} with a file to read.`);
  if (run.status === 'done') return;
  await markRunning(ctx.db, runId);
  let last = 0;
  try {
    const report = await importWordPress(ctx, {
      file,
      displayName: run.fileName,
      dryRun: !!run.options.dryRun,
      splitKicker: run.options.splitKicker ?? null,
      regions: run.options.regions ?? [],
      mediaDir: null,
      mediaStore: deps.mediaStore ?? null,
      onProgress: (p) => {
        const t = Date.now();
        if (p.phase !== 'done' && t - last < 1000) return;
        last = t;
        void saveProgress(ctx.db, runId, p).catch(() => {});
      },
      heartbeat: () => extendJobLock(ctx.db, job.id, 5 * 60_000),
    });
    await finishRun(ctx, runId, report, report.error ? `line ${report.error.line}, column ${report.error.column}: ${report.error.message}` : null);
  } catch (err) {
    if (job.attempt >= job.maxAttempts) await finishRun(ctx, runId, null, (err as Error).message);
    throw err;
  }
  await rm(file, { force: true });
}
