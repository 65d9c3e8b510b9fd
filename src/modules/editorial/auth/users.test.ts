// Staff accounts: who may list and change them, owner protections, ownership transfer, own password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../../test/db.js';
import type { TestApp } from '../../../../test/app.js';
import { addUser, authApp, call, count, signIn, type Signed, type TestUser } from './testing.js';

let t: TestApp;
let owner: TestUser, admin: TestUser, editor: TestUser, author: TestUser, contributor: TestUser;
let so: Signed, sa: Signed, se: Signed;
before(async () => {
  t = await authApp();
  owner = await addUser(t, 'owner');
  admin = await addUser(t, 'administrator');
  editor = await addUser(t, 'editor');
  author = await addUser(t, 'author');
  contributor = await addUser(t, 'contributor');
  so = await signIn(t, owner);
  sa = await signIn(t, admin);
  se = await signIn(t, editor);
});
after(() => t.close());

const as = (s: Signed) => ({ cookie: s.cookie, csrf: s.csrf });
const roleOf = async (id: number) => (await t.ctx.db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirstOrThrow()).role;

test(`only administrators list staff, and no secret is listed (${engineName})`, async () => {
  const denied = await call(t, 'GET', 'users', as(se));
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json().error.code, 'BROADSIDE_E_FORBIDDEN');
  const res = await call(t, 'GET', 'users', as(sa));
  assert.equal(res.statusCode, 200);
  const users = res.json().users as Record<string, unknown>[];
  assert.equal(users.length, 5);
  assert.deepEqual(Object.keys(users[0]!).sort(), ['authorId', 'createdAt', 'disabledAt', 'email', 'id', 'name', 'role', 'totpEnabled']);
  assert.doesNotMatch(res.body, /scrypt|password|totp_secret/);
});

test('a second owner cannot be made, by any road', async () => {
  await assert.rejects(addUser(t, 'owner'), /already an owner/);
  const promote = await call(t, 'PATCH', `users/${editor.id}`, { ...as(so), body: { role: 'owner' } });
  assert.equal(promote.statusCode, 403);
  assert.match(promote.json().error.message, /handed over by the owner/);
  const invite = await call(t, 'POST', 'invitations', { ...as(so), body: { email: 'x@example.org', role: 'owner', name: 'X' } });
  assert.equal(invite.statusCode, 400);
  const owners = await t.ctx.db.selectFrom('users').select('id').where('role', '=', 'owner').execute();
  assert.equal(owners.length, 1);
});

test('the owner is never demoted, disabled or removed', async () => {
  for (const [who, body] of [
    [sa, { role: 'administrator' }],
    [sa, { disabled: true }],
    [so, { role: 'editor' }],
    [so, { disabled: true }],
    [sa, { name: 'Renamed by admin' }],
  ] as const) {
    const r = await call(t, 'PATCH', `users/${owner.id}`, { ...as(who), body });
    assert.equal(r.statusCode, 403, JSON.stringify(body));
    assert.equal(r.json().error.code, 'BROADSIDE_E_FORBIDDEN');
  }
  const del = await call(t, 'DELETE', `users/${owner.id}`, as(sa));
  assert.equal(del.statusCode, 403);
  assert.match(del.json().error.message, /owner cannot be removed/);
  assert.equal(await roleOf(owner.id), 'owner');
  const rename = await call(t, 'PATCH', `users/${owner.id}`, { ...as(so), body: { name: 'The Owner' } });
  assert.equal(rename.statusCode, 200, 'the owner may rename themselves');
  assert.equal(rename.json().user.name, 'The Owner');
});

