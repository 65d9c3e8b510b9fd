// Two-factor sign-in: set up, enable with a code, sign in with a code, no replay, disable with the password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, TOTP } from 'otpauth';
import { engineName } from '../../../../test/db.js';
import { addUser, authApp, call, signIn } from './testing.js';

const code = (secret: string, offsetMs = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetMs });

test(`TOTP set-up, enable, sign-in, replay refused, disable (${engineName})`, async () => {
  const t = await authApp();
  try {
    const u = await addUser(t, 'editor');
    const s = await signIn(t, u);
    const auth = { cookie: s.cookie, csrf: s.csrf };

    const setup = await call(t, 'POST', 'totp/setup', auth);
    assert.equal(setup.statusCode, 200, setup.body);
    const { secret, url } = setup.json();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(url, /^otpauth:\/\/totp\/Test%20Outlet:staff\d+\.editor%40example\.org\?/);
    assert.match(url, new RegExp(`secret=${secret}`));

    assert.equal((await call(t, 'POST', 'totp/enable', { ...auth, body: { code: '000000' === code(secret) ? '111111' : '000000' } })).statusCode, 400);
    assert.equal((await call(t, 'POST', 'totp/enable', { ...auth, body: {} })).statusCode, 400);
    const en = await call(t, 'POST', 'totp/enable', { ...auth, body: { code: code(secret) } });
    assert.equal(en.statusCode, 200, en.body);
    assert.equal((await call(t, 'GET', 'session', auth)).json().staff.totpEnabled, true);
    assert.equal((await call(t, 'POST', 'totp/setup', auth)).statusCode, 409, 'no new secret while on');

    const noCode = await call(t, 'POST', 'session', { body: { email: u.email, password: u.password } });
    assert.equal(noCode.statusCode, 401);
    assert.deepEqual(noCode.json().error, { code: 'BROADSIDE_E_UNAUTHENTICATED', message: 'Enter the 6-digit code from your authenticator app.', field: 'totp' });
    assert.equal(noCode.headers['set-cookie'], undefined);
    const wrongPw = await call(t, 'POST', 'session', { body: { email: u.email, password: 'wrong password', totp: code(secret) } });
    assert.deepEqual(wrongPw.json().error.message, 'The email address or password is wrong.', 'the code never hints past a wrong password');

    // A code for the next step: later than the one used to enable.
    const next = code(secret, 30_000);
    const ok = await signIn(t, u, { totp: next });
    assert.equal(ok.res.json().staff.totpEnabled, true);
    const replay = await call(t, 'POST', 'session', { body: { email: u.email, password: u.password, totp: next } });
    assert.equal(replay.statusCode, 401);
    assert.match(replay.json().error.message, /already been used/);
    const old = await call(t, 'POST', 'session', { body: { email: u.email, password: u.password, totp: code(secret, -30_000) } });
    assert.equal(old.statusCode, 401, 'an earlier step is refused too');

    const badPw = await call(t, 'DELETE', 'totp', { ...auth, body: { password: 'not my password' } });
    assert.equal(badPw.statusCode, 403);
    assert.equal((await call(t, 'DELETE', 'totp', { ...auth, body: {} })).statusCode, 400);
    const off = await call(t, 'DELETE', 'totp', { ...auth, body: { password: u.password } });
    assert.equal(off.statusCode, 200, off.body);
    const row = await t.ctx.db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', u.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row, totp_enabled: Number(row.totp_enabled) }, { totp_secret: null, totp_enabled: 0 });
    await signIn(t, u);

    assert.equal((await call(t, 'POST', 'totp/setup', { cookie: s.cookie })).statusCode, 403, 'CSRF token required');
  } finally {
    await t.close();
  }
});
