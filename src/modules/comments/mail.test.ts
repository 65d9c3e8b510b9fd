// Comment mails through a real SMTP server (smtp-server on 127.0.0.1): the moderator's mail and its link, the
// author's mail; and with the server down, the comment is stored at once and its mail goes out when it is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { engineName } from '../../../test/db.js';
import { addUser } from '../editorial/auth/testing.js';
import { OPEN_SETTINGS, comment, commentApp, linkIn, rows } from './testing.js';

interface Received {
  to: string[];
  raw: string;
}

interface Smtp {
  port: number;
  received: Received[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A real SMTP server on a fixed loopback port that can be stopped and started again. */
async function smtpServer(): Promise<Smtp> {
  const received: Received[] = [];
  let server: SMTPServer | null = null;
  let port = 0;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      hideSTARTTLS: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
  const s: Smtp = {
    get port() {
      return port;
    },
    received,
    async start() {
      server = make();
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.server.address() as { port: number }).port;
    },
    async stop() {
      const srv = server;
      server = null;
      if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
  await s.start();
  return s;
}

/** The text part of a received message, with quoted-printable soft breaks undone. */
function textOf(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

test(`comment mails go through SMTP: the moderator approves from the mail, then the article's author hears of it (${engineName})`, async () => {
  const smtp = await smtpServer();
  const c = await commentApp({ ...OPEN_SETTINGS, holdAll: true }, { smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
  try {
    const editor = await addUser(c.t, 'editor', { email: 'moderator@example.org' });
    const writer = await addUser(c.t, 'author', { email: 'writer@example.org' });
    await c.t.ctx.db.insertInto('article_authors').values({ article_id: c.articleId, author_id: writer.authorId, position: 1 }).execute();
    const res = await comment(c, { name: 'Smtp Reader', email: 'smtp.reader@example.net', body: 'Delivered by SMTP.' });
    assert.equal(res.statusCode, 303);
    assert.equal(smtp.received.length, 0, 'nothing is sent while the reader waits');
    while ((await c.t.jobs.runDueJobs(c.t.ctx, 10)) > 0);
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0]!.to, [editor.email]);
    const text = textOf(smtp.received[0]!.raw);
    assert.match(text, /is waiting for your approval/);
    assert.match(text, /Delivered by SMTP\./);
    const approve = linkIn(text, 'http://news.test', '/comments/action/?t=approve.');
    const t = new URL(approve, 'http://x').searchParams.get('t')!;
    const ok = await c.t.app.inject({ method: 'POST', url: '/comments/action/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${t}` });
    assert.equal(ok.statusCode, 200);
    assert.equal((await rows(c))[0]!.status, 'approved');
    while ((await c.t.jobs.runDueJobs(c.t.ctx, 10)) > 0);
    assert.equal(smtp.received.length, 2);
    assert.deepEqual(smtp.received[1]!.to, ['writer@example.org']);
    assert.match(textOf(smtp.received[1]!.raw), /Smtp Reader commented on your article/);
  } finally {
    await c.t.close();
    await smtp.stop();
  }
});

test(`with the SMTP server down the comment is stored at once, and its mail goes out when the server is back (${engineName})`, async () => {
  const smtp = await smtpServer();
  const c = await commentApp({ ...OPEN_SETTINGS, holdAll: true }, { smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
  try {
    await addUser(c.t, 'editor', { email: 'moderator@example.org' });
    await smtp.stop();
    const res = await comment(c, { name: 'Patient Reader', email: 'patient@example.net', body: 'Stored while mail is down.' });
    assert.equal(res.statusCode, 303);
    assert.equal((await rows(c)).length, 1, 'stored at once');
    const job = () => c.t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'mail.send').executeTakeFirstOrThrow();
    assert.equal((await job()).status, 'queued');

    assert.ok((await c.t.jobs.runDueJobs(c.t.ctx, 10)) >= 1); // the mail job (and the article's related-articles job)
    const failed = await job();
    assert.equal(failed.status, 'queued', 'kept for a retry');
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error!, /ECONNREFUSED/);
    assert.doesNotMatch(failed.last_error!, /@/);
    assert.equal(smtp.received.length, 0);

    await smtp.start();
    // The retry's time comes (moved forward rather than waited for).
    await c.t.ctx.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', failed.id).execute();
    assert.ok((await c.t.jobs.runDueJobs(c.t.ctx, 10)) >= 1); // the mail job (and the article's related-articles job)
    assert.equal((await job()).status, 'done');
    assert.equal(smtp.received.length, 1);
    assert.match(textOf(smtp.received[0]!.raw), /Stored while mail is down\./);
  } finally {
    await c.t.close();
    await smtp.stop();
  }
});
