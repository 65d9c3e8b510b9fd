// Row type of the jobs table. Times are ISO 8601 UTC strings on both engines.
import type { Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  type: string;
  /** JSON text. */
  payload: string;
  status: JobStatus;
  /** Runs started so far, counted when a run is claimed. */
  attempts: number;
  max_attempts: number;
  run_at: string;
  /** While running: after this instant the run is taken to have died and the job may be taken again. */
  locked_until: string | null;
  /** The last failure's message, scrubbed of addresses and credentials. */
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobsTables {
  jobs: JobsTable;
}
