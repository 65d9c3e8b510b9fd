// Adds a job. Pass the transaction of the change that causes the job: both commit or neither does (outbox).
import type { Db } from '../db/index.js';
import { badInput } from '../http/errors.js';

export interface EnqueueOptions {
  /** ISO 8601 instant; now when absent. */
  runAt?: string;
  /** Runs before the job is given up as failed; default 8. */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
const MAX_PAYLOAD_BYTES = 512 * 1024;

export async function enqueue(db: Db, type: string, payload: unknown, opts: EnqueueOptions = {}, now = new Date()): Promise<number> {
  if (!/^[a-z][a-z0-9_.-]{0,99}$/.test(type)) throw badInput('A job type is 1 to 100 lowercase letters, digits, dots, hyphens or underscores.', 'type');
  const json = JSON.stringify(payload);
  if (json === undefined) throw badInput('A job payload must be a JSON value.', 'payload');
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) throw badInput('A job payload may be at most 512 KiB of JSON.', 'payload');
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) throw badInput('maxAttempts must be a whole number from 1 to 100.', 'maxAttempts');
  let runAt = now.toISOString();
  if (opts.runAt !== undefined) {
    const t = Date.parse(opts.runAt);
    if (Number.isNaN(t)) throw badInput('runAt must be an ISO 8601 date and time.', 'runAt');
    // One text form on SQLite, where times compare as strings.
    runAt = new Date(t).toISOString();
  }
  const stamp = now.toISOString();
  const row = await db
    .insertInto('jobs')
    .values({ type, payload: json, status: 'queued', attempts: 0, max_attempts: maxAttempts, run_at: runAt, created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A long job (an import) keeps its claim: another worker takes it over only once this stops being called. */
export async function extendJobLock(db: Db, jobId: number, ms: number, now = Date.now()): Promise<void> {
  await db.updateTable('jobs').set({ locked_until: new Date(now + ms).toISOString() }).where('id', '=', jobId).where('status', '=', 'running').execute();
}
