import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engineName } from '../../../test/db.js';
import { insertRows } from './bulk.js';

test(`insertRows writes every row, in statements of the size asked, with values bound as they are (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    const now = '2025-05-14T08:00:00.000Z';
    const rows = Array.from({ length: 7 }, (_, i) => ({ from_path: `/old/${i}/'; drop table redirects; --`, to_path: i % 2 ? `/new/${i}/` : null, status: i % 2 ? 301 : 410, created_at: now }));
    await insertRows(t.db, t.engine, 'redirects', rows, 3);
    const stored = await t.db.selectFrom('redirects').select(['from_path', 'to_path', 'status', 'created_at']).orderBy('from_path').execute();
    assert.deepEqual(
      stored.map((r) => ({ ...r, status: Number(r.status) })),
      rows,
    );
    await insertRows(t.db, t.engine, 'redirects', [], 3);
    assert.equal((await t.db.selectFrom('redirects').select('from_path').execute()).length, 7, 'no rows: nothing done');
  } finally {
    await t.close();
  }
});

test(`insertRows refuses a row without a value or with other columns, and writes nothing of that statement (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    const now = '2025-05-14T08:00:00.000Z';
    await assert.rejects(
      insertRows(t.db, t.engine, 'redirects', [{ from_path: '/a/', to_path: '/b/', status: 301, created_at: now }, { from_path: '/c/', to_path: undefined as unknown as string, status: 301, created_at: now }], 10),
      /the column to_path has no value/,
    );
    await assert.rejects(
      insertRows(t.db, t.engine, 'redirects', [{ from_path: '/a/', to_path: '/b/', status: 301, created_at: now }, { from_path: '/c/', to_path: '/d/', status: 301, created_at: now, extra: 1 } as never], 10),
      /the rows do not all have the same columns/,
    );
    assert.equal((await t.db.selectFrom('redirects').select('from_path').execute()).length, 0);
  } finally {
    await t.close();
  }
});
