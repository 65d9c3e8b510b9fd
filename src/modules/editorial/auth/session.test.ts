// Signing in and out through the API: cookies, expiry, sign-out everywhere, rate limits, CSRF, bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { engineName } from '../../../../test/db.js';
import type { TestApp } from '../../../../test/app.js';
import { requireStaff } from '../index.js';
import { addUser, ago, authApp, call, cookieOf, count, DAY, MINUTE, signIn, type TestUser } from './testing.js';

let t: TestApp;
let owner: TestUser;
let editor: TestUser;
let author: TestUser;

before(async () => {
  t = await authApp();
  // A route of another module, gated the way it would be.
  t.app.get('/api/admin/test/editors', { preHandler: requireStaff('editor') }, async (req) => ({ staff: req.staff }));
  t.app.post('/api/admin/test/editors', { preHandler: requireStaff('editor') }, async (req) => ({ ok: req.staff!.id }));
  owner = await addUser(t, 'owner');
  editor = await addUser(t, 'editor');
  author = await addUser(t, 'author');
});
after(() => t.close());

const sessionRow = (cookie: string) =>
  t.ctx.db.selectFrom('sessions').selectAll().where('id', '=', createHash('sha256').update(cookie.split('=')[1]!).digest('hex')).executeTakeFirst();

test(`sign-in sets a hardened cookie and the session answers (${engineName})`, async () => {
  const res = await call(t, 'POST', 'session', { body: { email: editor.email.toUpperCase(), password: editor.password }, headers: { 'user-agent': 'TestBrowser/1' } });
  assert.equal(res.statusCode, 200, res.body);
  const setCookie = String(res.headers['set-cookie']);
  assert.match(setCookie, /^broadside_session=[A-Za-z0-9_-]{43}; /);
  assert.match(setCookie, /; HttpOnly/);
  assert.match(setCookie, /; SameSite=Lax/);
  assert.match(setCookie, /; Path=\//);
  assert.match(setCookie, /; Max-Age=2592000/);
  assert.doesNotMatch(setCookie, /Secure/, 'no Secure flag over http');
  assert.equal(res.headers['cache-control'], 'no-store');
  const body = res.json();
  assert.deepEqual(body.staff, { id: editor.id, name: editor.name, email: editor.email, role: 'editor', authorId: editor.authorId, totpEnabled: false });
  assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);

  const cookie = cookieOf(res);
  const row = await sessionRow(cookie);
  assert.ok(row, 'the row id is the SHA-256 of the token');
  assert.notEqual(row.id, cookie.split('=')[1], 'the token itself is not stored');
  assert.equal(row.user_agent, 'TestBrowser/1');
  assert.equal(row.csrf_token, body.csrfToken);
  assert.ok(Date.parse(row.expires_at) - Date.parse(row.created_at) === 30 * DAY);

  const again = await call(t, 'GET', 'session', { cookie });
  assert.equal(again.statusCode, 200);
  assert.deepEqual(again.json(), body);
});

test('the cookie is Secure when config.secureCookies is on', async () => {
  const s = await authApp({ baseUrl: 'https://news.test', secureCookies: true });
  try {
    const u = await addUser(s, 'author');
    const res = await call(s, 'POST', 'session', { body: { email: u.email, password: u.password } });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['set-cookie']), /; Secure/);
  } finally {
    await s.close();
  }
});

test('a wrong password and an unknown email get the same answer', async () => {
  const wrong = await call(t, 'POST', 'session', { body: { email: author.email, password: 'not the password' }, ip: '10.0.0.1' });
  const unknown = await call(t, 'POST', 'session', { body: { email: 'nobody@example.org', password: 'not the password' }, ip: '10.0.0.1' });
  for (const r of [wrong, unknown]) {
    assert.equal(r.statusCode, 401);
    assert.equal(r.headers['set-cookie'], undefined);
  }
  assert.equal(wrong.body, unknown.body);
  assert.deepEqual(wrong.json(), { error: { code: 'BROADSIDE_E_UNAUTHENTICATED', message: 'The email address or password is wrong.' } });
});

test('without a session: 401 JSON; with a dead cookie: 401 and the cookie is cleared', async () => {
  const none = await call(t, 'GET', 'session');
  assert.equal(none.statusCode, 401);
  assert.equal(none.json().error.code, 'BROADSIDE_E_UNAUTHENTICATED');
  const dead = await call(t, 'GET', 'session', { cookie: `broadside_session=${'A'.repeat(43)}` });
  assert.equal(dead.statusCode, 401);
  assert.match(String(dead.headers['set-cookie']), /^broadside_session=; .*Max-Age=0/);
});

