// The staff authentication API under /api/admin/: first run, sessions, password reset, TOTP, staff accounts,
// invitations, ownership. JSON only; every body checked by a schema that allows no unknown fields.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Config } from '../../../config.js';
import type { Ctx } from '../../../platform/context/index.js';
import { AppError } from '../../../platform/http/errors.js';
import { scrubError } from '../../../platform/jobs/index.js';
import { mailMode } from '../../../platform/mail/index.js';
import { installGuard, requireStaff, sendError, sessionOf } from './guard.js';
import { DEFAULT_AUTH_POLICY, type AuthPolicy } from './policy.js';
import { listPendingInvitations, listStaff } from './queries.js';
import { clearSessionCookie, createSession, sessionCookie } from './sessions.js';
import type { LinkBase } from './input.js';
import { createFirstOwner, needsOwner } from './operations/createFirstOwner.js';
import { signIn, type SignedIn } from './operations/signIn.js';
import { signOut, signOutEverywhere } from './operations/signOut.js';
import { requestPasswordReset } from './operations/requestPasswordReset.js';
import { confirmPasswordReset } from './operations/confirmPasswordReset.js';
import { updateStaffUser } from './operations/updateStaffUser.js';
import { deleteStaffUser } from './operations/deleteStaffUser.js';
import { changePassword } from './operations/changePassword.js';
import { disableTotp, enableTotp, setupTotp } from './operations/totp.js';
import { transferOwnership } from './operations/transferOwnership.js';
import { inviteStaff } from './operations/inviteStaff.js';
import { acceptInvitation } from './operations/acceptInvitation.js';
import { revokeInvitation } from './operations/revokeInvitation.js';

export interface EditorialAuthDeps {
  ctx: Ctx;
  config: Pick<Config, 'baseUrl' | 'secureCookies' | 'title' | 'smtpUrl'>;
  /** Overrides of the limits and lifetimes (tests). */
  policy?: Partial<AuthPolicy>;
}

const str = (min: number, max: number) => ({ type: 'string', minLength: min, maxLength: max });
const EMAIL = str(3, 254);
const NAME = str(1, 120);
// Length rules are checked again in characters by the operations; these bounds keep huge inputs out.
const PASSWORD = str(1, 4096);
const TOKEN = str(1, 200);
const ROLE = { type: 'string', enum: ['contributor', 'author', 'editor', 'administrator', 'owner'] };
const body = (properties: Record<string, object>, required: string[]) => ({ type: 'object', additionalProperties: false, properties, required });
const idParams = { type: 'object', additionalProperties: false, properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } }, required: ['id'] };

type Body<T> = FastifyRequest<{ Body: T }>;
type WithId = FastifyRequest<{ Params: { id: string } }>;

