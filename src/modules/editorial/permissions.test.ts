// Who may call what: EVERY route under /api/admin, called by nobody and by each role (contributor, author,
// editor, administrator, owner), against the explicit matrix below. The routes are read from the running app
// (Fastify's onRoute hook, its route tree and the OpenAPI document); a route without a line in the matrix fails
// the test, so a new route needs its permissions written down here. Then every state-changing route is sent
// cross-site without the CSRF token (as a forged form or fetch would be) and must be refused, changing nothing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { RouteOptions } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { engineName } from '../../../test/db.js';
import { DEFAULT_AUTH_POLICY } from './auth/policy.js';
import { createSession, SESSION_COOKIE } from './auth/sessions.js';
import { hashToken, newToken } from './auth/tokens.js';
import { insertStaffUser } from './auth/operations/createStaffUser.js';
import { addUser, type Res, type TestUser } from './auth/testing.js';
import type { Role } from './index.js';
import { multipartBody, png } from '../media/test-images.js';
import { mediaStoreFor, uploadImage } from '../media/index.js';

type Who = 'none' | Role;
const WHO: Who[] = ['none', 'contributor', 'author', 'editor', 'administrator', 'owner'];

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  multipart?: { payload: Buffer; headers: Record<string, string> };
  ip?: string;
}

interface Caller {
  who: Who;
  user: TestUser | null;
  /** A session made for this one call (so that sign-out and password changes cannot spoil the next). */
  session: { cookie: string; csrf: string } | null;
}

interface RouteSpec {
  /**
   * One mark per caller, in the order: none, contributor, author, editor, administrator, owner.
   * ✓ allowed (the answer is 2xx, or one of `ok`); ✗ refused (401 for nobody, 403 BROADSIDE_E_FORBIDDEN for a role).
   * For routes about an article, image or byline, this is someone else's.
   */
  who: string;
  /** The same for the caller's own article, image or byline. */
  own?: string;
  /** The request, with whatever it needs made first. `own`: about the caller's own thing. */
  make(c: Caller, own: boolean): Promise<Req>;
  /** Statuses that count as allowed besides 2xx ('reached': anything but 401/403 and 5xx). */
  ok?: number[] | 'reached';
  /** Puts things back after an allowed call (ownership, two-factor). */
  after?(c: Caller): Promise<void>;
}

let t: TestApp;
const people = {} as Record<Role, TestUser>;
let desk: { id: number };
let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;

async function mint(userId: number): Promise<{ cookie: string; csrf: string }> {
  const s = await createSession(t.ctx.db, DEFAULT_AUTH_POLICY, userId, {});
  return { cookie: `${SESSION_COOKIE}=${s.token}`, csrf: s.csrfToken };
}

function send(req: Req, session: { cookie: string; csrf?: string } | null, headers: Record<string, string> = {}): Promise<Res> {
  const h: Record<string, string> = { ...headers };
  if (session) {
    h.cookie = session.cookie;
    if (session.csrf) h['x-csrf-token'] = session.csrf;
  }
  let payload: string | Buffer | undefined;
  if (req.multipart) {
    Object.assign(h, req.multipart.headers);
    payload = req.multipart.payload;
  } else if (req.body !== undefined) {
    h['content-type'] = 'application/json';
    payload = JSON.stringify(req.body);
  }
  return t.app.inject({ method: req.method, url: req.url, headers: h, ...(payload !== undefined ? { payload } : {}), ...(req.ip ? { remoteAddress: req.ip } : {}) });
}

/** Done as the owner (to make fixtures): fails loudly if refused. */
async function asOwner(method: Req['method'], url: string, body?: unknown): Promise<any> {
  const res = await send({ method, url: `/api/admin/${url}`, body }, await mint(people.owner.id));
  if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.statusCode === 204 ? null : res.json();
}

/** A staff account made without scrypt (only the row matters): the target of user-management calls. */
async function victim(role: Role = 'contributor'): Promise<number> {
  const u = await insertStaffUser(t.ctx, { email: `victim.${uniq()}@example.org`, name: `Victim ${n}`, role, passwordHash: 'scrypt$1$1$1$AA==$AA==' }, new Date().toISOString());
  return u.id;
}

