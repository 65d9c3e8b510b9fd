// Outgoing mail through a real SMTP server (smtp-server on 127.0.0.1), into files, and with the server down.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { loadConfig, type Config } from '../../config.js';
import { plainCtx } from '../context/index.js';
import { AppError } from '../http/errors.js';
import { JobRunner, type JobLogger } from '../jobs/index.js';
import { createTestDb, engineName, type TestDb } from '../../../test/db.js';
import { enqueueMail, mailSendHandler, mailMode, MAIL_JOB } from './index.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port; closed after all tests. */
async function smtpServer(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received };
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function configFor(t: TestDb, smtpUrl?: string): Config {
  return loadConfig({ BROADSIDE_DATA_DIR: t.dataDir, BROADSIDE_MAIL_FROM: 'News Desk <desk@news.test>', ...(smtpUrl ? { BROADSIDE_SMTP_URL: smtpUrl } : {}) });
}

/** Keeps every log line, to check that no address reaches one. */
function capturingLogger(): JobLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (obj: object, msg: string) => void lines.push(JSON.stringify({ ...obj, msg }));
  return { lines, debug: keep, warn: keep, error: keep };
}

const MESSAGE = {
  to: 'reader@example.org',
  subject: 'Welcome to the outlet',
  text: 'Thank you for subscribing.\nThe desk',
  html: '<p>Thank you for subscribing.</p>',
};

async function jobRow(t: TestDb, id: number) {
  return t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

test(`mail goes through SMTP with the right sender, recipient and subject (${engineName})`, async () => {
  const smtp = await smtpServer();
  const t = await createTestDb();
  try {
    const config = configFor(t, smtp.url);
    assert.equal(mailMode(config), 'smtp');
    const logger = capturingLogger();
    const runner = new JobRunner({ logger });
    runner.register(MAIL_JOB, mailSendHandler(config));
    const id = await t.db.transaction().execute((trx) => enqueueMail(trx, MESSAGE));
    assert.equal(smtp.received.length, 0, 'nothing is sent until the job runs');
    assert.equal(await runner.runDueJobs(plainCtx(t.db, t.engine)), 1);
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0]!;
    assert.deepEqual(mail.to, ['reader@example.org']);
    assert.equal(mail.from, 'desk@news.test');
    assert.match(mail.raw, /^Subject: Welcome to the outlet\r?$/m);
    assert.match(mail.raw, /^To: reader@example\.org\r?$/m);
    assert.match(mail.raw, /^Auto-Submitted: auto-generated\r?$/m);
    assert.match(mail.raw, /Thank you for subscribing\./);
    assert.match(mail.raw, /Content-Type: text\/html/);
    assert.equal((await jobRow(t, id)).status, 'done');
    assert.ok(logger.lines.length > 0);
    for (const line of logger.lines) assert.doesNotMatch(line, /reader@|example\.org/);
  } finally {
    await t.close();
  }
});

