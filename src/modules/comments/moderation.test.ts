// Moderation with WordPress's choices, the admin API (list, bulk, edit, open/close, settings), the signed links in
// the moderators' mail, the trash emptying itself, and the mails to authors and subscribed commenters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../test/db.js';
import { addUser, call, signIn } from '../editorial/auth/testing.js';
import { saveCommentSettings } from './operations/saveCommentSettings.js';
import { purgeTrash } from './operations/purgeTrash.js';
import { BROWSER_HEADERS, OPEN_SETTINGS, comment, commentApp, commentIdOf, linkIn, mails, rows, section, type CommentTest } from './testing.js';

const page = async (c: CommentTest, url = c.path) => (await c.t.app.inject({ method: 'GET', url, headers: BROWSER_HEADERS })).body;

test(`each hold rule holds, and an address with an approved comment is trusted (${engineName})`, async () => {
  const c = await commentApp({ ...OPEN_SETTINGS, holdFirstTime: true, moderationWords: ['casino'], maxLinks: 2 });
  try {
    const held = async (values: Record<string, string>, ip?: string) => {
      const res = await comment(c, values, ip ? { ip } : {});
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      return res.headers.location!.endsWith('#comment-pending');
    };
    assert.equal(await held({ email: 'new.person@example.net', body: 'My first words.' }), true, 'first-time commenter held');
    const first = (await rows(c))[0]!;
    assert.equal(first.status, 'pending');
    assert.equal(first.held_for, 'first comment from this address');
    // Approved once, the address is trusted.
    const owner = await addUser(c.t, 'editor');
    const s = await signIn(c.t, owner);
    const ok = await call(c.t, 'POST', 'comments/bulk', { ...s, body: { ids: [first.id], action: 'approve' } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(await held({ email: 'new.person@example.net', body: 'My second words.' }), false, 'trusted now');
    // More than two links.
    assert.equal(await held({ email: 'new.person@example.net', body: 'See https://a.example/ and https://b.example/ and www.c.example' }), true);
    assert.equal((await rows(c)).at(-1)!.held_for, 'more than 2 links');
    assert.equal(await held({ email: 'new.person@example.net', body: 'Two links: https://a.example/x https://b.example/y' }), false);
    // A moderation word, anywhere (here in the name).
    assert.equal(await held({ email: 'new.person@example.net', name: 'Casino King', body: 'Innocent words.' }), true);
    assert.equal((await rows(c)).at(-1)!.held_for, 'a moderation word');
    // Hold everything.
    await saveCommentSettings(c.t.ctx, { holdAll: true });
    assert.equal(await held({ email: 'new.person@example.net', body: 'Held because all are.' }), true);
  } finally {
    await c.t.close();
  }
});

test(`blocked words, addresses and IPs are refused with a 403 and the text kept; nothing is stored (${engineName})`, async () => {
  const c = await commentApp({ ...OPEN_SETTINGS, blockedWords: ['viagra', 'spammer@bad.example', '203.0.113.9'] });
  try {
    for (const [values, ip] of [
      [{ body: 'Cheap VIAGRA here.' }, undefined],
      [{ email: 'spammer@bad.example', body: 'Innocent.' }, undefined],
      [{ body: 'From a blocked address.' }, '203.0.113.9'],
    ] as const) {
      const res = await comment(c, values, ip ? { ip } : {});
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /cannot be published here: something in it is on the site’s blocked list/);
      assert.match(res.body, new RegExp(`${values.body.replace('.', '\\.')}</textarea>`));
      assert.doesNotMatch(res.body, /spammer@bad\.example/, 'the address is not written back into the page');
    }
    assert.equal((await rows(c)).length, 0);
  } finally {
    await c.t.close();
  }
});

test(`the admin lists, filters, approves, spams, trashes, deletes and edits; emails only here (${engineName})`, async () => {
  const c = await commentApp({ ...OPEN_SETTINGS, holdAll: true });
  try {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      await comment(c, { name: `Person ${i}`, email: `person${i}@example.net`, body: `Held comment ${i}.` });
      ids.push(Number((await rows(c)).at(-1)!.id));
    }
    const editor = await addUser(c.t, 'editor');
    const author = await addUser(c.t, 'author');
    const s = await signIn(c.t, editor);
    const a = await signIn(c.t, author);

    assert.equal((await call(c.t, 'GET', 'comments')).statusCode, 401);
    const forbidden = await call(c.t, 'GET', 'comments', a);
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().error.code, 'BROADSIDE_E_FORBIDDEN');
    const noCsrf = await call(c.t, 'POST', 'comments/bulk', { cookie: s.cookie, body: { ids, action: 'approve' } });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().error.code, 'BROADSIDE_E_CSRF');

    const list = await call(c.t, 'GET', 'comments?status=pending', s);
    assert.equal(list.statusCode, 200);
    const body = list.json();
    assert.equal(body.total, 4);
    assert.deepEqual(body.counts, { pending: 4, approved: 0, spam: 0, trash: 0 });
    assert.equal(body.items[0].authorEmail, 'person3@example.net', 'moderators see the address');
    assert.equal(body.items[0].articleId, c.articleId);
    assert.equal(list.headers['cache-control'], 'no-store');
    assert.equal((await call(c.t, 'GET', `comments?article=${c.articleId}&status=approved`, s)).json().total, 0);
    const bad = await call(c.t, 'GET', 'comments?status=bogus', s);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'status');

    await page(c);
    const approve = await call(c.t, 'POST', 'comments/bulk', { ...s, body: { ids: [ids[0], ids[1], 999999], action: 'approve' } });
    assert.equal(approve.statusCode, 200);
    assert.deepEqual(approve.json(), { done: [ids[0], ids[1]], missing: [999999] });
    let s1 = section(await page(c));
    assert.match(s1, /Held comment 0\./);
    assert.match(s1, /Held comment 1\./);
    assert.match(s1, /2 comments on/);

    assert.equal((await call(c.t, 'POST', 'comments/bulk', { ...s, body: { ids: [ids[1]], action: 'spam' } })).statusCode, 200);
    assert.equal((await call(c.t, 'POST', 'comments/bulk', { ...s, body: { ids: [ids[2]], action: 'trash' } })).statusCode, 200);
    assert.equal((await call(c.t, 'POST', 'comments/bulk', { ...s, body: { ids: [ids[3]], action: 'delete' } })).statusCode, 200);
    s1 = section(await page(c));
    assert.match(s1, /1 comment on/);
    assert.doesNotMatch(s1, /Held comment 1\./);
    const counts = (await call(c.t, 'GET', 'comments', s)).json().counts;
    assert.deepEqual(counts, { pending: 0, approved: 1, spam: 1, trash: 1 });
    const wrong = await call(c.t, 'POST', 'comments/bulk', { ...s, body: { ids: [ids[0]], action: 'publish' } });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.field, 'action');
    assert.equal((await call(c.t, 'POST', 'comments/bulk', { ...s, body: { ids: [], action: 'approve' } })).statusCode, 400);

    // Edit: text and name change on the page; a bad website is refused and nothing changes.
    const patched = await call(c.t, 'PATCH', `comments/${ids[0]}`, { ...s, body: { body: 'Edited by the desk.', authorName: 'Renamed' } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().body, 'Edited by the desk.');
    assert.match(section(await page(c)), /Renamed[\s\S]*Edited by the desk\./);
    const badUrl = await call(c.t, 'PATCH', `comments/${ids[0]}`, { ...s, body: { authorUrl: 'javascript:alert(1)', body: 'Not saved.' } });
    assert.equal(badUrl.statusCode, 400);
    assert.equal(badUrl.json().error.field, 'authorUrl');
    assert.equal((await rows(c)).find((r) => r.id === ids[0])!.body, 'Edited by the desk.');
    assert.equal((await call(c.t, 'PATCH', `comments/${ids[0]}`, { ...s, body: { status: 'trash' } })).json().status, 'trash');
    assert.equal((await call(c.t, 'PATCH', 'comments/424242', { ...s, body: { status: 'trash' } })).statusCode, 404);
    assert.match(section(await page(c)), /Be the first to comment/);

    // Opening and closing by hand.
    const closed = await call(c.t, 'POST', `articles/${c.articleId}/comments-open`, { ...s, body: { open: false } });
    assert.equal(closed.statusCode, 200);
    assert.equal(closed.json().open, false);
    assert.match(section(await page(c)), /Comments are closed/);
    assert.equal((await call(c.t, 'POST', `articles/${c.articleId}/comments-open`, { ...s, body: { open: 'yes' } })).statusCode, 400);
    assert.equal((await call(c.t, 'POST', 'articles/999999/comments-open', { ...s, body: { open: true } })).statusCode, 404);
    assert.equal((await call(c.t, 'POST', `articles/${c.articleId}/comments-open`, { ...s, body: { open: null } })).json().mode, 'auto');
  } finally {
    await c.t.close();
  }
});

