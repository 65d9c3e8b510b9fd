// Patreon pledge webhooks against the fake's signing: X-Patreon-Signature (HMAC-MD5 of the body) verified, the
// patron list kept, and the appeal's "supported by N patrons" following it on the next request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineName } from '../../../test/db.js';
import { patreonWebhook, type FundingTest, withFundingApp } from './testing.js';

const patrons = (f: FundingTest) => f.t.ctx.db.selectFrom('funding_patrons').selectAll().orderBy('member_id').execute();
const line = (html: string) => /<p class="appeal-patrons">([^<]*)<\/p>/.exec(html)?.[1] ?? null;

test(`pledges create, update and delete patrons; the appeal counts active ones (${engineName})`, () =>
  withFundingApp(async (f) => {
    let page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.equal(line(page.body), null, 'no patrons, no line');
    assert.match(page.body, /href="https:\/\/www\.patreon\.com\/testoutlet"[^>]*>Become a patron</);

    const a = f.patreon.member({ id: 'member-a', name: 'Alice Patron', email: 'Alice@Example.net', cents: 500 });
    const b = f.patreon.member({ id: 'member-b', name: 'Bob Patron', cents: 1000 });
    assert.equal((await patreonWebhook(f, 'members:pledge:create', a)).statusCode, 200);
    assert.equal((await patreonWebhook(f, 'members:pledge:create', b)).statusCode, 200);
    page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.equal(line(page.body), 'Supported by 2 patrons on Patreon.');
    assert.doesNotMatch(page.body, /Alice|alice@example\.net/i, 'patron names and addresses stay private');

    const declined = f.patreon.member({ id: 'member-b', name: 'Bob Patron', status: 'declined_patron', cents: 1000 });
    await patreonWebhook(f, 'members:pledge:update', declined);
    page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.equal(line(page.body), 'Supported by 1 patron on Patreon.');

    await patreonWebhook(f, 'members:pledge:delete', a);
    page = await f.t.app.inject({ method: 'GET', url: f.path });
    assert.equal(line(page.body), null);
    const rows = await patrons(f);
    assert.deepEqual(rows.map((r) => [r.member_id, r.patron_status, Number(r.deleted)]), [['member-a', 'former_patron', 1], ['member-b', 'declined_patron', 0]]);
    assert.equal(rows[0]!.email, 'alice@example.net');
  }));

test(`a bad Patreon signature is 400 and stores nothing; replays and parallel repeats apply once; others are noted (${engineName})`, () =>
  withFundingApp(async (f) => {
    const doc = f.patreon.member({ id: 'member-c' });
    const body = JSON.stringify(doc);
    for (const [what, opts] of [
      ['another secret', { secret: 'not-the-secret' }],
      ['no signature', { signature: '' }],
      ['not hex', { signature: 'zz'.repeat(16) }],
      ['a SHA-256 digest', { signature: 'ab'.repeat(32) }],
    ] as const) {
      const res = await patreonWebhook(f, 'members:pledge:create', doc, opts);
      assert.equal(res.statusCode, 400, `${what}: ${res.body}`);
    }
    const tampered = await f.t.app.inject({ method: 'POST', url: '/webhooks/patreon', headers: { 'content-type': 'application/json', 'x-patreon-event': 'members:pledge:create', 'x-patreon-signature': f.patreon.sign(body) }, payload: body.replace('member-c', 'member-x') });
    assert.equal(tampered.statusCode, 400);
    assert.equal((await patrons(f)).length, 0);
    assert.equal((await f.t.ctx.db.selectFrom('funding_webhook_events').selectAll().execute()).length, 0);

    const all = await Promise.all([patreonWebhook(f, 'members:pledge:create', doc), patreonWebhook(f, 'members:pledge:create', doc), patreonWebhook(f, 'members:pledge:create', doc)]);
    assert.deepEqual(all.map((r) => r.statusCode), [200, 200, 200]);
    assert.equal(all.filter((r) => !r.json().duplicate).length, 1);
    assert.equal((await patrons(f)).length, 1);

    const other = await patreonWebhook(f, 'posts:publish', { data: { type: 'post', id: '1' } });
    assert.equal(other.statusCode, 200);
    assert.equal(other.json().outcome, 'ignored');
    const bad = await patreonWebhook(f, 'members:pledge:create', {}, {}, '{"data": ');
    assert.equal(bad.statusCode, 400);
    const noData = await patreonWebhook(f, 'members:pledge:create', { errors: [] });
    assert.equal(noData.statusCode, 400);
    const badCents = await patreonWebhook(f, 'members:pledge:create', { data: { type: 'member', id: 'm-9', attributes: { currently_entitled_amount_cents: -5 } } });
    assert.equal(badCents.statusCode, 400);
  }));
