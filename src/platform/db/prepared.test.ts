import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDb, engineName } from '../../../test/db.js';
import { runPrepared } from './index.js';

test(`runPrepared gives the rows Kysely would, in or out of a transaction (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    const q = (n: number) => sql<{ n: number; s: string }>`select ${n} + 1 as n, ${"o'clock; --"} as s`.compile(t.db);
    for (const n of [1, 2, 3]) assert.deepEqual((await runPrepared(t.db, q(n))).map((r) => [Number(r.n), r.s]), [[n + 1, "o'clock; --"]]);
    await t.db.transaction().execute(async (trx) => {
      assert.deepEqual((await runPrepared(trx, sql<{ n: number }>`select ${5} + 1 as n`.compile(trx))).map((r) => Number(r.n)), [6]);
    });
    await assert.rejects(runPrepared(t.db, sql`select * from no_such_table`.compile(t.db)), /no_such_table|does not exist/);
  } finally {
    await t.close();
  }
});

test(`runPrepared prepares each text once per connection, and no more than 64 texts (${engineName})`, { skip: engineName !== 'postgres' && 'named prepared statements are PostgreSQL only' }, async () => {
  const t = await createTestDb();
  try {
    // The statement sees itself among its session's prepared statements.
    const mine = sql<{ name: string }>`select name from pg_prepared_statements where statement like ${'select name from pg_prepared_statements%'}`.compile(t.db);
    const first = await runPrepared(t.db, mine);
    assert.match(first[0]!.name, /^broadside_\d+$/);
    assert.deepEqual(await runPrepared(t.db, mine), first, 'the same name the second time');
    // Many different texts: each answered, but the session holds at most 64 of them.
    for (let i = 0; i < 80; i++) assert.equal(Number((await runPrepared(t.db, sql<{ n: number }>`select ${sql.raw(String(i))} as n`.compile(t.db)))[0]!.n), i);
    const held = await runPrepared(t.db, sql<{ n: number }>`select count(*) as n from pg_prepared_statements`.compile(t.db));
    assert.ok(Number(held[0]!.n) <= 64, `${held[0]!.n} prepared`);
  } finally {
    await t.close();
  }
});