test(`settings are read and written through the API with defaults and clear errors (${engineName})`, async () => {
  const c = await commentApp({});
  try {
    const editor = await addUser(c.t, 'editor');
    const s = await signIn(c.t, editor);
    const got = (await call(c.t, 'GET', 'comments/settings', s)).json();
    assert.equal(got.maxDepth, 5);
    assert.equal(got.maxLinks, 2);
    assert.equal(got.holdFirstTime, true);
    assert.equal(got.order, 'oldest');
    assert.deepEqual(got.limits, { burst: 1, burstSeconds: 15, hourly: 10 });
    const put = await call(c.t, 'PUT', 'comments/settings', { ...s, body: { maxDepth: 2, moderationWords: 'one\ntwo\n\n', avatars: false } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().maxDepth, 2);
    assert.deepEqual(put.json().moderationWords, ['one', 'two']);
    assert.equal(put.json().maxLinks, 2, 'others keep their values');
    for (const [bad, field] of [
      [{ maxDepth: 0 }, 'maxDepth'],
      [{ order: 'random' }, 'order'],
      [{ limits: { burst: -1 } }, 'limits.burst'],
      [{ nonsense: true }, 'nonsense'],
      [{ holdAll: 'yes' }, 'holdAll'],
    ] as const) {
      const res = await call(c.t, 'PUT', 'comments/settings', { ...s, body: bad });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.field, field);
    }
    assert.equal((await call(c.t, 'GET', 'comments/settings', s)).json().maxDepth, 2, 'a refused change changes nothing');
    const author = await signIn(c.t, await addUser(c.t, 'author'));
    assert.equal((await call(c.t, 'PUT', 'comments/settings', { ...author, body: { maxDepth: 3 } })).statusCode, 403);
  } finally {
    await c.t.close();
  }
});

