// Housekeeping the worker does now and then.
import type { Db } from '../db/index.js';

export const KEEP_DONE_MS = 7 * 24 * 60 * 60_000;

/** Deletes done jobs older than 7 days; marks as failed the runs whose worker died on their last attempt. */
export async function cleanUpJobs(db: Db, nowMs = Date.now()): Promise<{ deleted: number; abandoned: number }> {
  const now = new Date(nowMs).toISOString();
  const deleted = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('updated_at', '<', new Date(nowMs - KEEP_DONE_MS).toISOString())
    .executeTakeFirst();
  const abandoned = await db
    .updateTable('jobs')
    .set({ status: 'failed', locked_until: null, updated_at: now, last_error: 'The worker stopped during the last attempt (lock expired).' })
    .where('status', '=', 'running')
    .where('locked_until', '<=', now)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst();
  return { deleted: Number(deleted.numDeletedRows), abandoned: Number(abandoned.numUpdatedRows) };
}
