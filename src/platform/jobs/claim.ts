// Taking due jobs so that no two workers ever hold the same run.
// PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED in a transaction, so concurrent workers pass over each other's rows.
// SQLite: one UPDATE … WHERE id IN (SELECT …) RETURNING; SQLite has one writer at a time, so the statement is atomic.
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Database, Db, Engine } from '../db/index.js';
import type { JobsTable } from './tables.js';

export type JobRow = Selectable<JobsTable>;

/** Queued and due, or running with a lock that expired (its worker died) and runs left. */
function due(types: string[], now: string) {
  return (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.and([
      eb('type', 'in', types),
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', now), eb('attempts', '<', eb.ref('max_attempts'))]),
      ]),
    ]);
}

export async function claimJobs(db: Db, engine: Engine, types: string[], limit: number, nowMs: number, lockMs: number): Promise<JobRow[]> {
  if (!types.length || limit < 1) return [];
  const now = new Date(nowMs).toISOString();
  const claim = {
    status: 'running' as const,
    locked_until: new Date(nowMs + lockMs).toISOString(),
    updated_at: now,
  };
  let rows: JobRow[];
  if (engine === 'postgres') {
    rows = await db.transaction().execute(async (trx) => {
      const picked = await trx.selectFrom('jobs').select('id').where(due(types, now)).orderBy('run_at').orderBy('id').limit(limit).forUpdate().skipLocked().execute();
      if (!picked.length) return [];
      return trx
        .updateTable('jobs')
        .set((eb) => ({ ...claim, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', picked.map((r) => r.id))
        .returningAll()
        .execute();
    });
  } else {
    // A read first: an idle poll then never takes SQLite's single write lock from the requests.
    if (!(await db.selectFrom('jobs').select('id').where(due(types, now)).limit(1).executeTakeFirst())) return [];
    rows = await db
      .updateTable('jobs')
      .set((eb) => ({ ...claim, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) => eb.selectFrom('jobs').select('id').where(due(types, now)).orderBy('run_at').orderBy('id').limit(limit))
      .returningAll()
      .execute();
  }
  return rows.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);
}
