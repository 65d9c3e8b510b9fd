// A fake of Patreon for Broadside: the creator page a "Become a patron" link opens, and the pledge webhooks
// (members:pledge:create / update / delete, API v2 JSON:API member documents) signed as Patreon signs them:
// X-Patreon-Signature is the hex HMAC-MD5 of the raw body under the webhook secret; X-Patreon-Event names the event.
import { createHmac, randomBytes } from 'node:crypto';
import { post, startFake, type FakeServer } from './server.js';

export interface FakePatreon {
  base: string;
  pageUrl: string;
  secret: string;
  member(o: { id?: string; status?: string; name?: string; email?: string; cents?: number; currency?: string }): object;
  sign(body: string, secret?: string): string;
  deliver(url: string, event: string, doc: object, opts?: { secret?: string; signature?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startFakePatreon(opts: { secret?: string } = {}): Promise<FakePatreon> {
  const secret = opts.secret ?? randomBytes(24).toString('base64url');
  const server: FakeServer = await startFake((r) =>
    r.method === 'GET' && r.path === '/c/test-outlet' ? { status: 200, body: '<!doctype html><title>Test Outlet on Patreon</title><h1>Become a patron of Test Outlet</h1>' } : { status: 404, body: { errors: [{ status: '404', title: 'Not found' }] } },
  );
  const fake: FakePatreon = {
    base: server.base,
    pageUrl: `${server.base}/c/test-outlet`,
    secret,
    member(o) {
      const memberId = o.id ?? `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`;
      return {
        data: {
          type: 'member',
          id: memberId,
          attributes: {
            full_name: o.name ?? 'Pat Ron',
            email: o.email ?? 'pat.ron@example.net',
            patron_status: o.status ?? 'active_patron',
            currently_entitled_amount_cents: o.cents ?? 500,
            currency: o.currency ?? 'EUR',
            pledge_relationship_start: new Date().toISOString(),
            last_charge_status: 'Paid',
          },
          relationships: { campaign: { data: { type: 'campaign', id: '123456' } }, user: { data: { type: 'user', id: '98765' } } },
        },
        included: [{ type: 'campaign', id: '123456', attributes: { vanity: 'test-outlet' } }],
        links: { self: `${server.base}/api/oauth2/v2/members/${memberId}` },
      };
    },
    sign(body, s) {
      return createHmac('md5', s ?? secret).update(body).digest('hex');
    },
    deliver(url, event, doc, o = {}) {
      const body = JSON.stringify(doc);
      return post(url, body, { 'content-type': 'application/json', 'x-patreon-event': event, 'x-patreon-signature': o.signature ?? fake.sign(body, o.secret) });
    },
    close: () => server.close(),
  };
  return fake;
}