/** An article under someone else's byline (the desk's) or the caller's own. */
async function article(c: Caller, own: boolean, opts: { status?: 'draft' | 'published'; trashed?: boolean } = {}): Promise<{ id: number; revision: number }> {
  const authorIds = [own && c.user ? c.user.authorId : desk.id];
  const a = await asOwner('POST', 'articles', {
    headline: `Permission test ${uniq()}`,
    authorIds,
    ...(opts.status === 'published' ? { status: 'published', publishedAt: '2025-01-15T09:00:00Z' } : {}),
  });
  if (opts.trashed) await asOwner('POST', `articles/${a.id}/trash`);
  return { id: a.id, revision: a.revision };
}

async function firstRevision(id: number): Promise<number> {
  return (await asOwner('GET', `articles/${id}/revisions`)).items.at(-1).id;
}

/** An image uploaded by someone else (the owner) or by the caller. */
async function image(c: Caller, own: boolean): Promise<number> {
  const uploaderId = own && c.user ? c.user.id : people.owner.id;
  const media = await uploadImage(t.ctx, mediaStoreFor(t.config.dataDir), { buffer: await png(32, 24), filename: 'p.png', uploadedBy: uploaderId });
  return media.id;
}

const A = (path: string) => `/api/admin/${path}`;
const EVERYONE = '✓✓✓✓✓✓';
const STAFF = '✗✓✓✓✓✓';
const AUTHORS = '✗✗✓✓✓✓';
const EDITORS = '✗✗✗✓✓✓';
const ADMINS = '✗✗✗✗✓✓';
const OWNER = '✗✗✗✗✗✓';

