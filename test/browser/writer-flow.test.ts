// A new newsroom in Debian's Chromium, as its people would use it: the owner is created on the first visit and
// invites an author; the invitation is read from a real SMTP server (smtp-server, in this test) that the app's
// job worker sends to; the author accepts, signs in, writes an article with subheads, a link and an image
// (made here with sharp and uploaded through the editor's file input), saves a draft, previews it and schedules
// it; an editor publishes it; it is on the site with the image in srcset, without the photo's GPS position.
// Needs the admin bundle: build first (scripts/build.mjs puts it in <build dir>/admin).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, noChromium, freePort } from './chromium.js';
import { createTestApp, type TestApp } from '../app.js';
import { startSmtp, linkIn, type TestSmtp } from '../smtp.js';
import { defaultAdminBuildDir } from '../../src/modules/editorial/admin-app.js';
import { createStaffUser } from '../../src/modules/editorial/index.js';
import { CAMERA_MAKE, jpegWithExif, readExif } from '../../src/modules/media/test-images.js';

const ARTIFACTS = 'test-artifacts';
const built = existsSync(`${defaultAdminBuildDir()}/index.html`);
const skip = noChromium || (built ? false : 'the admin app is not built (run scripts/build.mjs first)');

const OWNER = { name: 'Rana Aziz', email: 'rana@news.test', password: 'correct horse battery staple' };
const AUTHOR = { name: 'Karim Daoud', email: 'karim@news.test', password: 'ink and river 2025' };
const EDITOR = { name: 'Huda Salman', email: 'huda@news.test', password: 'the desk never sleeps' };
const HEADLINE = 'What the drought left behind';

let app: TestApp;
let smtp: TestSmtp;
let browser: Browser;
let base: string;