test(`moderators are mailed a held comment with signed one-click links that work once confirmed (${engineName})`, async () => {
  const c = await commentApp({ ...OPEN_SETTINGS, holdAll: true });
  try {
    const editor = await addUser(c.t, 'editor', { email: 'desk.editor@example.org' });
    await addUser(c.t, 'contributor', { email: 'not.a.moderator@example.org' });
    await page(c);
    await comment(c, { name: 'Waiting Person', email: 'waiting@example.net', body: 'Approve me, please.' });
    const m = (await mails(c.t)).filter((x) => /Please moderate/.test(x.subject));
    assert.deepEqual(
      m.map((x) => x.to),
      [editor.email],
    );
    const text = m[0]!.text;
    assert.match(text, /Approve me, please\./);
    assert.match(text, /Email: waiting@example\.net/);
    const approve = linkIn(text, 'http://news.test', '/comments/action/?t=approve.');
    linkIn(text, 'http://news.test', '/comments/action/?t=spam.');
    linkIn(text, 'http://news.test', '/comments/action/?t=trash.');

    // Opening the link (a mail scanner would) changes nothing: it asks first.
    const ask = await c.t.app.inject({ method: 'GET', url: approve });
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /Approve this comment\?/);
    assert.match(ask.body, /<meta name="robots" content="noindex"/);
    assert.equal(ask.headers['cache-control'], 'no-store');
    assert.equal((await rows(c))[0]!.status, 'pending');
    const token = new URL(approve, 'http://x').searchParams.get('t')!;
    const done = await c.t.app.inject({ method: 'POST', url: '/comments/action/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${encodeURIComponent(token)}` });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /The comment is approved and published\./);
    assert.equal((await rows(c))[0]!.status, 'approved');
    assert.match(section(await page(c)), /Approve me, please\./);
    // Again: already done.
    assert.match((await c.t.app.inject({ method: 'GET', url: approve })).body, /Already done/);

    // A tampered or cut link is refused; so is one past its time.
    const tampered = token.replace(/^approve\.(\d+)/, (_m, id) => `approve.${Number(id) + 1}`);
    assert.equal((await c.t.app.inject({ method: 'GET', url: `/comments/action/?t=${tampered}` })).statusCode, 400);
    assert.equal((await c.t.app.inject({ method: 'GET', url: `/comments/action/?t=${token.slice(0, -3)}` })).statusCode, 400);
    const { actionToken, keysFor } = await import('./signing.js');
    const old = actionToken(await keysFor(c.t.ctx.db), 'trash', Number((await rows(c))[0]!.id), 1000, Date.now() - 10_000);
    const expired = await c.t.app.inject({ method: 'GET', url: `/comments/action/?t=${old}` });
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /This link has expired/);
  } finally {
    await c.t.close();
  }
});