test(`administrators change roles and disable accounts; disabling ends sessions (${engineName})`, async () => {
  const editorsOnly = await call(t, 'PATCH', `users/${author.id}`, { ...as(se), body: { role: 'editor' } });
  assert.equal(editorsOnly.statusCode, 403);
  const self = await call(t, 'PATCH', `users/${admin.id}`, { ...as(sa), body: { role: 'editor' } });
  assert.equal(self.statusCode, 403);
  assert.match(self.json().error.message, /own role/);

  const up = await call(t, 'PATCH', `users/${contributor.id}`, { ...as(sa), body: { role: 'author' } });
  assert.equal(up.statusCode, 200, up.body);
  assert.equal(up.json().user.role, 'author');
  assert.equal(await roleOf(contributor.id), 'author');

  const sc = await signIn(t, contributor);
  const off = await call(t, 'PATCH', `users/${contributor.id}`, { ...as(sa), body: { disabled: true } });
  assert.equal(off.statusCode, 200);
  assert.ok(off.json().user.disabledAt);
  assert.equal((await call(t, 'GET', 'session', { cookie: sc.cookie })).statusCode, 401);
  const login = await call(t, 'POST', 'session', { body: { email: contributor.email, password: contributor.password } });
  assert.equal(login.statusCode, 403);
  assert.match(login.json().error.message, /disabled/);
  assert.equal((await call(t, 'PATCH', `users/${contributor.id}`, { ...as(sa), body: { disabled: false } })).statusCode, 200);
  await signIn(t, contributor);

  const bad: [string, unknown, number, RegExp][] = [
    [`users/${author.id}`, { role: 'chief' }, 400, /role must be one of/],
    [`users/${author.id}`, {}, 400, /Nothing to change/],
    [`users/${author.id}`, { disabled: 'yes' }, 400, /disabled must be a boolean/],
    [`users/${author.id}`, { email: 'new@example.org' }, 400, /Unknown field "email"/],
    [`users/abc`, { name: 'X' }, 400, /id must be a positive whole number/],
    [`users/999999`, { name: 'X' }, 404, /No staff account/],
  ];
  for (const [url, body, status, re] of bad) {
    const r = await call(t, 'PATCH', url, { ...as(sa), body });
    assert.equal(r.statusCode, status, `${url} ${JSON.stringify(body)}: ${r.body}`);
    assert.match(r.json().error.message, re);
  }
});

test(`removing an account ends its sessions and keeps its byline (${engineName})`, async () => {
  const victim = await addUser(t, 'author');
  const sv = await signIn(t, victim);
  assert.equal((await call(t, 'DELETE', `users/${victim.id}`, as(se))).statusCode, 403);
  assert.equal((await call(t, 'DELETE', `users/${admin.id}`, as(sa))).statusCode, 403, 'not oneself');
  const del = await call(t, 'DELETE', `users/${victim.id}`, as(sa));
  assert.equal(del.statusCode, 204);
  assert.equal((await call(t, 'GET', 'session', { cookie: sv.cookie })).statusCode, 401);
  assert.ok(await t.ctx.db.selectFrom('authors').select('id').where('id', '=', victim.authorId).executeTakeFirst(), 'the byline stays');
  assert.equal((await call(t, 'DELETE', `users/${victim.id}`, as(sa))).statusCode, 404);
});

test(`changing one's password keeps this session and ends the others (${engineName})`, async () => {
  const me = await addUser(t, 'contributor');
  const here = await signIn(t, me);
  const there = await signIn(t, me);
  const wrong = await call(t, 'POST', 'users/me/password', { ...as(here), body: { current: 'not my password', next: 'my new password!' } });
  assert.equal(wrong.statusCode, 403);
  assert.equal(wrong.json().error.field, 'current');
  const short = await call(t, 'POST', 'users/me/password', { ...as(here), body: { current: me.password, next: 'short' } });
  assert.equal(short.statusCode, 400);
  assert.equal(short.json().error.field, 'next');
  const ok = await call(t, 'POST', 'users/me/password', { ...as(here), body: { current: me.password, next: 'my new password!' } });
  assert.equal(ok.statusCode, 204, ok.body);
  assert.equal((await call(t, 'GET', 'session', { cookie: here.cookie })).statusCode, 200);
  assert.equal((await call(t, 'GET', 'session', { cookie: there.cookie })).statusCode, 401);
  await signIn(t, { email: me.email, password: 'my new password!' });
});

test(`only the owner hands over ownership, and then is an administrator (${engineName})`, async () => {
  assert.equal((await call(t, 'POST', 'ownership', { ...as(sa), body: { userId: admin.id } })).statusCode, 403);
  assert.equal((await call(t, 'POST', 'ownership', { ...as(so), body: { userId: owner.id } })).statusCode, 400);
  assert.equal((await call(t, 'POST', 'ownership', { ...as(so), body: { userId: 987654 } })).statusCode, 404);
  assert.equal((await call(t, 'POST', 'ownership', { ...as(so), body: { userId: String(admin.id) } })).statusCode, 400, 'no coercion');
  const ok = await call(t, 'POST', 'ownership', { ...as(so), body: { userId: admin.id } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(await roleOf(admin.id), 'owner');
  assert.equal(await roleOf(owner.id), 'administrator');
  assert.equal((await call(t, 'GET', 'session', as(so))).json().staff.role, 'administrator', 'live sessions see the new role');
  // The new owner may now demote the old one; the old one cannot touch the new.
  assert.equal((await call(t, 'PATCH', `users/${admin.id}`, { ...as(so), body: { role: 'editor' } })).statusCode, 403);
  assert.equal((await call(t, 'PATCH', `users/${owner.id}`, { ...as(sa), body: { role: 'editor' } })).statusCode, 200);
  assert.equal((await call(t, 'GET', 'users', as(so))).statusCode, 403, 'an editor now');
  assert.equal(await count(t, 'users'), 6);
});