/** The matrix. Keys are "METHOD path" with OpenAPI-style {params}. */
const MATRIX: Record<string, RouteSpec> = {
  // ---- First run, sessions, password reset (no session needed) --------------------------------------------
  'GET /api/admin/setup': { who: EVERYONE, make: async () => ({ method: 'GET', url: A('setup') }) },
  // There is an owner already: anyone may ask, everyone gets 409.
  'POST /api/admin/setup': { who: EVERYONE, ok: [409], make: async () => ({ method: 'POST', url: A('setup'), body: { email: `late.${uniq()}@example.org`, name: 'Late Owner', password: 'a long enough password' } }) },
  'GET /api/admin/session': { who: STAFF, make: async () => ({ method: 'GET', url: A('session') }) },
  'POST /api/admin/session': {
    who: EVERYONE,
    make: async (c) => {
      const u = c.user ?? people.contributor;
      return { method: 'POST', url: A('session'), body: { email: u.email, password: u.password } };
    },
  },
  'DELETE /api/admin/session': { who: STAFF, make: async () => ({ method: 'DELETE', url: A('session') }) },
  'POST /api/admin/session/revoke-all': { who: STAFF, make: async () => ({ method: 'POST', url: A('session/revoke-all') }) },
  'POST /api/admin/password-reset': { who: EVERYONE, make: async () => ({ method: 'POST', url: A('password-reset'), body: { email: people.author.email }, ip: `10.66.0.${n % 250}` }) },
  'POST /api/admin/password-reset/confirm': {
    who: EVERYONE,
    make: async () => {
      const token = newToken();
      const now = Date.now();
      await t.ctx.db
        .insertInto('password_resets')
        .values({ user_id: await victim(), token_hash: hashToken(token), created_at: new Date(now).toISOString(), expires_at: new Date(now + 3_600_000).toISOString(), used_at: null })
        .execute();
      return { method: 'POST', url: A('password-reset/confirm'), body: { token, password: 'a brand new password' } };
    },
  },

  // ---- Staff accounts, two-factor, ownership, invitations -----------------------------------------------------
  'GET /api/admin/users': { who: ADMINS, make: async () => ({ method: 'GET', url: A('users') }) },
  'POST /api/admin/users/me/password': {
    who: STAFF,
    make: async (c) => ({ method: 'POST', url: A('users/me/password'), body: { current: c.user?.password ?? 'x'.repeat(12), next: c.user?.password ?? 'x'.repeat(12) } }),
  },
  'PATCH /api/admin/users/{id}': { who: ADMINS, make: async () => ({ method: 'PATCH', url: A(`users/${await victim()}`), body: { name: 'Renamed Person' } }) },
  'DELETE /api/admin/users/{id}': { who: ADMINS, make: async () => ({ method: 'DELETE', url: A(`users/${await victim()}`) }) },
  'POST /api/admin/totp/setup': {
    who: STAFF,
    make: async () => ({ method: 'POST', url: A('totp/setup') }),
    after: async (c) => void (await t.ctx.db.updateTable('users').set({ totp_secret: null }).where('id', '=', c.user!.id).execute()),
  },
  'POST /api/admin/totp/enable': {
    who: STAFF,
    make: async (c) => {
      let code = '123456';
      if (c.session) {
        const r = await send({ method: 'POST', url: A('totp/setup') }, c.session);
        if (r.statusCode === 200) code = TOTP.generate({ secret: Secret.fromBase32(r.json().secret) });
      }
      return { method: 'POST', url: A('totp/enable'), body: { code } };
    },
    after: async (c) => void (await t.ctx.db.updateTable('users').set({ totp_enabled: 0, totp_secret: null, totp_last_counter: null }).where('id', '=', c.user!.id).execute()),
  },
  'DELETE /api/admin/totp': { who: STAFF, make: async (c) => ({ method: 'DELETE', url: A('totp'), body: { password: c.user?.password ?? 'x'.repeat(12) } }) },
  'POST /api/admin/ownership': {
    who: OWNER,
    make: async () => ({ method: 'POST', url: A('ownership'), body: { userId: await victim('administrator') } }),
    // Hand it back: the matrix goes on with the same owner.
    after: async () => {
      await t.ctx.db.updateTable('users').set({ role: 'administrator' }).where('role', '=', 'owner').execute();
      await t.ctx.db.updateTable('users').set({ role: 'owner' }).where('id', '=', people.owner.id).execute();
    },
  },
  'GET /api/admin/invitations': { who: ADMINS, make: async () => ({ method: 'GET', url: A('invitations') }) },
  'POST /api/admin/invitations': { who: ADMINS, make: async () => ({ method: 'POST', url: A('invitations'), body: { email: `invitee.${uniq()}@example.org`, role: 'author', name: 'New Colleague' } }) },
  'POST /api/admin/invitations/accept': {
    who: EVERYONE,
    make: async () => {
      const token = newToken();
      const now = Date.now();
      await t.ctx.db
        .insertInto('invitations')
        .values({
          email: `accepts.${uniq()}@example.org`,
          name: 'Invited',
          role: 'contributor',
          token_hash: hashToken(token),
          invited_by: people.owner.id,
          created_at: new Date(now).toISOString(),
          expires_at: new Date(now + 86_400_000).toISOString(),
          accepted_at: null,
          revoked_at: null,
        })
        .execute();
      return { method: 'POST', url: A('invitations/accept'), body: { token, name: 'Invited Person', password: 'my chosen password' } };
    },
  },
  'DELETE /api/admin/invitations/{id}': {
    who: ADMINS,
    make: async () => {
      const inv = await asOwner('POST', 'invitations', { email: `revoke.${uniq()}@example.org`, role: 'author', name: 'To Revoke' });
      return { method: 'DELETE', url: A(`invitations/${inv.invitation.id}`) };
    },
  },

  // ---- Media library: authors and above; someone else's image is an editor's to delete ----------------------
  'POST /api/admin/media': { who: AUTHORS, make: async () => ({ method: 'POST', url: A('media'), multipart: multipartBody('file', 'photo.png', 'image/png', await png(48, 32), { alt: 'A test' }) }) },
  'GET /api/admin/media': { who: AUTHORS, make: async () => ({ method: 'GET', url: A('media') }) },
  'GET /api/admin/media/{id}': { who: AUTHORS, make: async (c, own) => ({ method: 'GET', url: A(`media/${await image(c, own)}`) }) },
  'PATCH /api/admin/media/{id}': { who: EDITORS, own: AUTHORS, make: async (c, own) => ({ method: 'PATCH', url: A(`media/${await image(c, own)}`), body: { alt: 'Described' } }) },
  'DELETE /api/admin/media/{id}': { who: EDITORS, own: AUTHORS, make: async (c, own) => ({ method: 'DELETE', url: A(`media/${await image(c, own)}`) }) },

  // ---- Articles: editors any; authors their own (publish too); contributors edit their own drafts ----------
  'GET /api/admin/articles': { who: STAFF, make: async () => ({ method: 'GET', url: A('articles') }) },
  'POST /api/admin/articles': { who: STAFF, make: async () => ({ method: 'POST', url: A('articles'), body: { headline: `New piece ${uniq()}` } }) },
  'POST /api/admin/articles/bulk': { who: STAFF, make: async (c, own) => ({ method: 'POST', url: A('articles/bulk'), body: { ids: [(await article(c, own)).id], action: 'trash' } }) },
  'GET /api/admin/articles/{id}': { who: EDITORS, own: STAFF, make: async (c, own) => ({ method: 'GET', url: A(`articles/${(await article(c, own)).id}`) }) },
  'PUT /api/admin/articles/{id}': {
    who: EDITORS,
    own: STAFF,
    make: async (c, own) => {
      const a = await article(c, own);
      return { method: 'PUT', url: A(`articles/${a.id}`), body: { revision: a.revision, standfirst: 'Edited.' } };
    },
  },
  'DELETE /api/admin/articles/{id}': { who: EDITORS, own: AUTHORS, make: async (c, own) => ({ method: 'DELETE', url: A(`articles/${(await article(c, own, { trashed: true })).id}`) }) },
  'POST /api/admin/articles/{id}/autosave': { who: EDITORS, own: STAFF, make: async (c, own) => ({ method: 'POST', url: A(`articles/${(await article(c, own)).id}/autosave`), body: { fields: { standfirst: 'typing…' } } }) },
  'GET /api/admin/articles/{id}/revisions': { who: EDITORS, own: STAFF, make: async (c, own) => ({ method: 'GET', url: A(`articles/${(await article(c, own)).id}/revisions`) }) },
  'GET /api/admin/articles/{id}/revisions/{rid}': {
    who: EDITORS,
    own: STAFF,
    make: async (c, own) => {
      const a = await article(c, own);
      return { method: 'GET', url: A(`articles/${a.id}/revisions/${await firstRevision(a.id)}`) };
    },
  },
  'GET /api/admin/articles/{id}/revisions/{rid}/diff': {
    who: EDITORS,
    own: STAFF,
    make: async (c, own) => {
      const a = await article(c, own);
      return { method: 'GET', url: A(`articles/${a.id}/revisions/${await firstRevision(a.id)}/diff`) };
    },
  },
  'POST /api/admin/articles/{id}/revisions/{rid}/restore': {
    who: EDITORS,
    own: STAFF,
    make: async (c, own) => {
      const a = await article(c, own);
      return { method: 'POST', url: A(`articles/${a.id}/revisions/${await firstRevision(a.id)}/restore`) };
    },
  },
  'POST /api/admin/articles/{id}/publish': { who: EDITORS, own: AUTHORS, make: async (c, own) => ({ method: 'POST', url: A(`articles/${(await article(c, own)).id}/publish`), body: {} }) },
  'POST /api/admin/articles/{id}/unpublish': { who: EDITORS, own: AUTHORS, make: async (c, own) => ({ method: 'POST', url: A(`articles/${(await article(c, own, { status: 'published' })).id}/unpublish`) }) },
  'POST /api/admin/articles/{id}/trash': { who: EDITORS, own: AUTHORS, make: async (c, own) => ({ method: 'POST', url: A(`articles/${(await article(c, own)).id}/trash`) }) },
  'POST /api/admin/articles/{id}/restore': { who: EDITORS, own: AUTHORS, make: async (c, own) => ({ method: 'POST', url: A(`articles/${(await article(c, own, { trashed: true })).id}/restore`) }) },
  'GET /api/admin/articles/{id}/preview': { who: EDITORS, own: STAFF, make: async (c, own) => ({ method: 'GET', url: A(`articles/${(await article(c, own)).id}/preview`) }) },

  // ---- Tags, authors, pages -----------------------------------------------------------------------------------
  'GET /api/admin/tags': { who: STAFF, make: async () => ({ method: 'GET', url: A('tags') }) },
  'POST /api/admin/tags': { who: EDITORS, make: async () => ({ method: 'POST', url: A('tags'), body: { name: `Tag ${uniq()}` } }) },
  'PUT /api/admin/tags/{id}': { who: EDITORS, make: async () => ({ method: 'PUT', url: A(`tags/${(await asOwner('POST', 'tags', { name: `Tag ${uniq()}` })).id}`), body: { description: 'About this.' } }) },
  'DELETE /api/admin/tags/{id}': { who: EDITORS, make: async () => ({ method: 'DELETE', url: A(`tags/${(await asOwner('POST', 'tags', { name: `Tag ${uniq()}` })).id}`) }) },
  'GET /api/admin/authors': { who: STAFF, make: async () => ({ method: 'GET', url: A('authors') }) },
  'POST /api/admin/authors': { who: EDITORS, make: async () => ({ method: 'POST', url: A('authors'), body: { name: `Guest ${uniq()}` } }) },
  // Everyone edits their own byline; editors anyone's.
  'PUT /api/admin/authors/{id}': { who: EDITORS, own: STAFF, make: async (c, own) => ({ method: 'PUT', url: A(`authors/${own && c.user ? c.user.authorId : desk.id}`), body: { bio: 'Writes about water.' } }) },
  'GET /api/admin/pages': { who: EDITORS, make: async () => ({ method: 'GET', url: A('pages') }) },
  'POST /api/admin/pages': { who: EDITORS, make: async () => ({ method: 'POST', url: A('pages'), body: { title: `Page ${uniq()}` } }) },
  'PUT /api/admin/pages/{id}': { who: EDITORS, make: async () => ({ method: 'PUT', url: A(`pages/${(await asOwner('POST', 'pages', { title: `Page ${uniq()}` })).id}`), body: { title: 'Renamed page' } }) },
  'DELETE /api/admin/pages/{id}': { who: EDITORS, make: async () => ({ method: 'DELETE', url: A(`pages/${(await asOwner('POST', 'pages', { title: `Page ${uniq()}` })).id}`) }) },

  // ---- Settings and Content API keys: administrators (every role may read the settings) ----------------------
  'GET /api/admin/settings': { who: STAFF, make: async () => ({ method: 'GET', url: A('settings') }) },
  'PUT /api/admin/settings': { who: ADMINS, make: async () => ({ method: 'PUT', url: A('settings'), body: { description: `Changed ${uniq()}` } }) },
  'GET /api/admin/api-keys': { who: ADMINS, make: async () => ({ method: 'GET', url: A('api-keys') }) },
  'POST /api/admin/api-keys': { who: ADMINS, make: async () => ({ method: 'POST', url: A('api-keys'), body: { name: `App ${uniq()}` } }) },
  'DELETE /api/admin/api-keys/{id}': { who: ADMINS, make: async () => ({ method: 'DELETE', url: A(`api-keys/${(await asOwner('POST', 'api-keys', { name: `Key ${uniq()}` })).id}`) }) },

  // ---- The document --------------------------------------------------------------------------------------------
  'GET /api/admin/openapi.json': { who: EVERYONE, make: async () => ({ method: 'GET', url: A('openapi.json') }) },

  // ---- Comment moderation (the comments module): editors and above. Reaching the handler is what counts here:
  // a comment id that does not exist answers 404, which is allowed.
  'GET /api/admin/comments': { who: EDITORS, ok: 'reached', make: async () => ({ method: 'GET', url: A('comments') }) },
  'POST /api/admin/comments/bulk': { who: EDITORS, ok: 'reached', make: async () => ({ method: 'POST', url: A('comments/bulk'), body: { ids: [999999], action: 'approve' } }) },
  'PATCH /api/admin/comments/{id}': { who: EDITORS, ok: 'reached', make: async () => ({ method: 'PATCH', url: A('comments/999999'), body: { status: 'approved' } }) },
  'POST /api/admin/articles/{id}/comments-open': { who: EDITORS, ok: 'reached', make: async (c) => ({ method: 'POST', url: A(`articles/${(await article(c, false)).id}/comments-open`), body: { open: false } }) },
  'GET /api/admin/comments/settings': { who: EDITORS, ok: 'reached', make: async () => ({ method: 'GET', url: A('comments/settings') }) },
  'PUT /api/admin/comments/settings': { who: EDITORS, ok: 'reached', make: async () => ({ method: 'PUT', url: A('comments/settings'), body: {} }) },

  // ---- Reader funding (the funding module): money is an administrator's; the appeal is an editor's too.
  'GET /api/admin/funding/ledger': { who: ADMINS, make: async () => ({ method: 'GET', url: A('funding/ledger') }) },
  'GET /api/admin/funding/export.csv': { who: ADMINS, make: async () => ({ method: 'GET', url: A('funding/export.csv') }) },
  'GET /api/admin/funding/totals': { who: ADMINS, make: async () => ({ method: 'GET', url: A('funding/totals') }) },
  'GET /api/admin/funding/monthly': { who: ADMINS, make: async () => ({ method: 'GET', url: A('funding/monthly') }) },
  'GET /api/admin/funding/events': { who: ADMINS, make: async () => ({ method: 'GET', url: A('funding/events') }) },
  'GET /api/admin/funding/patrons': { who: ADMINS, make: async () => ({ method: 'GET', url: A('funding/patrons') }) },
  'GET /api/admin/funding/settings': { who: ADMINS, make: async () => ({ method: 'GET', url: A('funding/settings') }) },
  'PUT /api/admin/funding/settings': { who: ADMINS, make: async () => ({ method: 'PUT', url: A('funding/settings'), body: {} }) },
  'GET /api/admin/funding/appeal': { who: EDITORS, make: async () => ({ method: 'GET', url: A('funding/appeal') }) },
  'PUT /api/admin/funding/appeal': { who: EDITORS, make: async () => ({ method: 'PUT', url: A('funding/appeal'), body: {} }) },
  'GET /api/admin/funding/articles': { who: EDITORS, make: async () => ({ method: 'GET', url: A('funding/articles') }) },
  'PUT /api/admin/funding/articles/{id}/appeal': { who: EDITORS, make: async (c) => ({ method: 'PUT', url: A(`funding/articles/${(await article(c, false)).id}/appeal`), body: { variant: true } }) },
  // ---- Imports (the importers module): administrators and the owner.
  'GET /api/admin/imports': { who: '✗✗✗✗✓✓', make: async () => ({ method: 'GET', url: A('imports') }) },
  'GET /api/admin/imports/{id}': { who: '✗✗✗✗✓✓', ok: 'reached', make: async () => ({ method: 'GET', url: A('imports/999999') }) },
  'POST /api/admin/imports': {
    who: '✗✗✗✗✓✓',
    make: async () => ({
      method: 'POST',
      url: A('imports'),
      multipart: multipartBody('file', 'site.xml', 'text/xml', Buffer.from('<?xml version="1.0"?><rss><channel></channel></rss>'), { dryRun: 'true' }),
    }),
  },
};

