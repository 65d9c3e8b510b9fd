// First run: the owner is made once, through the API or the CLI, and never again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../../test/db.js';
import { authApp, call, cookieOf, count } from './testing.js';

test(`setup makes the owner once, signs them in, then answers 409 (${engineName})`, async () => {
  const t = await authApp();
  try {
    assert.deepEqual((await call(t, 'GET', 'setup')).json(), { needsOwner: true });

    const bad = await call(t, 'POST', 'setup', { body: { email: 'boss@example.org', name: 'The Boss', password: 'short' } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error, { code: 'BROADSIDE_E_BAD_INPUT', message: 'The password must be at least 10 characters long.', field: 'password' });
    const badEmail = await call(t, 'POST', 'setup', { body: { email: 'not-an-address', name: 'The Boss', password: 'long enough password' } });
    assert.equal(badEmail.statusCode, 400);
    assert.equal(badEmail.json().error.field, 'email');
    const badName = await call(t, 'POST', 'setup', { body: { email: 'boss@example.org', name: 'Line\nbreak', password: 'long enough password' } });
    assert.equal(badName.statusCode, 400);
    assert.equal(await count(t, 'users'), 0, 'nothing half-written');
    assert.equal(await count(t, 'authors'), 0);

    const ok = await call(t, 'POST', 'setup', { body: { email: ' Boss@Example.org ', name: 'The Boss', password: 'long enough password' } });
    assert.equal(ok.statusCode, 201, ok.body);
    const { staff, csrfToken } = ok.json();
    assert.equal(staff.role, 'owner');
    assert.equal(staff.email, 'boss@example.org', 'stored lowercased and trimmed');
    assert.ok(csrfToken);
    const me = await call(t, 'GET', 'session', { cookie: cookieOf(ok) });
    assert.equal(me.json().staff.id, staff.id);
    const author = await t.ctx.db.selectFrom('authors').selectAll().where('id', '=', staff.authorId).executeTakeFirstOrThrow();
    assert.equal(author.name, 'The Boss');
    assert.equal(author.slug, 'the-boss');

    assert.deepEqual((await call(t, 'GET', 'setup')).json(), { needsOwner: false });
    const again = await call(t, 'POST', 'setup', { body: { email: 'other@example.org', name: 'Other', password: 'long enough password' } });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'BROADSIDE_E_CONFLICT');
    assert.match(again.json().error.message, /Setup is already done/);
    assert.equal(await count(t, 'users'), 1);
  } finally {
    await t.close();
  }
});

test(`two setups at once make one owner (${engineName})`, async () => {
  const t = await authApp();
  try {
    const results = await Promise.all(
      [1, 2, 3].map((i) => call(t, 'POST', 'setup', { body: { email: `boss${i}@example.org`, name: `Boss ${i}`, password: 'long enough password' } })),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409]);
    assert.equal(await count(t, 'users'), 1);
  } finally {
    await t.close();
  }
});
