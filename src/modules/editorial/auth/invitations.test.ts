// Invitations: administrators invite by email; the link makes the account and signs in, once, within 7 days.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../../test/db.js';
import type { TestApp } from '../../../../test/app.js';
import { addUser, authApp, call, cookieOf, count, DAY, mailedToken, mailRows, signIn, type Signed } from './testing.js';

let t: TestApp;
let sa: Signed;
let se: Signed;
before(async () => {
  t = await authApp();
  sa = await signIn(t, await addUser(t, 'administrator'));
  se = await signIn(t, await addUser(t, 'editor'));
});
after(() => t.close());
const as = (s: Signed) => ({ cookie: s.cookie, csrf: s.csrf });

test(`an invitation is mailed, listed, accepted once, and signs the new member in (${engineName})`, async () => {
  assert.equal((await call(t, 'POST', 'invitations', { ...as(se), body: { email: 'new@example.org', role: 'author', name: 'New Person' } })).statusCode, 403);
  const res = await call(t, 'POST', 'invitations', { ...as(sa), body: { email: 'New@Example.org', role: 'author', name: 'New Person' } });
  assert.equal(res.statusCode, 201, res.body);
  const { id, expiresAt } = res.json().invitation;
  assert.ok(Math.abs(Date.parse(expiresAt) - Date.now() - 7 * DAY) < 60_000);
  const mail = (await mailRows(t)).at(-1)!;
  assert.equal(mail.to, 'new@example.org');
  assert.match(mail.text, /as an author/);
  const token = await mailedToken(t, 'new@example.org', '/admin/invite');
  const stored = await t.ctx.db.selectFrom('invitations').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
  assert.notEqual(stored.token_hash, token);

  const list = await call(t, 'GET', 'invitations', as(sa));
  assert.equal(list.statusCode, 200);
  assert.deepEqual(
    list.json().invitations.map((i: { id: number; email: string; role: string }) => [i.id, i.email, i.role]),
    [[id, 'new@example.org', 'author']],
  );
  assert.equal((await call(t, 'GET', 'invitations', as(se))).statusCode, 403);

  const short = await call(t, 'POST', 'invitations/accept', { body: { token, name: 'New Person', password: 'short' } });
  assert.equal(short.statusCode, 400);
  const before = await count(t, 'users');
  const ok = await call(t, 'POST', 'invitations/accept', { body: { token, name: 'Nova Person', password: 'my own password' } });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().staff.email, 'new@example.org');
  assert.equal(ok.json().staff.role, 'author');
  assert.equal(ok.json().staff.name, 'Nova Person');
  assert.equal((await call(t, 'GET', 'session', { cookie: cookieOf(ok) })).statusCode, 200);
  assert.equal(await count(t, 'users'), before + 1);

  const again = await call(t, 'POST', 'invitations/accept', { body: { token, name: 'Someone', password: 'my own password' } });
  assert.equal(again.statusCode, 400);
  assert.match(again.json().error.message, /invalid, has expired, was revoked or was already used/);
  assert.deepEqual((await call(t, 'GET', 'invitations', as(sa))).json().invitations, []);
  const dup = await call(t, 'POST', 'invitations', { ...as(sa), body: { email: 'new@example.org', role: 'editor', name: 'Again' } });
  assert.equal(dup.statusCode, 409);
});

test(`revoked and expired invitations do not work; a new one replaces the old (${engineName})`, async () => {
  await call(t, 'POST', 'invitations', { ...as(sa), body: { email: 'r@example.org', role: 'contributor', name: 'R' } });
  const first = await mailedToken(t, 'r@example.org', '/admin/invite');
  const res = await call(t, 'POST', 'invitations', { ...as(sa), body: { email: 'r@example.org', role: 'editor', name: 'R' } });
  const second = await mailedToken(t, 'r@example.org', '/admin/invite');
  assert.notEqual(first, second);
  assert.equal((await call(t, 'POST', 'invitations/accept', { body: { token: first, name: 'R', password: 'long enough pw' } })).statusCode, 400, 'replaced');

  const id = res.json().invitation.id;
  assert.equal((await call(t, 'DELETE', `invitations/${id}`, as(se))).statusCode, 403);
  assert.equal((await call(t, 'DELETE', `invitations/${id}`, { cookie: sa.cookie })).statusCode, 403, 'CSRF');
  assert.equal((await call(t, 'DELETE', `invitations/${id}`, as(sa))).statusCode, 204);
  assert.equal((await call(t, 'DELETE', `invitations/${id}`, as(sa))).statusCode, 404);
  assert.equal((await call(t, 'POST', 'invitations/accept', { body: { token: second, name: 'R', password: 'long enough pw' } })).statusCode, 400, 'revoked');

  await call(t, 'POST', 'invitations', { ...as(sa), body: { email: 'late@example.org', role: 'author', name: 'Late' } });
  const late = await mailedToken(t, 'late@example.org', '/admin/invite');
  await t.ctx.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('email', '=', 'late@example.org').execute();
  assert.equal((await call(t, 'POST', 'invitations/accept', { body: { token: late, name: 'Late', password: 'long enough pw' } })).statusCode, 400, 'expired');
  assert.equal(await t.ctx.db.selectFrom('users').select('id').where('email', 'in', ['r@example.org', 'late@example.org']).executeTakeFirst(), undefined);

  const bad = await call(t, 'POST', 'invitations', { ...as(sa), body: { email: 'x@example.org', role: 'boss', name: 'X' } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /role must be one of/);
  const missing = await call(t, 'POST', 'invitations', { ...as(sa), body: { email: 'x@example.org', role: 'author' } });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.message, 'name is required.');
});
