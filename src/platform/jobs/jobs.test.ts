// The job queue on the engine CI chose: outbox, single runs, retries, parallel runners, expired locks, the worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../db/index.js';
import { plainCtx, type Ctx } from '../context/index.js';
import { AppError } from '../http/errors.js';
import { createTestDb, engineName, type TestDb } from '../../../test/db.js';
import { enqueue, JobRunner, PermanentJobError, cleanUpJobs, retryDelayMs, scrubError, KEEP_DONE_MS } from './index.js';

async function withDb(fn: (t: TestDb, ctx: Ctx) => Promise<void>): Promise<void> {
  const t = await createTestDb();
  try {
    await fn(t, plainCtx(t.db, t.engine));
  } finally {
    await t.close();
  }
}

/** A clock the test moves; starts a little ahead so jobs enqueued just now are due. */
function clock() {
  const c = { t: Date.now() + 1000, now: () => c.t };
  return c;
}

async function job(t: TestDb, id: number) {
  return t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function jobCount(t: TestDb): Promise<number> {
  const r = await t.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

test(`enqueue in a transaction: rollback leaves no job, commit leaves one (${engineName})`, () =>
  withDb(async (t) => {
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await enqueue(trx, 'test.thing', { n: 1 });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.equal(await jobCount(t), 0);
    const id = await t.db.transaction().execute((trx) => enqueue(trx, 'test.thing', { n: 2 }, { maxAttempts: 3 }));
    const row = await job(t, id);
    assert.equal(row.type, 'test.thing');
    assert.deepEqual(JSON.parse(row.payload), { n: 2 });
    assert.equal(row.status, 'queued');
    assert.equal(row.attempts, 0);
    assert.equal(row.max_attempts, 3);
    assert.equal(await jobCount(t), 1);
  }));

test(`enqueue refuses bad input with a clear error and writes nothing (${engineName})`, () =>
  withDb(async (t) => {
    const bad: [string, unknown, object, string][] = [
      ['Not A Type', {}, {}, 'type'],
      ['test.thing', undefined, {}, 'payload'],
      ['test.thing', {}, { runAt: 'tomorrow' }, 'runAt'],
      ['test.thing', {}, { maxAttempts: 0 }, 'maxAttempts'],
      ['test.thing', 'x'.repeat(600 * 1024), {}, 'payload'],
    ];
    for (const [type, payload, opts, field] of bad) {
      await assert.rejects(enqueue(t.db, type, payload, opts), (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.code, 'BROADSIDE_E_BAD_INPUT');
        assert.equal(err.status, 400);
        assert.equal(err.field, field);
        return true;
      });
    }
    assert.equal(await jobCount(t), 0);
  }));

test(`a job runs once, with its payload, and is marked done (${engineName})`, () =>
  withDb(async (t, ctx) => {
    const c = clock();
    const runner = new JobRunner({ now: c.now });
    const seen: unknown[] = [];
    runner.register('test.once', async (payload, _ctx, info) => {
      seen.push({ payload, attempt: info.attempt });
    });
    const id = await enqueue(t.db, 'test.once', { hello: 'world' });
    assert.equal(await runner.runDueJobs(ctx), 1);
    assert.equal(await runner.runDueJobs(ctx), 0);
    assert.deepEqual(seen, [{ payload: { hello: 'world' }, attempt: 1 }]);
    const row = await job(t, id);
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 1);
    assert.equal(row.locked_until, null);
  }));

test(`a job waits for its runAt (${engineName})`, () =>
  withDb(async (t, ctx) => {
    const c = clock();
    const runner = new JobRunner({ now: c.now });
    let runs = 0;
    runner.register('test.later', async () => {
      runs++;
    });
    await enqueue(t.db, 'test.later', null, { runAt: new Date(c.t + 60_000).toISOString() });
    assert.equal(await runner.runDueJobs(ctx), 0);
    c.t += 60_000;
    assert.equal(await runner.runDueJobs(ctx), 1);
    assert.equal(runs, 1);
  }));

