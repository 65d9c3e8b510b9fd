// Spam defences, each tripped by a test: the honeypot, the minimum time, the signed expiring form token (also the
// CSRF defence), the Origin check, rate limits per address and per email, duplicates, the proof of work asked of
// doubtful posts, and a flood of 1,000 posts from one address. Every refusal keeps what was typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../test/db.js';
import { saveCommentSettings } from './operations/saveCommentSettings.js';
import { TOKEN_TTL_MS } from './signing.js';
import { checkPow, powChallenge, solvePow } from './pow.js';
import { BROWSER_HEADERS, OPEN_SETTINGS, agedToken, comment, commentApp, formFields, postForm, rows, type CommentTest } from './testing.js';

async function freshForm(c: CommentTest) {
  return formFields((await c.t.app.inject({ method: 'GET', url: c.path, headers: BROWSER_HEADERS })).body);
}

const person = { name: 'Real Person', email: 'real.person@example.net', body: 'A considered remark.' };

test(`the honeypot catches a bot that fills every field, and says so to a person (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const res = await comment(c, { ...person, homepage: 'http://spam.example' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /“Leave this field empty” was filled in/);
    assert.match(res.body, /A considered remark\.<\/textarea>/);
    assert.match(res.body, /name="name" type="text" value="Real Person"/);
    assert.equal((await rows(c)).length, 0);
  } finally {
    await c.t.close();
  }
});

test(`a form sent faster than a person can write is refused until the minimum time has passed (${engineName})`, async () => {
  const c = await commentApp({ ...OPEN_SETTINGS, minSeconds: 3 });
  try {
    const res = await comment(c, person);
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /quicker than a person can write\. Wait \d seconds?, then send your comment again/);
    assert.match(String(res.headers['retry-after']), /^[1-3]$/);
    // The same token is handed back, so waiting is enough.
    const again = formFields(res.body);
    assert.equal(again.body, person.body);
    const ok = await postForm(c.t, { ...again, email: person.email, ...(await agedToken(c, 3500)) });
    assert.equal(ok.statusCode, 303);
    assert.equal((await rows(c)).length, 1);
  } finally {
    await c.t.close();
  }
});

test(`a forged, foreign, missing or expired form token is refused, and a fresh form is given back (${engineName})`, async () => {
  const c = await commentApp();
  try {
    const f = await freshForm(c);
    const forged = await postForm(c.t, { ...f, ...person, sig: f.sig!.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')) });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /could not be checked/);
    const renewed = formFields(forged.body);
    assert.notEqual(renewed.sig, f.sig);
    assert.equal(renewed.body, person.body);
    assert.equal((await postForm(c.t, { ...renewed, email: person.email })).statusCode, 303, 'the renewed form works');

    const other = await postForm(c.t, { ...f, ...person, body: 'Other article.', article_id: String(c.articleId + 1000) });
    assert.ok([403, 404].includes(other.statusCode));
    const missing = await postForm(c.t, { ...person, body: 'No token at all.' });
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /missing its security fields/);
    const expired = await postForm(c.t, { ...f, ...person, body: 'An old form.', ...(await agedToken(c, TOKEN_TTL_MS + 60_000)) });
    assert.equal(expired.statusCode, 403);
    assert.match(expired.body, /has expired/);
    // Posted from another site (a browser says where from): refused.
    const foreign = await postForm(c.t, { ...f, ...person, body: 'Cross-site.' }, { headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.statusCode, 403);
    assert.match(foreign.body, /sent from another website/);
    const same = await postForm(c.t, { ...f, ...person, body: 'Same site.' }, { headers: { origin: 'http://news.test' } });
    assert.equal(same.statusCode, 303);
    assert.equal((await rows(c)).length, 2);
  } finally {
    await c.t.close();
  }
});

test(`rate limits: one comment in 15 s and ten an hour from one address, and the same per email (${engineName})`, async () => {
  const c = await commentApp({ ...OPEN_SETTINGS, limits: { burst: 1, burstSeconds: 15, hourly: 10 } });
  try {
    assert.equal((await comment(c, { body: 'One.' }, { ip: '198.51.100.7' })).statusCode, 303);
    const second = await comment(c, { body: 'Two, too soon.' }, { ip: '198.51.100.7' });
    assert.equal(second.statusCode, 429);
    assert.match(second.body, /Wait 1[0-5] seconds, then send this one again \(we kept what you wrote\)/);
    assert.match(second.body, /Two, too soon\.<\/textarea>/);
    assert.ok(Number(second.headers['retry-after']) >= 10);
    // Another address is not held back.
    assert.equal((await comment(c, { body: 'Another reader.' }, { ip: '198.51.100.8' })).statusCode, 303);
    // Per email, whatever the address.
    assert.equal((await comment(c, { email: 'same@example.net', body: 'Mail one.' }, { ip: '198.51.100.20' })).statusCode, 303);
    assert.equal((await comment(c, { email: 'same@example.net', body: 'Mail two.' }, { ip: '198.51.100.21' })).statusCode, 429);

    // Ten an hour: comments from more than 15 s ago still count.
    await saveCommentSettings(c.t.ctx, { limits: { burst: 100, burstSeconds: 15, hourly: 3 } });
    const ip = '198.51.100.30';
    for (let i = 0; i < 3; i++) assert.equal((await comment(c, { body: `Hourly ${i}.` }, { ip })).statusCode, 303);
    await c.t.ctx.db.updateTable('comments').set({ created_at: new Date(Date.now() - 30 * 60_000).toISOString() }).where('ip', '=', ip).execute();
    const fourth = await comment(c, { body: 'Hourly 4.' }, { ip });
    assert.equal(fourth.statusCode, 429);
    assert.match(fourth.body, /3 comments in the last hour, the most we take\. Try again in 3\d minutes/);
    assert.equal((await rows(c)).length, 6);
  } finally {
    await c.t.close();
  }
});

test(`the same comment twice is a duplicate (${engineName})`, async () => {
  const c = await commentApp();
  try {
    assert.equal((await comment(c, person, { ip: '192.0.2.1' })).statusCode, 303);
    const dup = await comment(c, { ...person, body: '  A CONSIDERED   remark. ' }, { ip: '192.0.2.2' });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /already said that/);
    // Someone else may say the same thing.
    assert.equal((await comment(c, { ...person, email: 'other@example.net' }, { ip: '192.0.2.3' })).statusCode, 303);
    assert.equal((await rows(c)).length, 2);
  } finally {
    await c.t.close();
  }
});

test(`doubtful posts need a proof of work from the page's script; without the script they wait for a moderator (${engineName})`, async () => {
  const bits = 10;
  const c = await commentApp({ ...OPEN_SETTINGS, powBits: bits });
  try {
    // New address + a form sent within seconds of rendering: doubtful.
    const noScript = await comment(c, { body: 'No JavaScript here.' });
    assert.equal(noScript.statusCode, 303);
    assert.match(noScript.headers.location!, /#comment-pending$/);
    assert.equal((await rows(c)).at(-1)!.held_for, 'unverified (no proof of work)');

    const f = await freshForm(c);
    const unsolved = await postForm(c.t, { ...f, ...person, body: 'Script ran, no proof.', powv: '1' });
    assert.equal(unsolved.statusCode, 400);
    assert.match(unsolved.body, /automatic check did not finish/);
    const challenge = powChallenge(c.articleId, Number(f.ts), f.sig!, 'Script ran, wrong proof.');
    let bad = 0;
    while (checkPow(challenge, String(bad), bits)) bad++;
    const wrong = await postForm(c.t, { ...f, ...person, body: 'Script ran, wrong proof.', powv: '1', pow: String(bad) });
    assert.equal(wrong.statusCode, 400);
    assert.equal((await rows(c)).length, 1);

    const solved = await comment(c, { ...person, body: 'Script ran and solved it.' }, { pow: bits });
    assert.equal(solved.statusCode, 303);
    assert.doesNotMatch(solved.headers.location!, /pending/);
    // A proof for other words does not carry over.
    const reuse = formFields((await c.t.app.inject({ method: 'GET', url: c.path, headers: BROWSER_HEADERS })).body);
    const pow = solvePow(powChallenge(c.articleId, Number(reuse.ts), reuse.sig!, 'Words one.'), bits);
    const moved = await postForm(c.t, { ...reuse, ...person, email: 'third@example.net', body: 'Words two.', powv: '1', pow }, { ip: '192.0.2.77' });
    assert.equal(moved.statusCode, 400);

    // Not doubtful (a trusted address, a form open a while, a browser's headers, no links): no proof needed.
    const calm = await postForm(c.t, { ...reuse, ...person, body: 'Calm and known.', ...(await agedToken(c, 60_000)) }, { ip: '192.0.2.99' });
    assert.equal(calm.statusCode, 303);
    assert.doesNotMatch(calm.headers.location!, /pending/);
  } finally {
    await c.t.close();
  }
});

