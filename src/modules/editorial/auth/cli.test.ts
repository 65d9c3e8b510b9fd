// `broadside user add` as an operator runs it: a real process against the engine CI chose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDb, engineName, type TestDb } from '../../../../test/db.js';
import { verifyPassword } from './passwords.js';

const MAIN = fileURLToPath(new URL('../../../main.js', import.meta.url));
let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(() => t.close());

function run(args: string[], opts: { input?: string; stdio?: StdioOptions } = {}) {
  const r = spawnSync(process.execPath, [MAIN, 'user', ...args], {
    env: { ...process.env, BROADSIDE_DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl ?? '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    ...(opts.stdio ? { stdio: opts.stdio } : {}),
  });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}
const user = (email: string) => t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
const oneLine = (s: string) => assert.equal(s.trim().split('\n').length, 1, `one line: ${s}`);

test(`user add makes accounts with the password from a flag or stdin (${engineName})`, async () => {
  const a = run(['add', '--email', 'Olive@Example.org', '--name', 'Olive Owner', '--role', 'owner', '--password', 'long enough password']);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /^Created the owner account "Olive Owner" \(user \d+\)\.\n$/);
  assert.doesNotMatch(a.out, /@/, 'no address printed');
  const olive = await user('olive@example.org');
  assert.equal(olive?.role, 'owner');
  assert.ok(await t.db.selectFrom('authors').select('id').where('id', '=', olive.author_id).executeTakeFirst());

  const b = run(['add', '--email=ed@example.org', '--name=Ed Itor', '--role=editor'], { input: 'piped password 123\nignored second line\n' });
  assert.equal(b.code, 0, b.err);
  const ed = await user('ed@example.org');
  assert.equal(ed?.role, 'editor');
  assert.equal(await verifyPassword('piped password 123', ed.password_hash), true);
});

test('user add without a password and without stdin says so and exits 2', () => {
  const r = run(['add', '--email', 'nopw@example.org', '--name', 'No Pw', '--role', 'author'], { stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.code, 2);
  assert.match(r.err, /No password: give --password, or pipe it on stdin/);
  oneLine(r.err);
});

test(`user add refuses bad input with one clear line and writes nothing (${engineName})`, async () => {
  const cases: [string[], number, RegExp][] = [
    [['add', '--email', 'c@example.org', '--name', 'C', '--role', 'chief', '--password', 'long enough password'], 2, /^Unknown role "chief": use one of contributor, author, editor, administrator, owner\.$/],
    [['add', '--email', 'c@example.org', '--role', 'author', '--password', 'long enough password'], 2, /Missing --name/],
    [['add', '--email', 'c@example.org', '--name', 'C', '--role', 'author', '--admin'], 2, /Unknown option --admin/],
    [['remove', '--email', 'c@example.org'], 2, /Unknown user command "remove"/],
    [['add', '--email', 'c@example.org', '--name', 'C', '--role', 'author', '--password', 'short'], 1, /^Not created: The password must be at least 10 characters long\.$/],
    [['add', '--email', 'not-an-email', '--name', 'C', '--role', 'author', '--password', 'long enough password'], 1, /That is not an email address/],
    [['add', '--email', 'OLIVE@example.org', '--name', 'Dup', '--role', 'author', '--password', 'long enough password'], 1, /already exists/],
    [['add', '--email', 'o2@example.org', '--name', 'Second Owner', '--role', 'owner', '--password', 'long enough password'], 1, /already an owner/],
  ];
  const before = await t.db.selectFrom('users').select('id').execute();
  for (const [args, code, re] of cases) {
    const r = run(args);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err.trim(), re);
    oneLine(r.err);
    assert.equal(r.out, '');
  }
  assert.equal((await t.db.selectFrom('users').select('id').execute()).length, before.length);
});
