// Log lines of the whole sign-in story, captured from the app's own pino logger: no address, token or password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../config.js';
import { buildApp } from '../../../app.js';
import { createTestDb, engineName } from '../../../../test/db.js';
import { cookieOf } from './testing.js';

test(`no email address, token or password reaches the log (${engineName})`, async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const db = await createTestDb();
  const config = loadConfig({ BROADSIDE_DATA_DIR: db.dataDir, LOG_LEVEL: 'info' }, { baseUrl: 'http://news.test', title: 'Log Test' });
  const app = await buildApp(config, { db, logStream: stream });
  const secrets: string[] = ['owner.person@example.org', 'ghost.person@example.org', 'invited.person@example.org', 'long enough password', 'invitee password', 'wrong password!'];
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    app.app.inject({ method: 'POST', url: `/api/admin/${url}`, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  try {
    const setup = await post('setup', { email: 'Owner.Person@example.org', name: 'Owner Person', password: 'long enough password' });
    assert.equal(setup.statusCode, 201);
    const cookie = cookieOf(setup);
    const csrf = setup.json().csrfToken as string;
    secrets.push(cookie.split('=')[1]!, csrf);
    const auth = { cookie, 'x-csrf-token': csrf };

    assert.equal((await post('session', { email: 'ghost.person@example.org', password: 'wrong password!' })).statusCode, 401);
    assert.equal((await post('session', { email: 'owner.person@example.org', password: 'wrong password!' })).statusCode, 401);
    assert.equal((await post('session', { email: 'owner.person@example.org', password: 'long enough password', extra: 'owner.person@example.org' })).statusCode, 400);
    assert.equal((await post('session', { email: 'owner.person@example.org', password: 'long enough password' })).statusCode, 200);
    assert.equal((await post('password-reset', { email: 'owner.person@example.org' })).statusCode, 202);
    assert.equal((await post('password-reset', { email: 'ghost.person@example.org' })).statusCode, 202);
    assert.equal((await post('invitations', { email: 'invited.person@example.org', role: 'editor', name: 'Invited' }, auth)).statusCode, 201);
    const jobs = await db.db.selectFrom('jobs').select('payload').execute();
    for (const j of jobs) {
      const m = /token=([A-Za-z0-9_-]+)/.exec(JSON.parse(j.payload).text);
      if (m) secrets.push(m[1]!);
    }
    const invite = secrets.at(-1)!;
    const accepted = await post('invitations/accept', { token: invite, name: 'Invited', password: 'invitee password' });
    assert.equal(accepted.statusCode, 201);
    secrets.push(cookieOf(accepted).split('=')[1]!);
    assert.equal((await app.app.inject({ method: 'GET', url: '/api/admin/users', headers: auth })).statusCode, 200);
    assert.equal((await app.app.inject({ method: 'GET', url: `/admin/reset?token=${invite}` })).statusCode >= 200, true);
    while ((await app.jobs.runDueJobs(app.ctx)) > 0);
  } finally {
    await app.close();
    await db.close();
  }
  const log = lines.join('');
  assert.ok(lines.length >= 20, `the logger wrote (${lines.length} lines)`);
  assert.match(log, /"path":"\/api\/admin\/session"/, 'requests are logged, by path');
  assert.doesNotMatch(log, /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/, 'no email address');
  for (const s of secrets) assert.ok(!log.toLowerCase().includes(s.toLowerCase()), `a secret leaked into the log: ${s.slice(0, 6)}…`);
});
