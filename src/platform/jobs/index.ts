// The job queue's door: enqueue in the transaction of the change; a JobRunner takes and runs due jobs.
export { enqueue, extendJobLock, DEFAULT_MAX_ATTEMPTS, type EnqueueOptions } from './enqueue.js';
export { JobRunner, PermanentJobError, type JobHandler, type JobInfo, type JobLogger, type RunnerOptions, type Worker, type WorkerOptions } from './runner.js';
export { cleanUpJobs, KEEP_DONE_MS } from './cleanup.js';
export { retryDelayMs, scrubError } from './retry.js';
export type { JobsTable, JobsTables, JobStatus } from './tables.js';