test(`with no SMTP server configured, mail lands as an .eml file (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    const config = configFor(t);
    assert.equal(mailMode(config), 'files');
    const runner = new JobRunner();
    runner.register(MAIL_JOB, mailSendHandler(config));
    const id = await enqueueMail(t.db, MESSAGE);
    assert.equal(await runner.runDueJobs(plainCtx(t.db, t.engine)), 1);
    const dir = join(t.dataDir, 'mail');
    const files = readdirSync(dir);
    assert.equal(files.length, 1, `one file, no temporary leftovers: ${files.join(', ')}`);
    const name = files[0]!;
    assert.match(name, new RegExp(`-job-${id}\\.eml$`));
    assert.doesNotMatch(name, /@/);
    const raw = readFileSync(join(dir, name), 'utf8');
    assert.match(raw, /^To: reader@example\.org$/m);
    assert.match(raw, /^Subject: Welcome to the outlet$/m);
    assert.match(raw, /^From: News Desk <desk@news\.test>$/m);
    assert.match(raw, /Thank you for subscribing\./);
    assert.equal(statSync(join(dir, name)).mode & 0o077, 0, 'only the owner may read mail');
    assert.equal((await jobRow(t, id)).status, 'done');
  } finally {
    await t.close();
  }
});

test(`with the SMTP server down, the job is retried later and nothing is lost (${engineName})`, async () => {
  const port = await closedPort();
  const t = await createTestDb();
  try {
    const c = { t: Date.now() + 1000 };
    const logger = capturingLogger();
    const down = new JobRunner({ logger, now: () => c.t });
    down.register(MAIL_JOB, mailSendHandler(configFor(t, `smtp://127.0.0.1:${port}`)));
    const id = await enqueueMail(t.db, MESSAGE);
    const ctx = plainCtx(t.db, t.engine);

    assert.equal(await down.runDueJobs(ctx), 1);
    const row = await jobRow(t, id);
    assert.equal(row.status, 'queued');
    assert.equal(row.attempts, 1);
    assert.equal(Date.parse(row.run_at), c.t + 30_000);
    assert.match(row.last_error!, /ECONNREFUSED/);
    assert.doesNotMatch(row.last_error!, /reader@/);
    assert.ok(logger.lines.some((l) => /will retry/.test(l) && l.includes(`"jobId":${id}`)), logger.lines.join('\n'));
    for (const line of logger.lines) assert.doesNotMatch(line, /reader@|example\.org/);
    assert.equal(await down.runDueJobs(ctx), 0, 'not retried before its backoff');

    // The server comes back: the same queued message goes out.
    const smtp = await smtpServer();
    const up = new JobRunner({ now: () => c.t });
    up.register(MAIL_JOB, mailSendHandler(configFor(t, smtp.url)));
    c.t += 30_000;
    assert.equal(await up.runDueJobs(ctx), 1);
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0]!.to, ['reader@example.org']);
    const sent = await jobRow(t, id);
    assert.equal(sent.status, 'done');
    assert.equal(sent.attempts, 2);
  } finally {
    await t.close();
  }
});

test(`enqueueMail refuses bad mail without naming the address, and writes no job (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    const bad: [object, string][] = [
      [{ ...MESSAGE, to: 'not an address' }, 'to'],
      [{ ...MESSAGE, to: 'a@example.org, b@example.org' }, 'to'],
      [{ ...MESSAGE, to: 'x@example.org\r\nBcc: victim@example.org' }, 'to'],
      [{ ...MESSAGE, subject: 'Hi\r\nBcc: victim@example.org' }, 'subject'],
      [{ ...MESSAGE, subject: '  ' }, 'subject'],
      [{ ...MESSAGE, text: '' }, 'text'],
      [{ ...MESSAGE, html: 42 }, 'html'],
    ];
    for (const [message, field] of bad) {
      await assert.rejects(enqueueMail(t.db, message as typeof MESSAGE), (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.code, 'BROADSIDE_E_BAD_INPUT');
        assert.equal(err.field, field);
        assert.doesNotMatch(err.message, /@/);
        return true;
      });
    }
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, MESSAGE);
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const rows = await t.db.selectFrom('jobs').select('id').execute();
    assert.deepEqual(rows, []);
  } finally {
    await t.close();
  }
});

test(`a malformed mail job fails at once instead of retrying (${engineName})`, async () => {
  const t = await createTestDb();
  try {
    const runner = new JobRunner({ now: () => Date.now() + 1000 });
    runner.register(MAIL_JOB, mailSendHandler(configFor(t)));
    const row = await t.db
      .insertInto('jobs')
      .values({ type: MAIL_JOB, payload: JSON.stringify({ to: 'nobody', subject: 'x', text: 'y' }), status: 'queued', attempts: 0, max_attempts: 8, run_at: new Date().toISOString(), created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await runner.runDueJobs(plainCtx(t.db, t.engine));
    const job = await jobRow(t, Number(row.id));
    assert.equal(job.status, 'failed');
    assert.equal(job.attempts, 1);
    assert.match(job.last_error!, /recipient address/);
  } finally {
    await t.close();
  }
});
