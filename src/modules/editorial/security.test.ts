// Security of the editorial side, end to end through the API: guessing passwords is slowed and then locked (a
// reset unlocks), stored XSS in every field an editor fills in is inert on every public page, and files that are
// not images are refused whatever their name. (CSRF on every route: permissions.test.ts; the admin in Chromium:
// test/browser/admin-xss.test.ts; metadata stripping: media/operations/uploadImage.test.ts and media/routes.test.ts.)
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { engineName } from '../../../test/db.js';
import { addUser, ago, call, mailedToken, MINUTE } from './auth/testing.js';
import { api, expectStatus, person, type Person } from './articles/testing.js';
import { multipartBody, png } from '../media/test-images.js';
import { attack, inertProblems, MARKS, seedXss, type XssFixture } from './xss-testing.js';

describe(`sign-in guessing: slowed, then locked (${engineName})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  let n = 0;
  /** Every attempt from a new address, so that only the per-account counts apply. */
  const attempt = (email: string, password: string) => call(t, 'POST', 'session', { body: { email, password }, ip: `10.77.${Math.floor(n / 250)}.${(n++ % 250) + 1}` });
  /** The 15-minute hold passes: every counted failure moves 16 minutes into the past. */
  const holdPasses = () => t.ctx.db.updateTable('auth_attempts').set({ at: ago(16 * MINUTE) }).where('scope', '=', 'login-account').execute();

  test('5 failures hold the account for 15 minutes; 20 within a day lock it until a reset by email', async () => {
    const u = await addUser(t, 'editor');
    // Slowed: five tries, then even the right password waits.
    for (let i = 0; i < 5; i++) assert.equal((await attempt(u.email, `wrong guess ${i}`)).statusCode, 401);
    const held = await attempt(u.email, u.password);
    assert.equal(held.statusCode, 429);
    assert.equal(held.json().error.code, 'BROADSIDE_E_RATE_LIMITED');
    assert.match(held.json().error.message, /Too many failed sign-ins\. Try again in 1[45] minutes/);
    const wait = Number(held.headers['retry-after']);
    assert.ok(wait > 14 * 60 && wait <= 15 * 60, `Retry-After ${wait}`);

    // Three more rounds of five, each after the hold: the guesses are counted, the hold comes back each time.
    for (let round = 2; round <= 4; round++) {
      await holdPasses();
      for (let i = 0; i < 5; i++) assert.equal((await attempt(u.email, `wrong guess ${round}.${i}`)).statusCode, 401, `round ${round}, try ${i + 1}`);
      assert.equal((await attempt(u.email, `wrong guess ${round}.x`)).statusCode, 429, `held after round ${round}`);
    }

    // Locked: twenty failures within a day. Waiting out the 15 minutes no longer helps, nor does the right password.
    await holdPasses();
    const locked = await attempt(u.email, u.password);
    assert.equal(locked.statusCode, 429);
    assert.match(locked.json().error.message, /This account is locked after too many failed sign-ins\. Reset its password by email/);
    assert.ok(Number(locked.headers['retry-after']) > 20 * 60 * 60, 'locked for the rest of the day');
    assert.equal(locked.headers['set-cookie'], undefined);
    await t.ctx.db.updateTable('auth_attempts').set({ at: ago(23 * 60 * MINUTE) }).where('scope', '=', 'login-account').execute();
    assert.equal((await attempt(u.email, u.password)).statusCode, 429, 'still locked 23 hours on');

    // An address without an account locks the same way and answers the same: nothing tells them apart.
    const ghost = 'nobody.at.all@example.org';
    for (let round = 1; round <= 4; round++) {
      for (let i = 0; i < 5; i++) await attempt(ghost, `wrong guess ${i}`);
      await t.ctx.db.updateTable('auth_attempts').set({ at: ago(16 * MINUTE) }).where('scope', '=', 'login-account').where('at', '>', ago(15 * MINUTE)).execute();
    }
    const ghostLocked = await attempt(ghost, 'any password at all');
    assert.equal(ghostLocked.statusCode, 429);
    assert.equal(ghostLocked.json().error.message.split(' Otherwise')[0], locked.json().error.message.split(' Otherwise')[0]);

    // The reset link (it proves the address) unlocks the account at once, with the new password only.
    assert.equal((await call(t, 'POST', 'password-reset', { body: { email: u.email }, ip: '10.78.0.1' })).statusCode, 202);
    const token = await mailedToken(t, u.email, '/admin/reset');
    assert.equal((await call(t, 'POST', 'password-reset/confirm', { body: { token, password: 'a new and better password' } })).statusCode, 200);
    assert.equal((await attempt(u.email, u.password)).statusCode, 401, 'the old password is gone');
    assert.equal((await attempt(u.email, 'a new and better password')).statusCode, 200, 'unlocked');
    // The other account stays locked.
    assert.equal((await attempt(ghost, 'any password at all')).statusCode, 429);
  });
});

describe(`stored XSS in every editor field is inert on the public site (${engineName})`, () => {
  let t: TestApp;
  let owner: Person;
  let fx: XssFixture;
  before(async () => {
    // No title from the environment: the site settings (with the attack in them) name the site.
    t = await createTestApp({ title: '', description: '' });
    owner = await person(t, 'owner');
    fx = await seedXss(t, owner);
  });
  after(() => t.close());

  const page = async (path: string) => {
    const res = await t.app.inject({ method: 'GET', url: path });
    assert.equal(res.statusCode, 200, `${path}: ${res.statusCode}`);
    return res.body;
  };
  /** The attack for `mark` is on the page, as text or an attribute value: it landed, and nothing of it runs. */
  const shows = (html: string, path: string, ...marks: string[]) => {
    for (const m of marks) assert.ok(html.includes(`data-xss=${m}`), `${path} shows the ${m} field`);
  };

  test('the home page: settings title and description, kicker, headline, standfirst, page title in the nav', async () => {
    const html = await page('/');
    assert.deepEqual(inertProblems(html), []);
    shows(html, '/', MARKS.settingsTitle, MARKS.settingsDescription, MARKS.kicker, MARKS.headline, MARKS.standfirst, MARKS.pageTitle);
    assert.ok(html.includes('&lt;script') && html.includes('&lt;/script'), 'shown as text, escaped');
  });

  test('the article page: its fields, the body, byline, tag and the image’s alt text, caption and credit', async () => {
    const html = await page(fx.articlePath);
    assert.deepEqual(inertProblems(html), []);
    shows(html, fx.articlePath, MARKS.kicker, MARKS.headline, MARKS.standfirst, MARKS.authorName, MARKS.tagName, MARKS.mediaAlt, MARKS.mediaCaption, MARKS.mediaCredit);
    assert.ok(html.includes(`Plain words for ${MARKS.body}.`), 'the body is there, minus the attack');
    assert.match(html, /<img src="\/media\/[0-9a-f]{32}\/full\.png"[^>]* srcset="/, 'the image itself stays');
    // The structured data holds the headline as data: parsed back, it is the text as typed.
    const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html);
    assert.ok(ld, 'JSON-LD present');
    assert.equal(JSON.parse(ld[1]!).headline, attack(MARKS.headline));
  });

  test('tag, author and page pages', async () => {
    for (const [path, marks] of [
      [fx.tagPath, [MARKS.tagName, MARKS.tagDescription]],
      [fx.authorPath, [MARKS.authorName, MARKS.authorBio]],
      [fx.pagePath, [MARKS.pageTitle]],
    ] as const) {
      const html = await page(path);
      assert.deepEqual(inertProblems(html), [], path);
      shows(html, path, ...marks);
    }
    assert.ok((await page(fx.pagePath)).includes(`Plain words for ${MARKS.pageBody}.`));
  });

  test('the preview, and the stored HTML the admin editor loads, are sanitised too', async () => {
    const preview = await api(t, owner, 'GET', `articles/${fx.articleId}/preview`);
    assert.equal(preview.statusCode, 200);
    assert.deepEqual(inertProblems(preview.body), []);
    const a = expectStatus(await api(t, owner, 'GET', `articles/${fx.articleId}`), 200).json();
    assert.deepEqual(inertProblems(a.bodyHtml), []);
    assert.equal(a.headline, attack(MARKS.headline), 'text fields keep what was typed: escaping is the views’ job');
    const p = expectStatus(await api(t, owner, 'GET', 'pages'), 200).json().items.find((x: { id: number }) => x.id === fx.pageId);
    assert.deepEqual(inertProblems(p.bodyHtml), []);
  });

  test('slugs with the attack are refused or made into plain slugs', async () => {
    assert.equal(fx.slugResults.length, 4);
    for (const r of fx.slugResults) {
      assert.ok(r.status === 400 || (r.status === 200 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.slug ?? '')), `${r.what}: ${r.status} ${r.slug}`);
    }
    // Public addresses never carry it.
    for (const path of [fx.articlePath, fx.tagPath, fx.authorPath, fx.pagePath]) assert.match(path, /^[a-z0-9/-]+$/, path);
  });
});

describe(`files that are not images are refused, whatever their name (${engineName})`, () => {
  let t: TestApp;
  let author: Person;
  before(async () => {
    t = await createTestApp();
    author = await person(t, 'author');
  });
  after(() => t.close());

  const upload = (name: string, type: string, data: Buffer) => {
    const { payload, headers } = multipartBody('file', name, type, data);
    return t.app.inject({ method: 'POST', url: '/api/admin/media', payload, headers: { ...headers, cookie: author.cookie, 'x-csrf-token': author.csrf } });
  };

  test('HTML named .jpg, HTML behind JPEG magic bytes, and SVG named .jpg: 415, nothing stored', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    const cases: [string, string, Buffer][] = [
      ['holiday.jpg', 'image/jpeg', html],
      ['holiday.jpeg', 'text/html', html],
      ['polyglot.jpg', 'image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html])],
      ['drawing.jpg', 'image/jpeg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>')],
    ];
    for (const [name, type, data] of cases) {
      const r = await upload(name, type, data);
      assert.equal(r.statusCode, 415, `${name}: ${r.statusCode} ${r.body}`);
      assert.equal(r.json().error.code, 'BROADSIDE_E_UNSUPPORTED_MEDIA', name);
      assert.equal(r.json().error.field, 'file');
    }
    const rows = await t.ctx.db.selectFrom('media').select('id').execute();
    assert.deepEqual(rows, []);
    // A real image still goes in.
    assert.equal((await upload('fine.png', 'image/png', await png(40, 30))).statusCode, 201);
  });
});
