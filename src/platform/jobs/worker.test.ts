// The job worker as the app and the CLI run it: mail handler registered, `broadside worker` in a real process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDb, engineName } from '../../../test/db.js';
import { createTestApp } from '../../../test/app.js';
import { enqueueMail, MAIL_JOB } from '../mail/index.js';

const MAIN = fileURLToPath(new URL('../../main.js', import.meta.url));
const MESSAGE = { to: 'reader@example.org', subject: 'Your receipt', text: 'Thank you for your support.' };

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test(`the app exposes its job runner with mail registered; startBackground runs jobs (${engineName})`, async () => {
  const app = await createTestApp();
  try {
    assert.ok(app.jobs.types.includes(MAIL_JOB));
    const id = await enqueueMail(app.ctx.db, MESSAGE);
    app.startBackground();
    const dir = join(app.testDb.dataDir, 'mail');
    await until(() => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(`-job-${id}.eml`)), 'the mail file');
    await until(async () => (await app.ctx.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status === 'done', 'the job to be done');
  } finally {
    // close() stops the worker before the database goes.
    await app.close();
  }
});

test(`broadside worker sends queued mail and stops cleanly on SIGTERM (${engineName})`, async () => {
  const t = await createTestDb();
  const child = spawn(process.execPath, [MAIN, 'worker'], {
    env: { ...process.env, BROADSIDE_DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl ?? '', BROADSIDE_SMTP_URL: '', LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await until(() => /Broadside worker is running/.test(out), `the worker to start: ${out}`);
    const id = await enqueueMail(t.db, MESSAGE);
    const dir = join(t.dataDir, 'mail');
    await until(() => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(`-job-${id}.eml`)), `the mail file: ${out}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.eml'))!;
    assert.match(readFileSync(join(dir, file), 'utf8'), /^Subject: Your receipt$/m);
    await until(async () => (await t.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status === 'done', 'the job to be done');

    child.kill('SIGTERM');
    assert.equal(await exited, 0, out);
    assert.match(out, /worker stopping/);
    assert.doesNotMatch(out, /reader@|example\.org/, 'no address in the logs');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    await t.close();
  }
});
