// Migration 0005_article_admin over a database that already holds articles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engineName } from '../../../../test/db.js';
import { migrateToLatest, migrations } from '../../../platform/db/migrate.js';

test(`0005 gives existing articles revision 1 and no trash date; revisions and keys behave (${engineName})`, async () => {
  const t = await createTestDb({ migrate: false });
  try {
    const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0005_article_admin'));
    await migrateToLatest(t.db, earlier);
    const now = new Date().toISOString();
    const db = t.db as unknown as import('kysely').Kysely<any>;
    const row = await db
      .insertInto('articles')
      .values({ slug: 'old', headline: 'Old', status: 'draft', updated_at: now, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.deepEqual(await migrateToLatest(t.db), Object.keys(migrations).filter((n) => n >= '0005_article_admin').sort());

    const a = await t.db.selectFrom('articles').select(['revision', 'trashed_at']).where('id', '=', Number(row.id)).executeTakeFirstOrThrow();
    assert.equal(Number(a.revision), 1);
    assert.equal(a.trashed_at, null);

    await t.db.insertInto('revisions').values({ article_id: Number(row.id), kind: 'save', revision: 1, author_user_id: null, author_name: '', fields: '{}', created_at: now }).execute();
    await assert.rejects(
      t.db.insertInto('revisions').values({ article_id: Number(row.id), kind: 'draft' as 'save', revision: 1, author_user_id: null, author_name: '', fields: '{}', created_at: now }).execute(),
      'an unknown kind is refused',
    );
    await t.db.deleteFrom('articles').where('id', '=', Number(row.id)).execute();
    assert.equal((await t.db.selectFrom('revisions').select('id').execute()).length, 0, 'revisions go with their article');

    await t.db.insertInto('api_keys').values({ name: 'a', key_hash: 'h', key_prefix: 'bsk_', created_at: now }).execute();
    await assert.rejects(t.db.insertInto('api_keys').values({ name: 'b', key_hash: 'h', key_prefix: 'bsk_', created_at: now }).execute(), 'key hashes are unique');
  } finally {
    await t.close();
  }
});