/** Method and path (OpenAPI form) of every route in Fastify's route tree under `prefix`. */
function treeRoutes(tree: string, prefix: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)[└├]── (.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = Math.round(m[1]!.length / 4);
    const seg = m[2]!;
    const parent = stack[depth - 1] ?? '';
    const path = depth === 0 ? seg : seg.startsWith('/') ? parent + seg : `${parent.replace(/\/$/, '')}/${seg}`;
    stack[depth] = path;
    stack.length = depth + 1;
    if (!path.startsWith(prefix)) continue;
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD' && method !== 'OPTIONS') out.push(`${method} ${openApiPath(path)}`);
  }
  return out;
}

const openApiPath = (p: string) => p.replace(/:([A-Za-z_]\w*)/g, '{$1}').replace(/\/$/, '');

describe(`permissions: every /api/admin route × every role (${engineName})`, () => {
  const hooked = new Set<string>();
  let routes: string[] = [];

  before(async () => {
    t = await createTestApp();
    t.app.addHook('onRoute', (r: RouteOptions) => {
      const url = r.url ?? '';
      if (!url.startsWith('/api/admin')) return;
      for (const m of [r.method].flat()) if (m !== 'HEAD' && m !== 'OPTIONS') hooked.add(`${m} ${openApiPath(url)}`);
    });
    await t.app.ready();
    const doc = (await t.app.inject({ method: 'GET', url: '/api/admin/openapi.json' })).json();
    const described = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([p]) => p.startsWith('/api/admin'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    routes = [...new Set([...hooked, ...treeRoutes(t.app.printRoutes({ commonPrefix: false }), '/api/admin'), ...described])].sort();

    for (const role of ['contributor', 'author', 'editor', 'administrator', 'owner'] as const) people[role] = await addUser(t, role, { name: `The ${role}` });
    desk = await asOwner('POST', 'authors', { name: 'The Desk' });
  });
  after(() => t.close());

  test('the routes are found, and every one has a line in the matrix (and every line a route)', () => {
    assert.ok(hooked.size > 40, `onRoute saw the admin routes (${hooked.size})`);
    assert.ok(routes.length > 50, `${routes.length} routes`);
    const missing = routes.filter((r) => !MATRIX[r]);
    assert.deepEqual(missing, [], 'routes under /api/admin with no expectation: add them to MATRIX');
    assert.deepEqual(Object.keys(MATRIX).filter((k) => !routes.includes(k)).sort(), [], 'matrix lines for routes the app does not serve');
    for (const [k, spec] of Object.entries(MATRIX)) {
      for (const m of [spec.who, spec.own].filter(Boolean) as string[]) assert.match(m, /^[✓✗]{6}$/u, k);
    }
  });

  test('each role gets exactly what the matrix says', async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const spec = MATRIX[route];
      if (!spec) continue;
      for (const own of spec.own ? [false, true] : [false]) {
        const marks = [...(own ? spec.own! : spec.who)];
        for (const [i, who] of WHO.entries()) {
          const user = who === 'none' ? null : people[who];
          const session = user ? await mint(user.id) : null;
          const c: Caller = { who, user, session };
          const req = await spec.make(c, own);
          const res = await send(req, session);
          calls++;
          const allowed = marks[i] === '✓';
          const label = `${route}${spec.own ? (own ? ' (own)' : ' (someone else’s)') : ''} as ${who}`;
          const status = res.statusCode;
          if (allowed) {
            const ok = spec.ok === 'reached' ? status !== 401 && status !== 403 && status < 500 : (status >= 200 && status < 300) || (spec.ok ?? []).includes(status);
            if (!ok) wrong.push(`${label}: expected allowed, got ${status} ${res.body.slice(0, 160)}`);
            else await spec.after?.(c);
          } else {
            const code = status === 401 || status === 403 ? res.json().error?.code : undefined;
            const expected = who === 'none' ? [401, 'BROADSIDE_E_UNAUTHENTICATED'] : [403, 'BROADSIDE_E_FORBIDDEN'];
            if (status !== expected[0] || code !== expected[1]) wrong.push(`${label}: expected ${expected[0]} ${expected[1]}, got ${status} ${res.body.slice(0, 160)}`);
          }
        }
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(calls >= routes.length * WHO.length, `${calls} calls`);
  });

  test('CSRF: every state-changing route, sent cross-site without the session’s token, is refused and changes nothing', async () => {
    const unsafe = routes.filter((r) => !r.startsWith('GET '));
    assert.ok(unsafe.length > 30, `${unsafe.length} state-changing routes`);
    // Requests the owner would be allowed to make, built first (their fixtures are written now, not counted below).
    const owner: Caller = { who: 'owner', user: people.owner, session: await mint(people.owner.id) };
    const reqs: [string, Req][] = [];
    for (const r of unsafe) {
      const spec = MATRIX[r];
      if (spec) reqs.push([r, await spec.make(owner, false)]);
    }
    const tables = ['articles', 'revisions', 'tags', 'authors', 'pages', 'users', 'sessions', 'invitations', 'api_keys', 'media', 'password_resets'] as const;
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(tables.map(async (tb) => [tb, Number((await t.ctx.db.selectFrom(tb).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)] as const)),
      );
    const settingsBefore = await t.ctx.db.selectFrom('settings').selectAll().orderBy('key').execute();
    const other = await mint(people.owner.id);
    const before = await counts();
    const wrong: string[] = [];
    const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    for (const [route, req] of reqs) {
      // The forged request carries the victim's cookie (the browser adds it) but cannot know the token.
      for (const [what, session] of [
        ['no token', { cookie: owner.session!.cookie }],
        ['another session’s token', { cookie: owner.session!.cookie, csrf: other.csrf }],
      ] as const) {
        const res = await send(req, session, crossSite);
        const code = res.statusCode === 403 ? res.json().error?.code : undefined;
        if (res.statusCode !== 403 || code !== 'BROADSIDE_E_CSRF') wrong.push(`${route} (${what}): ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(await counts(), before, 'nothing was written');
    assert.deepEqual(await t.ctx.db.selectFrom('settings').selectAll().orderBy('key').execute(), settingsBefore);
    // The same session with its own token works: the refusals were about the token alone.
    const ok = await send({ method: 'POST', url: A('tags'), body: { name: `Tag ${uniq()}` } }, owner.session!);
    assert.equal(ok.statusCode, 201, ok.body);
  });
});