test('idle sessions end after 7 days; last_seen is written at most once a minute', async () => {
  const s = await signIn(t, author);
  const first = (await sessionRow(s.cookie))!;
  assert.equal((await call(t, 'GET', 'session', { cookie: s.cookie })).statusCode, 200);
  assert.equal((await sessionRow(s.cookie))!.last_seen_at, first.last_seen_at, 'not rewritten within the minute');

  await t.ctx.db.updateTable('sessions').set({ last_seen_at: ago(2 * MINUTE) }).where('id', '=', first.id).execute();
  assert.equal((await call(t, 'GET', 'session', { cookie: s.cookie })).statusCode, 200);
  assert.ok(Date.now() - Date.parse((await sessionRow(s.cookie))!.last_seen_at) < MINUTE, 'touched after a minute');

  await t.ctx.db.updateTable('sessions').set({ last_seen_at: ago(6 * DAY) }).where('id', '=', first.id).execute();
  assert.equal((await call(t, 'GET', 'session', { cookie: s.cookie })).statusCode, 200, 'six idle days are fine');

  await t.ctx.db.updateTable('sessions').set({ last_seen_at: ago(7 * DAY + MINUTE) }).where('id', '=', first.id).execute();
  const res = await call(t, 'GET', 'session', { cookie: s.cookie });
  assert.equal(res.statusCode, 401);
  assert.match(res.json().error.message, /session has ended/);
  assert.equal(await sessionRow(s.cookie), undefined, 'the expired row is removed');
});

test('sessions end 30 days after sign-in however busy', async () => {
  const s = await signIn(t, author);
  const row = (await sessionRow(s.cookie))!;
  await t.ctx.db.updateTable('sessions').set({ created_at: ago(30 * DAY + MINUTE), expires_at: ago(MINUTE), last_seen_at: ago(MINUTE) }).where('id', '=', row.id).execute();
  assert.equal((await call(t, 'GET', 'session', { cookie: s.cookie })).statusCode, 401);
  assert.equal(await sessionRow(s.cookie), undefined);
});

test('sign out ends this session only; sign out everywhere ends all of the user’s', async () => {
  const a = await signIn(t, editor);
  const b = await signIn(t, editor);
  const c = await signIn(t, editor);
  const other = await signIn(t, author);

  const noCsrf = await call(t, 'DELETE', 'session', { cookie: a.cookie });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'BROADSIDE_E_CSRF');

  const out = await call(t, 'DELETE', 'session', { cookie: a.cookie, csrf: a.csrf });
  assert.equal(out.statusCode, 204);
  assert.match(String(out.headers['set-cookie']), /^broadside_session=; .*Max-Age=0/);
  assert.equal((await call(t, 'GET', 'session', { cookie: a.cookie })).statusCode, 401);
  assert.equal((await call(t, 'GET', 'session', { cookie: b.cookie })).statusCode, 200);

  const all = await call(t, 'POST', 'session/revoke-all', { cookie: b.cookie, csrf: b.csrf });
  assert.equal(all.statusCode, 200, all.body);
  assert.ok(all.json().ended >= 2);
  for (const s of [b, c]) assert.equal((await call(t, 'GET', 'session', { cookie: s.cookie })).statusCode, 401);
  assert.equal((await call(t, 'GET', 'session', { cookie: other.cookie })).statusCode, 200, "another user's session lives on");
});

test('requireStaff as another module’s preHandler: 401, role check, CSRF, request.staff', async () => {
  assert.equal((await call(t, 'GET', '/api/admin/test/editors')).statusCode, 401);
  const low = await signIn(t, author);
  const forbidden = await call(t, 'GET', '/api/admin/test/editors', { cookie: low.cookie });
  assert.equal(forbidden.statusCode, 403);
  assert.equal(forbidden.json().error.code, 'BROADSIDE_E_FORBIDDEN');
  const ed = await signIn(t, editor);
  const ok = await call(t, 'GET', '/api/admin/test/editors', { cookie: ed.cookie });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json().staff, { id: editor.id, name: editor.name, email: editor.email, role: 'editor', authorId: editor.authorId });
  const own = await signIn(t, owner);
  for (const csrf of [undefined, 'x'.repeat(43), own.csrf]) {
    const r = await call(t, 'POST', '/api/admin/test/editors', { cookie: ed.cookie, body: {}, ...(csrf ? { csrf } : {}) });
    assert.equal(r.statusCode, 403, `csrf ${csrf}`);
    assert.equal(r.json().error.code, 'BROADSIDE_E_CSRF');
  }
  const post = await call(t, 'POST', '/api/admin/test/editors', { cookie: ed.cookie, csrf: ed.csrf, body: {} });
  assert.equal(post.statusCode, 200);
  assert.equal(post.json().ok, editor.id);
});

