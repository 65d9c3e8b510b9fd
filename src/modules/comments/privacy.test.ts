// Commenters' email addresses are for moderation and notification only. Comments are posted with distinctive
// addresses through every path (published, held, replies, opt-in, remembered, refused), the mails are sent, and
// then every public URL (pages, comment pages, reply pages, feeds, sitemap, search, the public API) and every
// line the server logged are searched for them: none may appear, in any form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../config.js';
import { buildApp } from '../../app.js';
import { createTestDb, engineName } from '../../../test/db.js';
import { anArticle, anAuthor } from '../../../test/factories.js';
import { addUser } from '../editorial/auth/testing.js';
import { saveCommentSettings } from './operations/saveCommentSettings.js';
import { moderateComments } from './operations/moderateComments.js';
import { BROWSER_HEADERS, OPEN_SETTINGS, comment, formFields, postForm, type CommentTest } from './testing.js';
import type { TestApp } from '../../../test/app.js';

const SECRET_LOCALS = ['zq-private-4471', 'zq-hidden-8823', 'zq-unseen-1290', 'zq-refused-3307', 'zq-reply-6604'];
const emailOf = (local: string) => `${local}@secret-mailbox.example`;

test(`no commenter's email address appears on any public URL or in any log line (${engineName})`, async () => {
  const testDb = await createTestDb();
  const lines: string[] = [];
  const config = loadConfig({ BROADSIDE_DATA_DIR: testDb.dataDir, LOG_LEVEL: 'debug' }, { baseUrl: 'http://news.test', title: 'Privacy Outlet' });
  const built = await buildApp(config, { db: testDb, logStream: { write: (l: string) => void lines.push(l) } });
  const t = { ...built, testDb, config } as unknown as TestApp;
  try {
    const authorId = await anAuthor(t.ctx);
    const a = await anArticle(t.ctx, { authorIds: [authorId], headline: 'A private matter' });
    const row = await t.ctx.db.selectFrom('articles').select(['slug', 'month_key']).where('id', '=', a.id).executeTakeFirstOrThrow();
    const c: CommentTest = { t, articleId: a.id, path: `/${row.month_key!.replace('-', '/')}/${row.slug}/`, authorId };
    await saveCommentSettings(t.ctx, OPEN_SETTINGS);
    const writer = await addUser(t, 'author');
    await t.ctx.db.insertInto('article_authors').values({ article_id: a.id, author_id: writer.authorId, position: 1 }).execute();
    await addUser(t, 'editor');

    // Published, with a website, asking for replies, and remembered.
    const first = await comment(c, { name: 'Open Person', email: emailOf(SECRET_LOCALS[0]!), url: 'https://open.example', notify: '1', remember: '1', body: 'Public words.' });
    assert.equal(first.statusCode, 303);
    const firstId = Number(/#comment-(\d+)/.exec(first.headers.location!)![1]);
    const cookie = ([] as string[])
      .concat(first.headers['set-cookie'] as string[])
      .map((x) => x.split(';')[0])
      .join('; ');
    // Confirm the subscription, then a reply that notifies.
    const optIn = await t.ctx.db.selectFrom('jobs').select('payload').where('type', '=', 'mail.send').execute();
    const confirm = optIn.map((j) => JSON.parse(j.payload).text as string).map((x) => /\/comments\/action\/\?t=(confirm\.[^\s]+)/.exec(x)?.[1]).find(Boolean)!;
    await t.app.inject({ method: 'POST', url: '/comments/action/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${confirm}` });
    assert.equal((await comment(c, { name: 'Replying Person', email: emailOf(SECRET_LOCALS[4]!), body: 'A reply.', parent_id: String(firstId) })).statusCode, 303);
    // Remembered: posted with the address left empty.
    const f = formFields((await t.app.inject({ method: 'GET', url: `/comments/${firstId}/reply/`, headers: { cookie } })).body);
    assert.equal((await postForm(t, { ...f, email: '', body: 'Remembered address.' }, { headers: { cookie } })).statusCode, 303);
    // Held, then spam.
    await saveCommentSettings(t.ctx, { holdAll: true });
    await comment(c, { name: 'Held Person', email: emailOf(SECRET_LOCALS[1]!), body: 'Held words.' });
    await comment(c, { name: 'Spam Person', email: emailOf(SECRET_LOCALS[2]!), body: 'Spam words.' });
    const spam = await t.ctx.db.selectFrom('comments').select('id').where('author_name', '=', 'Spam Person').executeTakeFirstOrThrow();
    await moderateComments(t.ctx, [spam.id], 'spam', { baseUrl: config.baseUrl, title: 'Privacy Outlet' });
    await saveCommentSettings(t.ctx, { holdAll: false, limits: { burst: 1, burstSeconds: 15, hourly: 10 } });
    // Refused (too soon after the last one, from the same address): the page handed back must not carry it either.
    await comment(c, { name: 'Refused Person', email: emailOf(SECRET_LOCALS[3]!), body: 'First of two.' }, { ip: '198.51.100.99' });
    const refused = await comment(c, { name: 'Refused Person', email: emailOf(SECRET_LOCALS[3]!), body: 'Second of two.' }, { ip: '198.51.100.99' });
    assert.equal(refused.statusCode, 429);
    const dup = await comment(c, { name: 'Refused Person', email: emailOf(SECRET_LOCALS[3]!), body: 'First of two.' }, { ip: '198.51.100.98' });
    assert.ok(dup.statusCode >= 400);
    for (const r of [refused, dup]) for (const local of SECRET_LOCALS) assert.ok(!r.body.includes(local), `refusal page carries ${local}`);
    // Send every mail (into files: no SMTP configured), so the worker's log lines are in too.
    while ((await t.jobs.runDueJobs(t.ctx, 20)) > 0);
    assert.ok((await t.ctx.db.selectFrom('comments').select('id').execute()).length >= 6);

    // Crawl: every same-site link from the start pages, plus what has no link to it.
    const seeds = [
      '/',
      c.path,
      `${c.path}feed/`,
      '/comments/feed/',
      '/feed/',
      '/feed/atom/',
      '/sitemap.xml',
      '/robots.txt',
      '/opensearch.xml',
      '/search/?q=words',
      '/api/search?q=private',
      '/comments/remembered',
      `/comments/${firstId}/`,
      '/api/admin/openapi.json',
      '/api/admin/comments',
      `/comments/${spam.id}/reply/`,
    ];
    for (const r of await t.ctx.db.selectFrom('comments').select('id').execute()) seeds.push(`/comments/${r.id}/reply/`, `/comments/${r.id}/`);
    const seen = new Set<string>();
    const queue = [...seeds];
    let fetched = 0;
    while (queue.length && fetched < 400) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await t.app.inject({ method: 'GET', url, headers: BROWSER_HEADERS });
      fetched++;
      const text = `${JSON.stringify(res.headers)}\n${res.body}`.toLowerCase();
      for (const local of SECRET_LOCALS) assert.ok(!text.includes(local), `${url} (${res.statusCode}) shows ${local}`);
      assert.ok(!text.includes('secret-mailbox'), `${url} shows the mail domain`);
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) queue.push(String(res.headers.location).replace(/^http:\/\/news\.test/, '').split('#')[0]!);
      for (const m of res.body.matchAll(/(?:href|src|action)="([^"]+)"|<link>([^<]+)<\/link>|<loc>([^<]+)<\/loc>/g)) {
        const link = (m[1] ?? m[2] ?? m[3]!).replace(/&amp;/g, '&').replace(/^http:\/\/news\.test/, '').split('#')[0]!;
        if (link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/admin')) queue.push(link);
      }
    }
    assert.ok(fetched >= 25, `crawled ${fetched} URLs`);
    assert.ok(seen.has(`${c.path}comments/page/1/`) || seen.has(c.path));

    const log = lines.join('').toLowerCase();
    assert.ok(lines.length > 50, `the server logged (${lines.length} lines)`);
    for (const local of SECRET_LOCALS) assert.ok(!log.includes(local), `the log shows ${local}`);
    assert.ok(!log.includes('secret-mailbox'));
  } finally {
    await built.close();
    await testDb.close();
  }
});

test('the importers\' avatar seeder gives the same seeds as avatarSeed', async () => {
  const { avatarSeed, avatarSeeder } = await import('./signing.js');
  const keys = { sign: Buffer.alloc(32, 1), seal: Buffer.alloc(32, 2), avatar: Buffer.from('0123456789abcdef0123456789abcdef', 'hex') };
  const fast = avatarSeeder(keys);
  for (const e of ['reader@example.org', 'Ünïcode@Example.ORG', '', '192.0.2.7']) assert.equal(fast(e), avatarSeed(keys, e));
});