test(`a flood of 1,000 posts from one address stores what the limits allow, and readers are still answered (${engineName})`, async () => {
  const c = await commentApp({ holdFirstTime: true });
  try {
    const f = { ...(await freshForm(c)), ...(await agedToken(c, 10 * 60_000)) };
    const statuses = new Map<number, number>();
    const started = Date.now();
    for (let i = 0; i < 1000 && Date.now() - started < 120_000; i++) {
      const res = await postForm(c.t, { ...f, name: `Bot ${i}`, email: `bot${i}@flood.example`, body: `Flood message ${i}.` }, { ip: '203.0.113.50' });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (i % 100 === 0) {
        const reader = await c.t.app.inject({ method: 'GET', url: c.path, headers: BROWSER_HEADERS, remoteAddress: '192.0.2.200' });
        assert.equal(reader.statusCode, 200);
      }
    }
    const elapsed = Date.now() - started;
    assert.equal([...statuses.values()].reduce((a, b) => a + b, 0), 1000, 'all 1,000 were sent and answered');
    // One in any 15 s, ten in an hour: a loop that took longer than 15 s may have had one more through per 15 s.
    const allowed = Math.min(10, Math.floor(elapsed / 15_000) + 1);
    const stored = (await rows(c)).length;
    assert.ok(stored >= 1 && stored <= allowed, `${stored} stored in ${elapsed} ms (at most ${allowed}): ${JSON.stringify([...statuses])}`);
    assert.equal(statuses.get(303), stored);
    assert.equal(statuses.get(429), 1000 - stored);
    assert.equal((await c.t.app.inject({ method: 'GET', url: '/', headers: BROWSER_HEADERS })).statusCode, 200);
    // A reader elsewhere can still comment.
    const other = await postForm(c.t, { ...f, ...person, ...(await agedToken(c, 60_000)) }, { ip: '192.0.2.201' });
    assert.equal(other.statusCode, 303);
  } finally {
    await c.t.close();
  }
});
