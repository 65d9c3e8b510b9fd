// Comments in Debian's Chromium: a reader without JavaScript posts, is told the comment awaits moderation, sees it
// once approved, replies through the reply page; a reader with JavaScript replies in place (the form moves under
// the comment), the page's proof of work lets a doubtful post through, and the remembered name is filled in.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser } from 'playwright-core';
import { launchChromium, noChromium, freePort } from './chromium.js';
import { createTestApp, type TestApp } from '../app.js';
import { anArticle, anAuthor } from '../factories.js';
import { saveCommentSettings } from '../../src/modules/comments/operations/saveCommentSettings.js';
import { moderateComments } from '../../src/modules/comments/operations/moderateComments.js';
import { createStaffUser } from '../../src/modules/editorial/index.js';

const skip = noChromium;
const ARTIFACTS = 'test-artifacts';

let app: TestApp;
let browser: Browser;
let base: string;
let path: string;

before(async () => {
  if (skip) return;
  // The public URL is known before listening: admin sign-in checks the Origin against it.
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await createTestApp({ baseUrl: base });
  const authorId = await anAuthor(app.ctx);
  const a = await anArticle(app.ctx, { authorIds: [authorId], headline: 'Comments in a real browser' });
  const row = await app.ctx.db.selectFrom('articles').select(['slug', 'month_key']).where('id', '=', a.id).executeTakeFirstOrThrow();
  path = `/${row.month_key!.replace('-', '/')}/${row.slug}/`;
  await saveCommentSettings(app.ctx, { minSeconds: 1, powBits: 12, limits: { burst: 1000, burstSeconds: 15, hourly: 1000 } });
  await app.app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.close();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const comments = () => app.ctx.db.selectFrom('comments').selectAll().orderBy('id').execute();
const SITE = { baseUrl: 'http://127.0.0.1', title: 'Test Outlet' };

test('without JavaScript: post, the moderation notice, approval, and a reply through the reply page', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(base + path);
    assert.equal((await page.locator('.comments .comments-title').innerText()).trim(), 'Be the first to comment');
    assert.equal((await page.locator('#email-notes').innerText()).trim(), 'Your email address will not be published.');
    assert.equal(await page.locator('#homepage').isVisible(), false, 'the honeypot is hidden');
    assert.equal(await page.locator('#remember').isChecked(), false);
    assert.equal(await page.locator('#comment-pending').isVisible(), false);

    await page.fill('#comment', 'Written without JavaScript.\n\nSecond paragraph, see https://example.org/page.');
    await page.fill('#author', 'Plain Reader');
    await page.fill('#email', 'plain.reader@example.net');
    await wait(1100);
    await Promise.all([page.waitForURL(/#comment-pending$/), page.click('#comment-submit')]);
    assert.equal(new URL(page.url()).pathname, path);
    assert.equal(await page.locator('#comment-pending').isVisible(), true, 'the notice shows');
    assert.match(await page.locator('#comment-pending').innerText(), /awaiting moderation/);
    assert.equal(await page.locator('.comment').count(), 0);
    const [held] = await comments();
    assert.equal(held!.status, 'pending');
    assert.match(held!.held_for, /first comment from this address/);
    assert.match(held!.held_for, /unverified/, 'no script, so no proof of work');

    await moderateComments(app.ctx, [held!.id], 'approve', SITE);
    await page.goto(base + path);
    assert.equal((await page.locator('.comments .comments-title').innerText()).trim(), '1 comment on “Comments in a real browser”');
    const item = page.locator(`#comment-${held!.id}`);
    assert.equal(await item.locator('.comment-author').innerText(), 'Plain Reader');
    assert.equal(await item.locator('.comment-content p').count(), 2);
    assert.equal(await item.locator('.comment-content a').getAttribute('rel'), 'nofollow ugc noopener');

    await Promise.all([page.waitForURL(/\/reply\//), item.locator('.comment-reply-link').click()]);
    assert.equal((await page.locator('h1').innerText()).trim(), 'Reply to Plain Reader');
    await page.fill('#comment', 'A reply, still without JavaScript.');
    await page.fill('#author', 'Plain Reader');
    await page.fill('#email', 'plain.reader@example.net');
    await wait(1100);
    // Sent seconds after the page loaded, from an address that has just posted: doubtful, and without the
    // page's script there is no proof of work, so it waits for a moderator even from a trusted address.
    await Promise.all([page.waitForURL(/#comment-pending$/), page.click('#comment-submit')]);
    assert.equal(new URL(page.url()).pathname, path);
    const reply = (await comments()).at(-1)!;
    assert.equal(reply.status, 'pending');
    assert.equal(reply.held_for, 'unverified (no proof of work)');
    assert.equal(reply.parent_id, held!.id);
    await moderateComments(app.ctx, [reply.id], 'approve', SITE);
    await page.goto(base + path);
    assert.equal(await page.locator(`#comment-${held!.id} .children #comment-${reply.id}`).count(), 1, 'nested under its comment');
  } finally {
    await context.close();
  }
});

test('with JavaScript: reply in place, the proof of work, and the remembered name', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.goto(base + path);
    const top = (await comments())[0]!;
    const item = page.locator(`#comment-${top.id}`);
    await item.locator('> .comment-body .comment-reply-link').click();
    assert.equal(new URL(page.url()).pathname, path, 'no page change: the form moved');
    assert.equal(await page.locator(`#comment-${top.id} > #respond`).count(), 1);
    assert.equal(await page.locator('#comment_parent').inputValue(), String(top.id));
    assert.match(await page.locator('#reply-title').innerText(), /Reply to Plain Reader/);
    assert.equal(await page.locator('#cancel-comment-reply-link').isVisible(), true);
    await page.click('#cancel-comment-reply-link');
    assert.equal(await page.locator(`#comment-${top.id} #respond`).count(), 0, 'cancel puts it back');
    assert.equal(await page.locator('#comment_parent').inputValue(), '');
    await item.locator('> .comment-body .comment-reply-link').click();

    // A known address, but the form is sent seconds after loading from an address that just posted: doubtful,
    // so the page's script must show its proof of work for the comment to go straight up.
    await page.fill('#comment', 'Replying in place, with JavaScript.');
    await page.fill('#author', 'Script Reader');
    await page.fill('#email', 'plain.reader@example.net');
    await page.check('#remember');
    await wait(1100);
    await Promise.all([page.waitForURL(/#comment-\d+$/, { timeout: 30_000 }), page.click('#comment-submit')]);
    const mine = (await comments()).at(-1)!;
    assert.equal(mine.author_name, 'Script Reader');
    assert.equal(mine.status, 'approved', `held for: ${mine.held_for}`);
    assert.equal(mine.held_for, '');
    assert.equal(mine.parent_id, top.id);
    assert.equal(await page.locator(`#comment-${top.id} .children #comment-${mine.id}`).count(), 1);

    // Next visit: the name comes back; the address is remembered but never put in the page.
    await page.goto(base + path);
    await page.waitForFunction(() => (document.getElementById('author') as HTMLInputElement).value !== '');
    assert.equal(await page.locator('#author').inputValue(), 'Script Reader');
    assert.equal(await page.locator('#email').inputValue(), '');
    assert.match((await page.locator('#email').getAttribute('placeholder')) ?? '', /Remembered/);
    assert.ok(!(await page.content()).includes('plain.reader@example.net'));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#comments').screenshot({ path: `${ARTIFACTS}/comments.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the admin's Comments screen lists a held comment with its address and approves it", { skip }, async () => {
  await saveCommentSettings(app.ctx, { holdAll: true });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const reader = await context.newPage();
  await reader.goto(base + path);
  await reader.fill('#comment', 'Held for the admin screen.');
  await reader.fill('#author', 'Admin Screen Reader');
  await reader.fill('#email', 'screen.reader@example.net');
  await wait(1100);
  await Promise.all([reader.waitForURL(/#comment-pending$/), reader.click('#comment-submit')]);
  await context.close();
  const held = (await comments()).at(-1)!;
  assert.equal(held.status, 'pending');

  await createStaffUser(app.ctx, { email: 'screen.editor@example.org', name: 'Screen Editor', role: 'editor', password: 'a long enough password' });
  const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await admin.newPage();
  try {
    await page.goto(`${base}/admin/comments`);
    await page.getByLabel('Email address').fill('screen.editor@example.org');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('heading', { name: 'Comments', level: 1 }).waitFor();
    const row = page.locator('tr', { hasText: 'Held for the admin screen.' });
    await row.waitFor();
    assert.match(await row.innerText(), /screen\.reader@example\.net/, 'moderators see the address');
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Approve: 1 comment done/).waitFor();
    assert.equal((await comments()).find((c) => c.id === held.id)!.status, 'approved');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/comments-admin.png` });
  } finally {
    await admin.close();
    await saveCommentSettings(app.ctx, { holdAll: false });
  }
});
