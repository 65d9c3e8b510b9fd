// Helpers for the article admin's tests: signed-in staff of each role (through the auth module's real sign-in)
// and JSON calls to /api/admin with their session cookie and CSRF token.
import type { TestApp } from '../../../../test/app.js';
import { addUser, call, signIn, type Res, type TestUser } from '../auth/testing.js';
import type { Role } from '../index.js';

export type { Res };

export interface Person extends TestUser {
  cookie: string;
  csrf: string;
}

export async function person(t: TestApp, role: Role, name?: string): Promise<Person> {
  const u = await addUser(t, role, name ? { name } : {});
  const s = await signIn(t, u);
  return { ...u, cookie: s.cookie, csrf: s.csrf };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A call as `who` (null: nobody signed in). Paths without a leading slash are under /api/admin/. */
export function api(t: TestApp, who: Person | null, method: Method, url: string, body?: unknown): Promise<Res> {
  return call(t, method, url, { ...(who ? { cookie: who.cookie, csrf: who.csrf } : {}), ...(body !== undefined ? { body } : {}) });
}

/** Fails with the response body when the status is not the one expected. */
export function expectStatus(res: Res, status: number): Res {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body.slice(0, 500)}`);
  return res;
}

export async function countRows(t: TestApp, table: 'articles' | 'revisions' | 'tags' | 'authors' | 'pages' | 'api_keys' | 'redirects'): Promise<number> {
  const r = await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const IMG_NO_ALT = '<figure class="image"><img src="https://cdn.example.org/flood.jpg" /></figure>';
export const IMG_WITH_ALT = '<figure class="image"><img src="https://cdn.example.org/dam.jpg" alt="The Mosul dam at dusk" /></figure>';