test(`the article's authors hear of published comments; subscribers of replies after a double opt-in (${engineName})`, async () => {
  const c = await commentApp();
  try {
    // A staff user whose byline the article carries (users.author_id).
    const writer = await addUser(c.t, 'author', { email: 'the.writer@example.org' });
    await c.t.ctx.db.insertInto('article_authors').values({ article_id: c.articleId, author_id: writer.authorId, position: 1 }).execute();
    const top = commentIdOf(await comment(c, { name: 'Subscriber', email: 'sub@example.net', body: 'Tell me of replies.', notify: '1' }));
    let all = await mails(c.t);
    const toWriter = all.filter((x) => x.to === 'the.writer@example.org');
    assert.equal(toWriter.length, 1);
    assert.match(toWriter[0]!.subject, /New comment on/);
    assert.match(toWriter[0]!.text, /Tell me of replies\./);
    assert.doesNotMatch(toWriter[0]!.text, /sub@example\.net/, 'authors are not given commenters’ addresses');
    const optIn = all.filter((x) => x.to === 'sub@example.net');
    assert.equal(optIn.length, 1);
    assert.match(optIn[0]!.subject, /Confirm/);
    assert.equal((await rows(c))[0]!.notify, 'pending');

    // Before confirming, a reply sends the subscriber nothing.
    await comment(c, { name: 'Replier', email: 'replier@example.net', body: 'First reply.', parent_id: String(top) });
    assert.equal((await mails(c.t)).filter((x) => x.to === 'sub@example.net').length, 1);

    const confirm = linkIn(optIn[0]!.text, 'http://news.test', '/comments/action/?t=confirm.');
    const t = new URL(confirm, 'http://x').searchParams.get('t')!;
    assert.match((await c.t.app.inject({ method: 'GET', url: confirm })).body, /Email me when someone replies\?/);
    assert.equal((await rows(c))[0]!.notify, 'pending', 'opening the link alone does not confirm');
    await c.t.app.inject({ method: 'POST', url: '/comments/action/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${t}` });
    assert.equal((await rows(c))[0]!.notify, 'confirmed');

    await comment(c, { name: 'Replier', email: 'replier@example.net', body: 'Second reply.', parent_id: String(top) });
    all = await mails(c.t);
    const replyMail = all.filter((x) => x.to === 'sub@example.net').at(-1)!;
    assert.match(replyMail.subject, /New reply to your comment/);
    assert.match(replyMail.text, /Second reply\./);
    assert.doesNotMatch(replyMail.text, /replier@example\.net/);
    // One click stops them.
    const unsub = linkIn(replyMail.text, 'http://news.test', '/comments/action/?t=unsubscribe.');
    const stopped = await c.t.app.inject({ method: 'GET', url: unsub });
    assert.equal(stopped.statusCode, 200);
    assert.match(stopped.body, /no more emails/);
    assert.equal((await rows(c))[0]!.notify, 'none');
    const before = (await mails(c.t)).filter((x) => x.to === 'sub@example.net').length;
    await comment(c, { name: 'Replier', email: 'replier@example.net', body: 'Third reply.', parent_id: String(top) });
    assert.equal((await mails(c.t)).filter((x) => x.to === 'sub@example.net').length, before);

    // The delete link in the mail removes the comment; its replies stay.
    await page(c);
    const del = linkIn(replyMail.text, 'http://news.test', '/comments/action/?t=delete.');
    assert.match((await c.t.app.inject({ method: 'GET', url: del })).body, /Delete your comment\?/);
    const dt = new URL(del, 'http://x').searchParams.get('t')!;
    const gone = await c.t.app.inject({ method: 'POST', url: '/comments/action/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${dt}` });
    assert.match(gone.body, /Your comment has been deleted\./);
    const s = section(await page(c));
    assert.doesNotMatch(s, /Tell me of replies\./);
    assert.match(s, /Second reply\./);
    assert.match(s, /<li class="comment depth-1"/);
  } finally {
    await c.t.close();
  }
});

test(`the trash empties itself after 30 days (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const a = commentIdOf(await comment(c, { body: 'Trash me.' }));
    const b = commentIdOf(await comment(c, { body: 'Reply to trashed.', parent_id: String(a) }));
    await c.t.ctx.db.updateTable('comments').set({ status: 'trash', status_changed_at: new Date().toISOString() }).where('id', '=', a).execute();
    assert.equal(await purgeTrash(c.t.ctx, Date.now() + 29 * 86_400_000), 0);
    assert.equal(await purgeTrash(c.t.ctx, Date.now() + 31 * 86_400_000), 1);
    const left = await rows(c);
    assert.deepEqual(left.map((r) => r.id), [b]);
    assert.equal(left[0]!.parent_id, null);
    // The clean-up is a queued job.
    const job = await c.t.ctx.db.selectFrom('jobs').select(['type', 'run_at']).where('type', '=', 'comments.maintenance').executeTakeFirst();
    assert.ok(job, 'queued when the app started');
  } finally {
    await c.t.close();
  }
});
