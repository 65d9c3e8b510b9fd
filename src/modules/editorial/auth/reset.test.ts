// Password reset by emailed link: one hour, single use, ends every session; the request never tells who exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineName } from '../../../../test/db.js';
import type { TestApp } from '../../../../test/app.js';
import { addUser, authApp, call, count, mailedToken, mailRows, MINUTE, signIn, type TestUser } from './testing.js';

let t: TestApp;
let u: TestUser;
before(async () => {
  t = await authApp();
  u = await addUser(t, 'editor');
});
after(() => t.close());

test(`a reset link is mailed for a known address only, with the same 202 either way (${engineName})`, async () => {
  const known = await call(t, 'POST', 'password-reset', { body: { email: u.email.toUpperCase() } });
  const unknown = await call(t, 'POST', 'password-reset', { body: { email: 'nobody@example.org' } });
  assert.equal(known.statusCode, 202);
  assert.equal(unknown.statusCode, 202);
  assert.equal(known.body, unknown.body);
  const mails = await mailRows(t);
  assert.equal(mails.length, 1);
  assert.equal(mails[0]!.to, u.email);
  assert.match(mails[0]!.text, /http:\/\/news\.test\/admin\/reset\?token=[A-Za-z0-9_-]{43}\n/);
  const token = await mailedToken(t, u.email, '/admin/reset');
  const row = await t.ctx.db.selectFrom('password_resets').selectAll().executeTakeFirstOrThrow();
  assert.notEqual(row.token_hash, token, 'only the hash is stored');
  assert.equal(Date.parse(row.expires_at) - Date.parse(row.created_at), 60 * MINUTE);

  const bad = await call(t, 'POST', 'password-reset', { body: { email: 'no address' } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'email');
});

test(`using the link sets the password, ends every session, and works once (${engineName})`, async () => {
  const s1 = await signIn(t, u);
  const s2 = await signIn(t, u);
  await call(t, 'POST', 'password-reset', { body: { email: u.email } });
  const token = await mailedToken(t, u.email, '/admin/reset');

  const short = await call(t, 'POST', 'password-reset/confirm', { body: { token, password: 'short' } });
  assert.equal(short.statusCode, 400);
  assert.match(short.json().error.message, /at least 10 characters/);

  const ok = await call(t, 'POST', 'password-reset/confirm', { body: { token, password: 'a brand new password' } });
  assert.equal(ok.statusCode, 200, ok.body);
  for (const s of [s1, s2]) assert.equal((await call(t, 'GET', 'session', { cookie: s.cookie })).statusCode, 401);
  assert.equal((await call(t, 'POST', 'session', { body: { email: u.email, password: u.password } })).statusCode, 401);
  u.password = 'a brand new password';
  await signIn(t, u);

  const reuse = await call(t, 'POST', 'password-reset/confirm', { body: { token, password: 'yet another password' } });
  assert.equal(reuse.statusCode, 400);
  assert.match(reuse.json().error.message, /invalid, has expired or was already used/);
  assert.equal((await call(t, 'POST', 'password-reset/confirm', { body: { token: 'x', password: 'yet another password' } })).statusCode, 400);
});

test(`a link older than an hour is refused (${engineName})`, async () => {
  await call(t, 'POST', 'password-reset', { body: { email: u.email } });
  const token = await mailedToken(t, u.email, '/admin/reset');
  await t.ctx.db.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('used_at', 'is', null).execute();
  const r = await call(t, 'POST', 'password-reset/confirm', { body: { token, password: 'a password too late' } });
  assert.equal(r.statusCode, 400);
  await signIn(t, u);
});

test('requests past the limits send nothing more, still 202', async () => {
  const v = await addUser(t, 'author');
  const before = (await mailRows(t)).length;
  for (let i = 0; i < 5; i++) assert.equal((await call(t, 'POST', 'password-reset', { body: { email: v.email }, ip: '198.51.100.9' })).statusCode, 202);
  assert.equal((await mailRows(t)).length - before, 3, 'three per account per hour');
  assert.equal(await count(t, 'password_resets') >= 3, true);
});

test('the mail job writes the link into an .eml file', async () => {
  const w = await addUser(t, 'contributor');
  await call(t, 'POST', 'password-reset', { body: { email: w.email } });
  const token = await mailedToken(t, w.email, '/admin/reset');
  while ((await t.jobs.runDueJobs(t.ctx)) > 0);
  const dir = join(t.config.dataDir, 'mail');
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  const mine = files.map((f) => readFileSync(join(dir, f), 'utf8')).find((m) => m.includes(token));
  assert.ok(mine, 'an .eml holds the link');
  assert.match(mine, /^To: staff\d+\.contributor@example\.org$/m);
});
