// Holds the job handlers and runs due jobs: once (runDueJobs) or continuously (startWorker).
import type { Ctx } from '../context/index.js';
import { claimJobs, type JobRow } from './claim.js';
import { cleanUpJobs } from './cleanup.js';
import { retryDelayMs, scrubError } from './retry.js';

export interface JobInfo {
  id: number;
  type: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<P = any> = (payload: P, ctx: Ctx, job: JobInfo) => Promise<void>;

/** Thrown by a handler when running again cannot help (bad payload, the thing is gone): no retries. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** What the runner logs through: pino and Fastify's logger fit. Never given addresses or payloads. */
export interface JobLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RunnerOptions {
  logger?: JobLogger;
  /** Epoch ms; tests move it to reach retries without waiting. */
  now?: () => number;
  /** How long a run may take before another worker may take the job again. */
  lockMs?: number;
}

export interface WorkerOptions {
  /** How often to look for due jobs when idle. */
  pollMs?: number;
  /** Jobs run at once by this worker. */
  concurrency?: number;
}

export interface Worker {
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
}

const quiet: JobLogger = { debug() {}, warn() {}, error() {} };
const CLEANUP_EVERY_MS = 60_000;

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly log: JobLogger;
  private readonly now: () => number;
  private readonly lockMs: number;

  constructor(opts: RunnerOptions = {}) {
    this.log = opts.logger ?? quiet;
    this.now = opts.now ?? Date.now;
    this.lockMs = opts.lockMs ?? 5 * 60_000;
  }

  register<P>(type: string, handler: JobHandler<P>): void {
    if (this.handlers.has(type)) throw new Error(`A handler for job type "${type}" is already registered.`);
    this.handlers.set(type, handler as JobHandler);
  }

  /** Job types this runner can run; it takes only these, so a process without a handler leaves the job to one that has it. */
  get types(): string[] {
    return [...this.handlers.keys()];
  }

  /** Takes up to `limit` due jobs, runs them at once, and resolves when all are done. Returns how many ran. */
  async runDueJobs(ctx: Ctx, limit = 10): Promise<number> {
    const jobs = await claimJobs(ctx.db, ctx.engine, this.types, limit, this.now(), this.lockMs);
    await Promise.all(jobs.map((job) => this.run(ctx, job)));
    return jobs.length;
  }

  startWorker(ctx: Ctx, opts: WorkerOptions = {}): Worker {
    const pollMs = opts.pollMs ?? 1000;
    const concurrency = opts.concurrency ?? 4;
    const running = new Set<Promise<void>>();
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let polling: Promise<void> | null = null;
    let pollAgain = false;
    let lastCleanup = -Infinity;

    const wake = (ms: number) => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(tick, ms);
    };

    // Returns true when more jobs may be due right away.
    const poll = async (): Promise<boolean> => {
      const free = concurrency - running.size;
      if (free <= 0) return false;
      let jobs: JobRow[] = [];
      try {
        if (this.now() - lastCleanup >= CLEANUP_EVERY_MS) {
          lastCleanup = this.now();
          await cleanUpJobs(ctx.db, lastCleanup);
        }
        jobs = await claimJobs(ctx.db, ctx.engine, this.types, free, this.now(), this.lockMs);
      } catch (err) {
        this.log.error({ error: scrubError(err) }, 'could not take jobs');
        return false;
      }
      for (const job of jobs) {
        const p: Promise<void> = this.run(ctx, job).finally(() => {
          running.delete(p);
          wake(0);
        });
        running.add(p);
      }
      return jobs.length === free;
    };

    const tick = () => {
      timer = null;
      if (stopped) return;
      if (polling) {
        pollAgain = true;
        return;
      }
      polling = poll().then((more) => {
        polling = null;
        const again = more || pollAgain;
        pollAgain = false;
        wake(again ? 0 : pollMs);
      });
    };

    wake(0);
    return {
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        timer = null;
        await polling;
        await Promise.allSettled([...running]);
      },
    };
  }

  /** Runs one claimed job and records the outcome. Never throws: if recording fails, the lock expires and the job is taken again. */
  private async run(ctx: Ctx, job: JobRow): Promise<void> {
    const info: JobInfo = { id: job.id, type: job.type, attempt: job.attempts, maxAttempts: job.max_attempts };
    const handler = this.handlers.get(job.type)!;
    let failure: unknown = null;
    try {
      let payload: unknown;
      try {
        payload = JSON.parse(job.payload);
      } catch {
        throw new PermanentJobError('The job payload is not valid JSON.');
      }
      await handler(payload, ctx, info);
    } catch (err) {
      failure = err ?? new Error('Unknown error');
    }
    try {
      // The attempts match guards against a run that outlived its lock and was taken again meanwhile.
      const mine = ctx.db.updateTable('jobs').where('id', '=', job.id).where('status', '=', 'running').where('attempts', '=', job.attempts);
      const now = this.now();
      if (failure === null) {
        await mine.set({ status: 'done', locked_until: null, last_error: null, updated_at: new Date(now).toISOString() }).execute();
        this.log.debug({ jobId: job.id, type: job.type, attempt: info.attempt }, 'job done');
        return;
      }
      const error = scrubError(failure);
      const final = failure instanceof PermanentJobError || job.attempts >= job.max_attempts;
      await mine
        .set({
          status: final ? 'failed' : 'queued',
          locked_until: null,
          last_error: error,
          run_at: final ? new Date(now).toISOString() : new Date(now + retryDelayMs(job.attempts)).toISOString(),
          updated_at: new Date(now).toISOString(),
        })
        .execute();
      this.log.warn({ jobId: job.id, type: job.type, attempt: info.attempt, final, error }, final ? 'job failed for good' : 'job failed; will retry');
    } catch (err) {
      this.log.error({ jobId: job.id, type: job.type, error: scrubError(err) }, 'could not record the outcome of a job');
    }
  }
}