export function registerEditorialAuth(app: FastifyInstance, deps: EditorialAuthDeps): void {
  const policy: AuthPolicy = { ...DEFAULT_AUTH_POLICY, ...deps.policy };
  const { ctx } = deps;
  const secure = deps.config.secureCookies;
  const links: LinkBase = { baseUrl: deps.config.baseUrl, title: deps.config.title };
  const siteOrigin = new URL(deps.config.baseUrl).origin;
  const mailToFiles = mailMode(deps.config) === 'files';
  installGuard(app, { db: ctx.db, policy, secureCookies: secure });

  const staff = requireStaff();
  const admin = requireStaff('administrator');
  const owner = requireStaff('owner');

  /** For requests made before there is a session: JSON only (no HTML form can send it) and same-origin. */
  async function noSessionYet(req: FastifyRequest, reply: FastifyReply) {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return sendError(reply, 415, 'BROADSIDE_E_UNSUPPORTED_MEDIA', 'Send a JSON body with the header content-type: application/json.');
    const origin = req.headers.origin;
    if ((origin !== undefined && origin !== siteOrigin) || req.headers['sec-fetch-site'] === 'cross-site') {
      return sendError(reply, 403, 'BROADSIDE_E_CSRF', 'Cross-site request refused: it must come from this site.');
    }
  }

  function sessionBody(s: { csrfToken: string; user: SignedIn['user'] }) {
    const u = s.user;
    // mailToFiles: no SMTP server is set, so invitations and reset links only reach files in the data dir (the admin shows a banner).
    return { staff: { id: u.id, name: u.name, email: u.email, role: u.role, authorId: u.authorId, totpEnabled: u.totpEnabled }, csrfToken: s.csrfToken, mailToFiles };
  }

  function signedIn(reply: FastifyReply, s: SignedIn, status = 200) {
    reply.header('set-cookie', sessionCookie(s.token, Math.floor(policy.maxMs / 1000), secure));
    return reply.code(status).send(sessionBody(s));
  }

  const meta = (req: FastifyRequest) => ({ ip: req.ip ?? null, userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null });

  app.register(
    async (api) => {
      api.addHook('onSend', async (_req, reply, payload) => {
        reply.header('cache-control', 'no-store');
        return payload;
      });
      // Fastify's validator drops unknown fields and coerces types; here they are refused instead.
      api.addHook('preValidation', async (req, reply) => strictBody(req, reply));
      api.setErrorHandler(async (err: FastifyError, req, reply) => errorReply(err, req, reply));

      // First run
      api.get('/setup', async () => ({ needsOwner: await needsOwner(ctx) }));
      api.post('/setup', { onRequest: noSessionYet, schema: { body: body({ email: EMAIL, name: NAME, password: PASSWORD }, ['email', 'name', 'password']) } }, async (req: Body<{ email: string; name: string; password: string }>, reply) => {
        const { id } = await createFirstOwner(ctx, req.body);
        const s = await createSession(ctx.db, policy, id, meta(req));
        const user = (await listStaff(ctx.db)).find((u) => u.id === id)!;
        return signedIn(reply, { ...s, user }, 201);
      });

      // Sessions
      api.get('/session', { onRequest: staff }, async (req) => {
        const s = sessionOf(req)!;
        return sessionBody(s);
      });
      api.post('/session', { onRequest: noSessionYet, schema: { body: body({ email: EMAIL, password: PASSWORD, totp: str(0, 20) }, ['email', 'password']) } }, async (req: Body<{ email: string; password: string; totp?: string }>, reply) => {
        const s = await signIn(ctx, policy, { ...req.body, ...meta(req) });
        return signedIn(reply, s);
      });
      api.delete('/session', { onRequest: staff }, async (req, reply) => {
        await signOut(ctx, sessionOf(req)!.sessionId);
        return reply.header('set-cookie', clearSessionCookie(secure)).code(204).send();
      });
      api.post('/session/revoke-all', { onRequest: staff }, async (req, reply) => {
        const ended = await signOutEverywhere(ctx, req.staff!.id);
        return reply.header('set-cookie', clearSessionCookie(secure)).send({ ended });
      });

      // Password reset
      api.post('/password-reset', { onRequest: noSessionYet, schema: { body: body({ email: EMAIL }, ['email']) } }, async (req: Body<{ email: string }>, reply) => {
        await requestPasswordReset(ctx, policy, links, { email: req.body.email, ip: req.ip ?? null });
        return reply.code(202).send({ message: 'If that address belongs to a staff account, a link to reset its password is on its way. It works once, within an hour.' });
      });
      api.post('/password-reset/confirm', { onRequest: noSessionYet, schema: { body: body({ token: TOKEN, password: PASSWORD }, ['token', 'password']) } }, async (req: Body<{ token: string; password: string }>) => {
        await confirmPasswordReset(ctx, req.body);
        return { ok: true, message: 'Your password is changed and every session of the account has ended. Sign in with the new password.' };
      });

      // Staff accounts
      api.get('/users', { onRequest: admin }, async () => ({ users: await listStaff(ctx.db) }));
      api.post('/users/me/password', { onRequest: staff, schema: { body: body({ current: PASSWORD, next: PASSWORD }, ['current', 'next']) } }, async (req: Body<{ current: string; next: string }>, reply) => {
        await changePassword(ctx, policy, req.staff!.id, sessionOf(req)!.sessionId, req.body);
        return reply.code(204).send();
      });
      api.patch(
        '/users/:id',
        { onRequest: admin, schema: { params: idParams, body: body({ role: ROLE, name: NAME, disabled: { type: 'boolean' } }, []) } },
        async (req: FastifyRequest<{ Params: { id: string }; Body: { role?: string; name?: string; disabled?: boolean } }>) => ({
          user: await updateStaffUser(ctx, req.staff!, Number(req.params.id), req.body ?? {}),
        }),
      );
      api.delete('/users/:id', { onRequest: admin, schema: { params: idParams } }, async (req: WithId, reply) => {
        await deleteStaffUser(ctx, req.staff!, Number(req.params.id));
        return reply.code(204).send();
      });

      // Two-factor sign-in
      api.post('/totp/setup', { onRequest: staff }, async (req) => setupTotp(ctx, links, req.staff!.id));
      api.post('/totp/enable', { onRequest: staff, schema: { body: body({ code: str(1, 20) }, ['code']) } }, async (req: Body<{ code: string }>) => {
        await enableTotp(ctx, req.staff!.id, req.body.code);
        return { totpEnabled: true };
      });
      api.delete('/totp', { onRequest: staff, schema: { body: body({ password: PASSWORD }, ['password']) } }, async (req: Body<{ password: string }>) => {
        await disableTotp(ctx, policy, req.staff!.id, req.body.password);
        return { totpEnabled: false };
      });

      // Ownership
      api.post('/ownership', { onRequest: owner, schema: { body: body({ userId: { type: 'integer', minimum: 1 } }, ['userId']) } }, async (req: Body<{ userId: number }>) => {
        await transferOwnership(ctx, req.staff!, req.body.userId);
        return { ok: true };
      });

      // Invitations
      api.get('/invitations', { onRequest: admin }, async () => ({ invitations: await listPendingInvitations(ctx.db) }));
      api.post('/invitations', { onRequest: admin, schema: { body: body({ email: EMAIL, role: ROLE, name: NAME }, ['email', 'role', 'name']) } }, async (req: Body<{ email: string; role: string; name: string }>, reply) => {
        const inv = await inviteStaff(ctx, policy, links, req.staff!, req.body);
        return reply.code(201).send({ invitation: inv });
      });
      api.post('/invitations/accept', { onRequest: noSessionYet, schema: { body: body({ token: TOKEN, name: NAME, password: PASSWORD }, ['token', 'name', 'password']) } }, async (req: Body<{ token: string; name: string; password: string }>, reply) => {
        const s = await acceptInvitation(ctx, policy, { ...req.body, ...meta(req) });
        return signedIn(reply, s, 201);
      });
      api.delete('/invitations/:id', { onRequest: admin, schema: { params: idParams } }, async (req: WithId, reply) => {
        await revokeInvitation(ctx, Number(req.params.id));
        return reply.code(204).send();
      });
    },
    { prefix: '/api/admin' },
  );
}