test(`a failing job retries with backoff, then ends failed with only a scrubbed message (${engineName})`, () =>
  withDb(async (t, ctx) => {
    const c = clock();
    const runner = new JobRunner({ now: c.now });
    let runs = 0;
    runner.register('test.fail', async () => {
      runs++;
      throw new Error(`550 <reader@example.org> rejected by smtp://user:secret@mail.example.org (run ${runs})`);
    });
    const id = await enqueue(t.db, 'test.fail', {}, { maxAttempts: 3 });

    assert.equal(await runner.runDueJobs(ctx), 1);
    let row = await job(t, id);
    assert.equal(row.status, 'queued');
    assert.equal(row.attempts, 1);
    assert.equal(Date.parse(row.run_at), c.t + 30_000);
    assert.match(row.last_error!, /run 1/);
    assert.doesNotMatch(row.last_error!, /reader@|example\.org>|secret/);

    c.t += 29_999;
    assert.equal(await runner.runDueJobs(ctx), 0, 'not before its backoff');
    c.t += 1;
    assert.equal(await runner.runDueJobs(ctx), 1);
    row = await job(t, id);
    assert.equal(row.status, 'queued');
    assert.equal(Date.parse(row.run_at), c.t + 60_000, 'the delay doubles');

    c.t += 60_000;
    assert.equal(await runner.runDueJobs(ctx), 1);
    row = await job(t, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 3);
    assert.match(row.last_error!, /run 3/);

    c.t += 24 * 3600_000;
    assert.equal(await runner.runDueJobs(ctx), 0, 'a failed job is not run again');
    assert.equal(runs, 3);
  }));

test('backoff doubles from 30 s and stops at 1 h; scrubbing keeps only the message', () => {
  assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000]);
  assert.equal(retryDelayMs(8), 3_600_000);
  assert.equal(retryDelayMs(50), 3_600_000);
  assert.equal(scrubError(new Error('Mailbox bob.smith+x@news.example.org full')), 'Mailbox [address] full');
  assert.equal(scrubError(new Error('cannot reach smtps://me:hunter2@smtp.example.org:465')), 'cannot reach smtps://[credentials]@smtp.example.org:465');
  assert.equal(scrubError({ email: 'a@b.c' }), 'Unknown error');
  assert.equal(scrubError(new Error('x'.repeat(2000))).length, 500);
});

test(`a PermanentJobError or a bad payload fails the job at once (${engineName})`, () =>
  withDb(async (t, ctx) => {
    const c = clock();
    const runner = new JobRunner({ now: c.now });
    runner.register('test.gone', async () => {
      throw new PermanentJobError('The comment was deleted.');
    });
    const id = await enqueue(t.db, 'test.gone', {});
    await runner.runDueJobs(ctx);
    const row = await job(t, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, 'The comment was deleted.');

    const broken = await enqueue(t.db, 'test.gone', {});
    await t.db.updateTable('jobs').set({ payload: '{not json' }).where('id', '=', broken).execute();
    await runner.runDueJobs(ctx);
    assert.equal((await job(t, broken)).status, 'failed');
    assert.match((await job(t, broken)).last_error!, /not valid JSON/);
  }));

test(`a runner takes only the job types it has handlers for (${engineName})`, () =>
  withDb(async (t, ctx) => {
    const runner = new JobRunner({ now: clock().now });
    runner.register('test.mine', async () => {});
    assert.throws(() => runner.register('test.mine', async () => {}), /already registered/);
    const other = await enqueue(t.db, 'test.other', {});
    const mine = await enqueue(t.db, 'test.mine', {});
    assert.equal(await runner.runDueJobs(ctx), 1);
    assert.equal((await job(t, mine)).status, 'done');
    assert.equal((await job(t, other)).status, 'queued');
  }));

test(`two runners on two connections never run the same job twice (${engineName})`, async () => {
  const t = await createTestDb();
  const second = openDatabase({ databaseUrl: t.databaseUrl, dataDir: t.dataDir });
  try {
    const runs = new Map<number, number>();
    const handler = async (_p: unknown, _c: Ctx, info: { id: number }) => {
      runs.set(info.id, (runs.get(info.id) ?? 0) + 1);
      await new Promise((r) => setImmediate(r)); // let the other runner in
    };
    const c = clock();
    const a = new JobRunner({ now: c.now });
    const b = new JobRunner({ now: c.now });
    a.register('test.count', handler);
    b.register('test.count', handler);
    for (let i = 0; i < 50; i++) await enqueue(t.db, 'test.count', { i });
    const loop = async (runner: JobRunner, ctx: Ctx) => {
      let total = 0;
      for (let n; (n = await runner.runDueJobs(ctx, 3)); ) total += n;
      return total;
    };
    const [byA, byB] = await Promise.all([loop(a, plainCtx(t.db, t.engine)), loop(b, plainCtx(second.db, second.engine))]);
    assert.equal(byA + byB, 50);
    assert.ok(byA > 0 && byB > 0, `both runners took jobs (${byA}, ${byB})`);
    assert.equal(runs.size, 50);
    assert.deepEqual([...new Set(runs.values())], [1]);
    const left = await t.db.selectFrom('jobs').select('id').where('status', '!=', 'done').execute();
    assert.deepEqual(left, []);
  } finally {
    await second.close();
    await t.close();
  }
});

