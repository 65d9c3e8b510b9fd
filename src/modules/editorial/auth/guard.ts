// requireStaff(min): the gate in front of every admin route. It finds the session named by the cookie, sets
// request.staff, refuses state-changing requests without the session's CSRF token, and refuses roles below min.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.js';
import type { ErrorCode } from '../../../platform/http/errors.js';
import type { AuthPolicy } from './policy.js';
import { atLeast, type Role, type Staff } from './roles.js';
import { clearSessionCookie, findSession, readCookie, SESSION_COOKIE, type ActiveSession } from './sessions.js';
import { safeEqual } from './tokens.js';

export interface EditorialAuthState {
  db: Db;
  policy: AuthPolicy;
  secureCookies: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, set by requireStaff; null on routes without it. */
    staff: Staff | null;
  }
  interface FastifyInstance {
    editorialAuth: EditorialAuthState;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const sessions = new WeakMap<FastifyRequest, ActiveSession>();

/** The session requireStaff found for this request (routes that end or keep it need its id). */
export function sessionOf(req: FastifyRequest): ActiveSession | undefined {
  return sessions.get(req);
}

export function sendError(reply: FastifyReply, status: number, code: ErrorCode | 'BROADSIDE_E_INTERNAL', message: string, field?: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...(field ? { field } : {}) } });
}

/** Registers what requireStaff needs on the root instance (called by registerEditorialAuth). */
export function installGuard(app: FastifyInstance, state: EditorialAuthState): void {
  if (!app.hasRequestDecorator('staff')) app.decorateRequest('staff', null);
  if (!app.hasDecorator('editorialAuth')) app.decorate('editorialAuth', state);
}

/**
 * A Fastify hook (preHandler, or onRequest to answer before the body is read) admitting signed-in staff of
 * role `min` or above. 401 without a live session, 403 BROADSIDE_E_CSRF when a POST/PUT/PATCH/DELETE lacks
 * the session's token in `x-csrf-token`, 403 BROADSIDE_E_FORBIDDEN when the role is too low.
 */
export function requireStaff(min: Role = 'contributor') {
  return async function staffGate(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const state = req.server.editorialAuth;
    if (!state) {
      req.log.error('requireStaff used but registerEditorialAuth was not called');
      return sendError(reply, 500, 'BROADSIDE_E_INTERNAL', 'Internal error');
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await findSession(state.db, state.policy, token) : null;
    if (!session) {
      if (token !== undefined) reply.header('set-cookie', clearSessionCookie(state.secureCookies));
      return sendError(reply, 401, 'BROADSIDE_E_UNAUTHENTICATED', token ? 'Your session has ended. Sign in again.' : 'Sign in to continue.');
    }
    if (UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        return sendError(reply, 403, 'BROADSIDE_E_CSRF', 'The request lacks this session\'s CSRF token. Send it in the x-csrf-token header (GET /api/admin/session gives it).');
      }
    }
    if (!atLeast(session.user.role, min)) {
      return sendError(reply, 403, 'BROADSIDE_E_FORBIDDEN', `This needs the ${min} role or higher.`);
    }
    const { id, name, email, role, authorId } = session.user;
    req.staff = { id, name, email, role, authorId };
    sessions.set(req, session);
  };
}
