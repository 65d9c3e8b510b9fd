// The CLI as an operator uses it: real processes, real database (the engine CI chose).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDb, engineName } from '../test/db.js';
import { migrations } from './platform/db/migrate.js';

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function envFor(t: { dataDir: string; databaseUrl: string | null }): Record<string, string> {
  return { BROADSIDE_DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl ?? '' };
}

test(`migrate applies, then reports up to date (${engineName})`, async () => {
  const t = await createTestDb({ migrate: false });
  try {
    const first = run(['migrate'], envFor(t));
    assert.equal(first.code, 0, first.err);
    const names = Object.keys(migrations).sort();
    assert.ok(first.out.includes(`Applied ${names.length} migration(s): ${names.join(', ')}`), first.out);
    const second = run(['migrate'], envFor(t));
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /up to date/);
  } finally {
    await t.close();
  }
});

test(`demo writes the demo outlet once (${engineName})`, async () => {
  const t = await createTestDb({ migrate: false });
  try {
    const first = run(['demo'], envFor(t));
    assert.equal(first.code, 0, first.err);
    const m = /Demo content written: (\d+) articles/.exec(first.out);
    assert.ok(m && Number(m[1]) >= 12, first.out);
    const again = run(['demo'], envFor(t));
    assert.match(again.out, /written: 0 articles/);
    const n = await t.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), Number(m[1]));
  } finally {
    await t.close();
  }
});

test('bad configuration exits 1 naming each bad variable; unknown command exits 2', () => {
  const bad = run(['migrate'], { PORT: 'x', DATABASE_URL: 'mysql://nope' });
  assert.equal(bad.code, 1);
  assert.match(bad.err, /PORT must be a whole number/);
  assert.match(bad.err, /DATABASE_URL must start with postgres/);
  const unknown = run(['frobnicate'], {});
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown command "frobnicate"/);
});

test(`serve writes the demo on an empty database and serves it (${engineName})`, async () => {
  const t = await createTestDb({ migrate: false });
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    env: { ...process.env, ...envFor(t), PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${buf}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${buf}`)));
    });
    const home = await fetch(url + '/');
    assert.equal(home.status, 200);
    const html = await home.text();
    assert.ok((html.match(/class="article-card"/g) ?? []).length >= 10);
    const health = await fetch(url + '/healthz');
    assert.deepEqual(await health.json(), { status: 'ok' });
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await t.close();
  }
});