test(`an expired lock is retaken, and the late first run cannot overwrite the outcome (${engineName})`, () =>
  withDb(async (t, ctx) => {
    const c = clock();
    let release!: () => void;
    const stuck = new JobRunner({ now: c.now, lockMs: 60_000 });
    stuck.register('test.slow', () => new Promise<void>((_, reject) => (release = () => reject(new Error('late failure')))));
    const healthy = new JobRunner({ now: c.now, lockMs: 60_000 });
    let healthyRuns = 0;
    healthy.register('test.slow', async () => {
      healthyRuns++;
    });
    const id = await enqueue(t.db, 'test.slow', {});
    const first = stuck.runDueJobs(ctx);
    // Wait until the stuck runner holds the job.
    for (let i = 0; i < 200 && (await job(t, id)).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal((await job(t, id)).status, 'running');

    assert.equal(await healthy.runDueJobs(ctx), 0, 'a held lock is respected');
    c.t += 60_000;
    assert.equal(await healthy.runDueJobs(ctx), 1, 'an expired lock is retaken');
    assert.equal(healthyRuns, 1);
    let row = await job(t, id);
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 2);

    release();
    await first;
    row = await job(t, id);
    assert.equal(row.status, 'done', 'the stale run did not requeue or fail the job');
    assert.equal(row.last_error, null);
  }));

test(`cleanup fails a run that died on its last attempt and deletes done jobs after 7 days (${engineName})`, () =>
  withDb(async (t, ctx) => {
    const c = clock();
    const stuck = new JobRunner({ now: c.now, lockMs: 60_000 });
    stuck.register('test.hang', () => new Promise<void>(() => {}));
    const lastTry = await enqueue(t.db, 'test.hang', {}, { maxAttempts: 1 });
    void stuck.runDueJobs(ctx);
    for (let i = 0; i < 200 && (await job(t, lastTry)).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 5));

    const runner = new JobRunner({ now: c.now });
    runner.register('test.hang', async () => {});
    runner.register('test.quick', async () => {});
    const quick = await enqueue(t.db, 'test.quick', {});
    assert.equal(await runner.runDueJobs(ctx), 1, 'only the quick job: the hung one is locked');
    c.t += 60_000;
    assert.equal(await runner.runDueJobs(ctx), 0, 'no attempts left: not retaken');
    assert.deepEqual(await cleanUpJobs(t.db, c.t), { deleted: 0, abandoned: 1 });
    const dead = await job(t, lastTry);
    assert.equal(dead.status, 'failed');
    assert.match(dead.last_error!, /lock expired/);

    assert.deepEqual(await cleanUpJobs(t.db, c.t + KEEP_DONE_MS - 120_000), { deleted: 0, abandoned: 0 });
    assert.deepEqual(await cleanUpJobs(t.db, c.t + KEEP_DONE_MS), { deleted: 1, abandoned: 0 });
    assert.equal(await t.db.selectFrom('jobs').select('id').where('id', '=', quick).executeTakeFirst(), undefined);
    assert.equal((await job(t, lastTry)).status, 'failed', 'failed jobs are kept');
  }));

test(`the worker runs jobs as they come, and stop() waits for running ones (${engineName})`, () =>
  withDb(async (t, ctx) => {
    const runner = new JobRunner();
    const done: number[] = [];
    let slowStarted = false;
    let slowFinished = false;
    runner.register('test.fast', async (p: { i: number }) => {
      done.push(p.i);
    });
    runner.register('test.slow', async () => {
      slowStarted = true;
      await new Promise((r) => setTimeout(r, 200));
      slowFinished = true;
    });
    const worker = runner.startWorker(ctx, { pollMs: 20, concurrency: 3 });
    try {
      for (let i = 0; i < 10; i++) await enqueue(t.db, 'test.fast', { i });
      for (let i = 0; i < 500 && done.length < 10; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual([...done].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      await enqueue(t.db, 'test.slow', {});
      for (let i = 0; i < 500 && !slowStarted; i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(slowStarted);
    } finally {
      await worker.stop();
    }
    assert.ok(slowFinished, 'stop() waited for the running job');
    await enqueue(t.db, 'test.fast', { i: 99 });
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(!done.includes(99), 'a stopped worker takes nothing');
    const statuses = await t.db.selectFrom('jobs').select('status').where('type', '=', 'test.slow').execute();
    assert.deepEqual(statuses, [{ status: 'done' }]);
  }));