test('sign-in refuses cross-site requests: JSON only, same Origin', async () => {
  const form = await t.app.inject({ method: 'POST', url: '/api/admin/session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=${encodeURIComponent(author.email)}&password=${encodeURIComponent(author.password)}` });
  assert.equal(form.statusCode, 415);
  assert.equal(form.json().error.code, 'BROADSIDE_E_UNSUPPORTED_MEDIA');
  const plain = await t.app.inject({ method: 'POST', url: '/api/admin/session', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ email: author.email, password: author.password }) });
  assert.equal(plain.statusCode, 415);
  const evil = await call(t, 'POST', 'session', { body: { email: author.email, password: author.password }, headers: { origin: 'https://evil.example' } });
  assert.equal(evil.statusCode, 403);
  assert.equal(evil.json().error.code, 'BROADSIDE_E_CSRF');
  assert.equal(evil.headers['set-cookie'], undefined);
  const same = await call(t, 'POST', 'session', { body: { email: author.email, password: author.password }, headers: { origin: 'http://news.test' } });
  assert.equal(same.statusCode, 200);
  for (const url of ['setup', 'password-reset', 'password-reset/confirm', 'invitations/accept']) {
    const r = await call(t, 'POST', url, { body: {}, headers: { origin: 'http://evil.test' } });
    assert.equal(r.statusCode, 403, url);
    const f = await t.app.inject({ method: 'POST', url: `/api/admin/${url}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b' });
    assert.equal(f.statusCode, 415, url);
  }
});

test('bad sign-in input: 400 with a clear message, nothing counted', async () => {
  const cases: [unknown, RegExp][] = [
    [{ email: author.email }, /password is required/],
    [{ email: author.email, password: author.password, remember: true }, /Unknown field "remember"/],
    [{ email: author.email, password: 1234567890123 }, /password must be a string/],
    [{ email: 'x'.repeat(300), password: 'whatever12' }, /email must be at most 254 characters/],
    [[1, 2], /JSON object/],
    ['{"email":', /not valid JSON/],
  ];
  const before = await count(t, 'sessions');
  for (const [body, re] of cases) {
    const r = await call(t, 'POST', 'session', { body });
    assert.equal(r.statusCode, 400, JSON.stringify(body));
    assert.equal(r.json().error.code, 'BROADSIDE_E_BAD_INPUT');
    assert.match(r.json().error.message, re);
  }
  assert.equal(await count(t, 'sessions'), before);
});

test(`failed sign-ins are limited per account (5 in 15 min) (${engineName})`, async () => {
  const u = await addUser(t, 'contributor');
  for (let i = 0; i < 5; i++) {
    const r = await call(t, 'POST', 'session', { body: { email: u.email, password: `wrong password ${i}` }, ip: `10.1.0.${i + 1}` });
    assert.equal(r.statusCode, 401);
  }
  const blocked = await call(t, 'POST', 'session', { body: { email: u.email, password: u.password }, ip: '10.1.1.1' });
  assert.equal(blocked.statusCode, 429, 'even the right password, from another address');
  assert.equal(blocked.json().error.code, 'BROADSIDE_E_RATE_LIMITED');
  assert.match(blocked.json().error.message, /Too many failed sign-ins\. Try again in 15 minutes \(after \d\d:\d\d UTC\)\./);
  assert.ok(Number(blocked.headers['retry-after']) > 800);
  // An unknown address is limited the same way (nothing tells them apart).
  for (let i = 0; i < 5; i++) await call(t, 'POST', 'session', { body: { email: 'ghost@example.org', password: 'wrong password' }, ip: `10.2.0.${i + 1}` });
  assert.equal((await call(t, 'POST', 'session', { body: { email: 'ghost@example.org', password: 'x'.repeat(10) }, ip: '10.2.1.1' })).statusCode, 429);

  // Fifteen minutes later the account may try again; success clears its count.
  await t.ctx.db.updateTable('auth_attempts').set({ at: ago(16 * MINUTE) }).where('scope', '=', 'login-account').execute();
  assert.equal((await call(t, 'POST', 'session', { body: { email: u.email, password: u.password }, ip: '10.1.1.1' })).statusCode, 200);
});

test(`failed sign-ins are limited per address (20 in 15 min) (${engineName})`, async () => {
  const ip = '192.0.2.77';
  for (let i = 0; i < 20; i++) {
    const r = await call(t, 'POST', 'session', { body: { email: `nobody${i}@example.org`, password: 'wrong password' }, ip });
    assert.equal(r.statusCode, 401);
  }
  const blocked = await call(t, 'POST', 'session', { body: { email: owner.email, password: owner.password }, ip });
  assert.equal(blocked.statusCode, 429);
  assert.match(blocked.json().error.message, /Try again in \d+ minutes?/);
  const elsewhere = await call(t, 'POST', 'session', { body: { email: owner.email, password: owner.password }, ip: '192.0.2.78' });
  assert.equal(elsewhere.statusCode, 200, 'the account itself is not blocked');
  const rows = await t.ctx.db.selectFrom('auth_attempts').select('key').where('scope', '=', 'login-account').execute();
  assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key)), 'no addresses stored for unknown accounts');
});