type SchemaNode = { type?: string; properties?: Record<string, SchemaNode>; additionalProperties?: boolean };

/** Unknown fields and wrongly typed values get a 400 naming the field (before Fastify could drop or coerce them). */
async function strictBody(req: FastifyRequest, reply: FastifyReply) {
  const schema = (req.routeOptions.schema as RouteShorthandOptions['schema'] | undefined)?.body as SchemaNode | undefined;
  if (!schema || schema.type !== 'object') return;
  const b = req.body;
  if (b === undefined || b === null || typeof b !== 'object' || Array.isArray(b)) {
    return sendError(reply, 400, 'BROADSIDE_E_BAD_INPUT', 'The body must be a JSON object.');
  }
  for (const [key, value] of Object.entries(b)) {
    const prop = schema.properties?.[key];
    if (!prop) return sendError(reply, 400, 'BROADSIDE_E_BAD_INPUT', `Unknown field "${key.slice(0, 40)}". Allowed: ${Object.keys(schema.properties ?? {}).join(', ') || 'none'}.`, key.slice(0, 40));
    const ok =
      prop.type === 'string' ? typeof value === 'string' : prop.type === 'boolean' ? typeof value === 'boolean' : prop.type === 'integer' ? Number.isSafeInteger(value) : true;
    if (!ok) return sendError(reply, 400, 'BROADSIDE_E_BAD_INPUT', `${key} must be ${prop.type === 'integer' ? 'a whole number' : `a ${prop.type}`}.`, key);
  }
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

function validationMessage(err: FastifyError & { validation?: AjvError[]; validationContext?: string }): { message: string; field?: string } {
  const e = err.validation?.[0];
  if (!e) return { message: err.message };
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const field = e.keyword === 'required' ? String(e.params.missingProperty) : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : path || undefined;
  const name = field ?? (err.validationContext === 'body' ? 'The body' : err.validationContext ?? 'The input');
  switch (e.keyword) {
    case 'required':
      return { message: `${field} is required.`, field };
    case 'additionalProperties':
      return { message: `Unknown field "${field}".`, field };
    case 'minLength':
      return { message: Number(e.params.limit) === 1 ? `${name} must not be empty.` : `${name} must be at least ${e.params.limit} characters long.`, field };
    case 'maxLength':
      return { message: `${name} must be at most ${e.params.limit} characters long.`, field };
    case 'enum':
      return { message: `${name} must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}.`, field };
    case 'type':
      return { message: path ? `${name} must be ${e.params.type === 'integer' ? 'a whole number' : `a ${e.params.type}`}.` : 'The body must be a JSON object.', field };
    case 'pattern':
      return { message: err.validationContext === 'params' ? `${name} must be a positive whole number.` : `${name} has the wrong form.`, field };
    default:
      return { message: `${name} ${e.message ?? 'is not valid'}.`, field };
  }
}

function errorReply(err: FastifyError & { validation?: AjvError[] }, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    const retry = (err as AppError & { retryAfterSeconds?: number }).retryAfterSeconds;
    if (retry) reply.header('retry-after', String(retry));
    return sendError(reply, err.status, err.code, err.message, err.field);
  }
  if (err.validation) {
    const { message, field } = validationMessage(err);
    return sendError(reply, 400, 'BROADSIDE_E_BAD_INPUT', message, field);
  }
  const status = err.statusCode ?? 500;
  if (status === 415) return sendError(reply, 415, 'BROADSIDE_E_UNSUPPORTED_MEDIA', 'Send a JSON body with the header content-type: application/json.');
  if (status === 413) return sendError(reply, 413, 'BROADSIDE_E_TOO_LARGE', 'The body is too large.');
  if (status >= 400 && status < 500) {
    const message = err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The body is empty: send a JSON object.' : err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'The body is not valid JSON.' : 'Bad request.';
    return sendError(reply, 400, 'BROADSIDE_E_BAD_INPUT', message);
  }
  // Database errors may quote the values they refused (an address): only the scrubbed message is logged.
  req.log.error({ code: err.code, error: scrubError(err) }, 'admin auth request failed');
  return sendError(reply, 500, 'BROADSIDE_E_INTERNAL', 'Internal error');
}
