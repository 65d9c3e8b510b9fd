// Invitation and password-reset mail, read from a real SMTP server (smtp-server on 127.0.0.1) the app sends to
// through its job queue; the links in them work once. And the session tells the admin where mail goes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../../test/db.js';
import type { TestApp } from '../../../../test/app.js';
import { linkIn, startSmtp, type TestSmtp } from '../../../../test/smtp.js';
import { addUser, authApp, call, cookieOf, signIn, type Signed, type TestUser } from './testing.js';

let smtp: TestSmtp;
let t: TestApp;
let admin: TestUser;
let sa: Signed;

before(async () => {
  smtp = await startSmtp();
  t = await authApp({ smtpUrl: smtp.url, mailFrom: 'Tigris Times <desk@news.test>' });
  admin = await addUser(t, 'administrator', { name: 'Layla Hassan' });
  sa = await signIn(t, admin);
});
after(async () => {
  await t?.close();
  await smtp?.close();
});

/** Runs the queued jobs (the mail.send ones included) until none is due. */
async function runJobs(): Promise<void> {
  while ((await t.jobs.runDueJobs(t.ctx)) > 0);
}

test(`the invitation arrives by SMTP; its link makes the account and signs in, once (${engineName})`, async () => {
  const res = await call(t, 'POST', 'invitations', { cookie: sa.cookie, csrf: sa.csrf, body: { email: 'Noor.Writer@Example.org', role: 'author', name: 'Noor Writer' } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(smtp.received.length, 0, 'nothing is sent inside the request: the job sends it');
  await runJobs();

  const mail = await smtp.waitFor((m) => m.to.includes('noor.writer@example.org'));
  assert.deepEqual(mail.to, ['noor.writer@example.org'], 'to the invited address only, lower-cased');
  assert.equal(mail.from, 'desk@news.test');
  assert.equal(mail.headers.from, 'Tigris Times <desk@news.test>');
  assert.equal(mail.headers.to, 'noor.writer@example.org');
  assert.equal(mail.subject, 'You are invited to join Test Outlet');
  assert.equal(mail.headers['auto-submitted'], 'auto-generated');
  assert.match(mail.text, /^Hello Noor Writer,/);
  assert.match(mail.text, /Layla Hassan invited you to join Test Outlet as an author\./);
  assert.match(mail.text, /within 7 days/);
  const link = linkIn(mail.text, '/admin/invite');
  assert.ok(link.url.startsWith('http://news.test/admin/invite?token='), link.url);
  assert.match(link.token, /^[A-Za-z0-9_-]{43}$/);

  // The link is the admin's invitation screen (the app itself, served for any /admin path).
  const page = await t.app.inject({ method: 'GET', url: new URL(link.url).pathname + new URL(link.url).search });
  assert.ok(page.statusCode === 200 || page.statusCode === 503, `the admin answers the link (${page.statusCode})`);

  const ok = await call(t, 'POST', 'invitations/accept', { body: { token: link.token, name: 'Noor W.', password: 'river of ink 2024' } });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().staff.role, 'author');
  assert.equal(ok.json().staff.email, 'noor.writer@example.org');
  const me = await call(t, 'GET', 'session', { cookie: cookieOf(ok) });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().staff.name, 'Noor W.');
  // Signs in with the password chosen.
  await signIn(t, { email: 'noor.writer@example.org', password: 'river of ink 2024' });

  const again = await call(t, 'POST', 'invitations/accept', { body: { token: link.token, name: 'Someone Else', password: 'another password here' } });
  assert.equal(again.statusCode, 400);
  assert.equal(again.json().error.code, 'BROADSIDE_E_BAD_INPUT');
  assert.match(again.json().error.message, /already used/);
  const users = await t.ctx.db.selectFrom('users').select('name').where('email', '=', 'noor.writer@example.org').execute();
  assert.deepEqual(users.map((u) => u.name), ['Noor W.'], 'one account, the first acceptance');
});

test(`the reset link arrives by SMTP and works once; an unknown address gets no mail (${engineName})`, async () => {
  const u = await addUser(t, 'editor', { name: 'Omar Saleh' });
  const before = smtp.received.length;
  const unknown = await call(t, 'POST', 'password-reset', { body: { email: 'nobody.here@example.org' } });
  const known = await call(t, 'POST', 'password-reset', { body: { email: u.email } });
  assert.equal(unknown.statusCode, 202);
  assert.equal(known.statusCode, 202);
  assert.equal(unknown.body, known.body, 'the answer does not tell who has an account');
  await runJobs();

  const mail = await smtp.waitFor((m) => m.to.includes(u.email));
  assert.equal(smtp.received.length, before + 1, 'one mail: none for the unknown address');
  assert.equal(mail.subject, 'Reset your password for Test Outlet');
  assert.match(mail.text, /^Hello Omar Saleh,/);
  assert.match(mail.text, /within the next hour/);
  const { token } = linkIn(mail.text, '/admin/reset');

  const s = await signIn(t, u);
  const ok = await call(t, 'POST', 'password-reset/confirm', { body: { token, password: 'a fresh password 42' } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((await call(t, 'GET', 'session', { cookie: s.cookie })).statusCode, 401, 'sessions end with the reset');
  assert.equal((await call(t, 'POST', 'session', { body: { email: u.email, password: u.password } })).statusCode, 401, 'the old password is gone');
  await signIn(t, { email: u.email, password: 'a fresh password 42' });

  const reuse = await call(t, 'POST', 'password-reset/confirm', { body: { token, password: 'a third password 99' } });
  assert.equal(reuse.statusCode, 400);
  assert.match(reuse.json().error.message, /already used/);
  await signIn(t, { email: u.email, password: 'a fresh password 42' });
});

test('with an SMTP server the session says mail is sent; without one, that it goes to files', async () => {
  const withSmtp = await call(t, 'GET', 'session', { cookie: sa.cookie });
  assert.equal(withSmtp.statusCode, 200);
  assert.equal(withSmtp.json().mailToFiles, false);
  assert.equal(sa.res.json().mailToFiles, false, 'the sign-in answer says it too');

  const files = await authApp();
  try {
    const s = await signIn(files, await addUser(files, 'author'));
    const res = await call(files, 'GET', 'session', { cookie: s.cookie });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().mailToFiles, true);
  } finally {
    await files.close();
  }
  const doc = (await t.app.inject({ method: 'GET', url: '/api/admin/openapi.json' })).json();
  assert.equal(doc.components.schemas.Session.properties.mailToFiles.type, 'boolean', 'documented');
});