before(async () => {
  if (skip) return;
  smtp = await startSmtp();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await createTestApp({ baseUrl: base, smtpUrl: smtp.url, mailFrom: 'Test Outlet <desk@news.test>' });
  await app.app.listen({ port, host: '127.0.0.1' });
  // The job worker (it sends the mail) and scheduled publishing, as `serve` runs them.
  app.startBackground();
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

/** Fails the test on any script error or CSP violation in the page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Admin' }).waitFor();
}

test('owner → invited author → draft, preview, schedule → editor publishes → on the site with srcset', { skip, timeout: 240_000 }, async () => {
  const pages: Page[] = [];
  try {
    // ---- The owner, on the very first visit ---------------------------------------------------------------
    const ownerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const owner = await ownerCtx.newPage();
    pages.push(owner);
    const ownerProblems = watch(owner);
    await owner.goto(`${base}/admin`);
    await owner.getByRole('heading', { name: 'Welcome to Broadside' }).waitFor();
    await owner.getByLabel('Your name').fill(OWNER.name);
    await owner.getByLabel('Email address').fill(OWNER.email);
    await owner.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await owner.getByLabel('Password again').fill(OWNER.password);
    await owner.getByRole('button', { name: 'Create the owner account' }).click();
    await owner.getByRole('navigation', { name: 'Admin' }).waitFor();
    const ownerRow = await app.ctx.db.selectFrom('users').select(['role', 'name']).where('email', '=', OWNER.email).executeTakeFirstOrThrow();
    assert.deepEqual(ownerRow, { role: 'owner', name: OWNER.name });
    // Mail goes out by SMTP here, so no "mail is written to files" banner.
    assert.equal(await owner.getByText('Mail is not being sent').count(), 0);

    // ---- The owner invites an author --------------------------------------------------------------------------
    await owner.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).click();
    await owner.getByRole('heading', { name: 'Users and invitations' }).waitFor();
    await owner.getByLabel('Name', { exact: true }).fill(AUTHOR.name);
    await owner.getByLabel('Email address').fill(AUTHOR.email);
    await owner.getByLabel('Role').selectOption('author');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText(`Invitation sent to ${AUTHOR.email}.`).waitFor();

    // ---- The invitation, as the SMTP server received it ------------------------------------------------------
    const mail = await smtp.waitFor((m) => m.to.includes(AUTHOR.email), 20_000);
    assert.equal(mail.subject, 'You are invited to join Test Outlet');
    assert.equal(mail.headers.from, 'Test Outlet <desk@news.test>');
    assert.match(mail.text, new RegExp(`${OWNER.name} invited you to join Test Outlet as an author`));
    const invite = linkIn(mail.text, '/admin/invite');
    assert.ok(invite.url.startsWith(`${base}/admin/invite?token=`), invite.url);

    // ---- The author accepts, and signs in -----------------------------------------------------------------------
    const authorCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const author = await authorCtx.newPage();
    pages.push(author);
    const authorProblems = watch(author);
    await author.goto(invite.url);
    await author.getByRole('heading', { name: 'Join the newsroom' }).waitFor();
    await author.getByLabel('Your name').fill(AUTHOR.name);
    await author.getByLabel('Password', { exact: true }).fill(AUTHOR.password);
    await author.getByLabel('Password again').fill(AUTHOR.password);
    await author.getByRole('button', { name: 'Create my account' }).click();
    await author.getByText('Your account is ready.').waitFor();
    await author.getByRole('button', { name: 'Continue' }).click();
    await author.getByRole('navigation', { name: 'Admin' }).waitFor();
    await author.getByRole('button', { name: 'Sign out' }).click();
    await author.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(author, AUTHOR);
    // An author sees no Users or Settings screens.
    assert.equal(await author.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' }).count(), 0);

    // ---- Writing: kicker, headline, standfirst, two subheads, a link, an image ------------------------------
    await author.getByRole('link', { name: 'New article' }).click();
    await author.getByRole('heading', { name: 'New article', level: 1 }).waitFor();
    await author.getByLabel('Kicker').fill('Water');
    await author.getByLabel('Headline').fill(HEADLINE);
    await author.getByLabel('Standfirst').fill('Three summers without rain, and a town that learned to share.');
    const body = author.locator('.ProseMirror');
    await body.click();
    await author.keyboard.type('The river used to reach the mill by June.');
    await author.keyboard.press('Enter');
    await author.getByRole('button', { name: 'Subhead', exact: true }).click();
    await author.keyboard.type('The first dry summer');
    await author.keyboard.press('Enter');
    await author.keyboard.type('Wells went down a metre a month.');
    await author.keyboard.press('Enter');
    // A link: the words typed, selected, and linked through the Link dialog.
    await author.keyboard.type('Read the council report');
    await author.keyboard.press('Shift+Home');
    await author.getByRole('button', { name: 'Link', exact: true }).click();
    const linkDialog = author.getByRole('dialog', { name: 'Link' });
    await linkDialog.getByLabel('Address').fill('https://council.example.org/drought-report');
    await linkDialog.getByRole('button', { name: 'Save link' }).click();
    // As a person would: go on once the dialog has gone and the caret is back in the text.
    await linkDialog.waitFor({ state: 'hidden' });
    await author.waitForFunction(() => !!document.activeElement?.closest('.ProseMirror'));
    await author.keyboard.press('End');
    await author.keyboard.press('Enter');
    await author.getByRole('button', { name: 'Subhead', exact: true }).click();
    await author.keyboard.type('Sharing the water');
    await author.keyboard.press('Enter');
    await author.keyboard.type('Now the farms take turns.');
    await author.keyboard.press('Enter');

    // The image: a photo made here, with a camera and a GPS position in its EXIF, through the file input.
    const photo = await jpegWithExif(2400, 1600);
    await author.getByRole('button', { name: 'Insert image', exact: true }).click();
    const picker = author.getByRole('dialog', { name: 'Insert an image' });
    await picker.waitFor();
    await picker.locator('input[type="file"]').setInputFiles({ name: 'dry-riverbed.jpg', mimeType: 'image/jpeg', buffer: photo });
    const details = author.getByRole('dialog', { name: 'Image details' });
    await details.getByLabel('Alt text').waitFor({ timeout: 30_000 });
    await details.getByLabel('Alt text').fill('Cracked mud where the river bed used to be');
    await details.getByLabel('Caption').fill('The river bed below the mill, in August.');
    await details.getByLabel('Credit').fill('Photo: Karim Daoud');
    await details.getByRole('button', { name: 'Insert image' }).click();
    await body.locator('figure img').waitFor();

    assert.deepEqual(await body.locator('h2').allInnerTexts(), ['The first dry summer', 'Sharing the water']);
    assert.equal(await body.locator('a[href="https://council.example.org/drought-report"]').innerText(), 'Read the council report');

    // ---- Save a draft ----------------------------------------------------------------------------------------------
    await author.getByRole('button', { name: 'Save', exact: true }).click();
    await author.locator('.save-state').filter({ hasText: /^Saved/ }).waitFor();
    const articleId = Number(/\/admin\/articles\/(\d+)$/.exec(new URL(author.url()).pathname)?.[1]);
    assert.ok(articleId > 0, `the address names the article (${author.url()})`);
    const row = await app.ctx.db.selectFrom('articles').select(['status', 'body_html', 'headline']).where('id', '=', articleId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'draft');
    assert.equal(row.headline, HEADLINE);
    assert.match(row.body_html, /<h2>The first dry summer<\/h2>/);
    assert.match(row.body_html, /<a href="https:\/\/council\.example\.org\/drought-report">Read the council report<\/a>/);
    assert.match(row.body_html, /<figure class="image"><picture><source type="image\/avif" srcset="\/media\/[0-9a-f]{32}\/w480\.avif 480w, /);
    await author.screenshot({ path: `${ARTIFACTS}/writer-draft.png` });

    // ---- Preview it (a new tab, the public page as it will look) ------------------------------------------------
    const [preview] = await Promise.all([author.waitForEvent('popup'), author.getByRole('link', { name: /^Preview/ }).click()]);
    pages.push(preview);
    await preview.waitForLoadState();
    assert.equal((await preview.locator('h1').innerText()).trim(), HEADLINE);
    assert.deepEqual((await preview.locator('.article-body h2').allInnerTexts()).map((s) => s.trim()), ['The first dry summer', 'Sharing the water']);
    assert.match((await preview.locator('.article-body figure img').getAttribute('srcset')) ?? '', /\/media\/[0-9a-f]{32}\/full\.jpg 2400w/);
    await preview.screenshot({ path: `${ARTIFACTS}/writer-preview.png`, fullPage: true });
    await preview.close();

    // ---- Schedule it for the day after tomorrow -------------------------------------------------------------------
    const when = await author.evaluate(() => {
      const d = new Date(Date.now() + 2 * 86_400_000);
      d.setSeconds(0, 0);
      const pad = (n: number) => String(n).padStart(2, '0');
      return { local: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`, iso: d.toISOString() };
    });
    await author.getByLabel('Publication date and time').fill(when.local);
    await author.getByRole('button', { name: 'Schedule', exact: true }).click();
    await author.locator('.editor-side .badge').filter({ hasText: 'Scheduled' }).waitFor();
    const scheduled = await app.ctx.db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', articleId).executeTakeFirstOrThrow();
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(new Date(scheduled.published_at!).toISOString(), when.iso);
    const planned = await app.ctx.db.selectFrom('articles').select(['slug', 'month_key']).where('id', '=', articleId).executeTakeFirstOrThrow();
    const publicPath = `/${planned.month_key!.replace('-', '/')}/${planned.slug}/`;
    assert.equal((await fetch(base + publicPath)).status, 404, 'not public before its time');
    assert.deepEqual(authorProblems, []);

    // ---- An editor publishes it now ---------------------------------------------------------------------------------
    await createStaffUser(app.ctx, { ...EDITOR, role: 'editor' });
    const editorCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const editor = await editorCtx.newPage();
    pages.push(editor);
    const editorProblems = watch(editor);
    await editor.goto(`${base}/admin/articles/${articleId}`);
    await signIn(editor, EDITOR);
    await editor.getByLabel('Headline').waitFor();
    assert.equal(await editor.getByLabel('Headline').inputValue(), HEADLINE);
    await editor.locator('.editor-side .badge').filter({ hasText: 'Scheduled' }).waitFor();
    await editor.getByRole('button', { name: 'Publish now', exact: true }).click();
    await editor.locator('.editor-side .badge').filter({ hasText: 'Published' }).waitFor();
    const published = await app.ctx.db.selectFrom('articles').select(['status', 'published_at', 'slug', 'month_key']).where('id', '=', articleId).executeTakeFirstOrThrow();
    assert.equal(published.status, 'published');
    assert.ok(Date.parse(published.published_at!) <= Date.now(), 'published now, not at the scheduled time');
    const path = `/${published.month_key!.replace('-', '/')}/${published.slug}/`;
    await editor.getByRole('link', { name: path }).waitFor();
    assert.deepEqual(editorProblems, []);

    // ---- On the site, as a reader sees it ----------------------------------------------------------------------------
    const readerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const reader = await readerCtx.newPage();
    pages.push(reader);
    const res = await reader.goto(base + path);
    assert.equal(res?.status(), 200);
    assert.equal((await reader.locator('h1').innerText()).trim(), HEADLINE);
    assert.equal((await reader.locator('.kicker').first().textContent())?.trim(), 'Water');
    assert.deepEqual((await reader.locator('.article-body h2').allInnerTexts()).map((s) => s.trim()), ['The first dry summer', 'Sharing the water']);
    assert.equal(await reader.locator('.article-body a[href="https://council.example.org/drought-report"]').count(), 1);
    assert.match(await reader.locator('.byline, .meta').first().innerText(), new RegExp(AUTHOR.name));
    const img = reader.locator('.article-body figure img');
    assert.equal(await img.getAttribute('alt'), 'Cracked mud where the river bed used to be');
    const srcset = (await img.getAttribute('srcset')) ?? '';
    const sources = await reader.locator('.article-body figure picture source').evaluateAll((els) => els.map((e) => ({ type: e.getAttribute('type'), srcset: e.getAttribute('srcset') ?? '' })));
    assert.match(srcset, /^\/media\/[0-9a-f]{32}\/full\.jpg 2400w$/, srcset);
    assert.deepEqual(sources.map((s) => s.type), ['image/avif', 'image/webp']);
    for (const s of sources) assert.deepEqual(s.srcset.split(', ').map((x) => Number(/ (\d+)w$/.exec(x)?.[1])), [480, 960, 1600, 2400], s.srcset);
    assert.match(await reader.locator('.article-body figcaption').innerText(), /The river bed below the mill, in August\.\s*Photo: Karim Daoud/);
    // The browser picked one of the variants and it loaded.
    await img.scrollIntoViewIfNeeded();
    await reader.waitForFunction(() => {
      const i = document.querySelector<HTMLImageElement>('.article-body figure img');
      return !!i && i.complete && i.naturalWidth > 0;
    });
    const chosen = await img.evaluate((i: HTMLImageElement) => i.currentSrc);
    assert.match(chosen, /\/media\/[0-9a-f]{32}\/w\d+\.(avif|webp)$/, `a resized variant was chosen (${chosen})`);
    // What the reader downloads has no camera or GPS data.
    const bytes = Buffer.from(await (await fetch(chosen)).arrayBuffer());
    const meta = await sharp(bytes).metadata();
    const exif = readExif(meta.exif);
    assert.ok(!exif || (!exif.hasGps && !exif.make), 'no GPS or camera in the served image');
    assert.equal(bytes.includes(CAMERA_MAKE), false);
    await reader.screenshot({ path: `${ARTIFACTS}/writer-published.png`, fullPage: true });

    // On the home page too.
    await reader.goto(`${base}/`);
    await reader.getByRole('link', { name: HEADLINE }).first().waitFor();
    assert.deepEqual(ownerProblems, []);
  } catch (err) {
    for (const [i, p] of pages.entries()) await p.screenshot({ path: `${ARTIFACTS}/writer-failure-${i}.png` }).catch(() => undefined);
    throw err;
  }
});
