// The HTTP plumbing the admin and Content API routes share: JSON errors, and routes registered together with
// their OpenAPI description.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../../platform/http/errors.js';
import type { ApiDocs, OperationDoc } from '../openapi/registry.js';
import { scrubError } from '../../../platform/jobs/index.js';
import { DetailedError } from './errors.js';

// Route handlers get their input already checked against the route's schema.
export type Req = FastifyRequest & { params: any; query: any; body: any };
export type Handler = (req: Req, reply: FastifyReply) => Promise<unknown>;

export function sendJsonError(reply: FastifyReply, status: number, code: ErrorCode | 'BROADSIDE_E_INTERNAL', message: string, extra: Record<string, unknown> = {}, body: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...extra }, ...body });
}

/** JSON errors for these routes: AppErrors as they are (with any details), Fastify's own 4xx made readable. */
export function jsonErrorHandler(label: string) {
  return async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DetailedError) {
      return sendJsonError(reply, err.status, err.code, err.message, { ...(err.field ? { field: err.field } : {}), ...err.errorExtra }, err.bodyExtra);
    }
    if (err instanceof AppError) return sendJsonError(reply, err.status, err.code, err.message, err.field ? { field: err.field } : {});
    const status = err.statusCode ?? 500;
    if (status === 415) return sendJsonError(reply, 415, 'BROADSIDE_E_UNSUPPORTED_MEDIA', 'Send a JSON body with the header content-type: application/json.');
    if (status === 413) return sendJsonError(reply, 413, 'BROADSIDE_E_TOO_LARGE', 'The body is too large.');
    if (status >= 400 && status < 500) {
      const message =
        err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'The body is empty: send a JSON object.'
          : err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
            ? 'The body is not valid JSON.'
            : 'Bad request.';
      return sendJsonError(reply, 400, 'BROADSIDE_E_BAD_INPUT', message);
    }
    // Database errors may quote the values they refused: only the scrubbed message is logged.
    req.log.error({ code: err.code, error: scrubError(err) }, `${label} request failed`);
    return sendJsonError(reply, 500, 'BROADSIDE_E_INTERNAL', 'Internal error');
  };
}

/** Registers a route and its description in one go. */
export function defineRoute(scope: FastifyInstance, docs: ApiDocs, op: OperationDoc, handler: Handler, extra: { onRequest?: unknown; helmet?: object } = {}): void {
  const schema: Record<string, unknown> = {};
  if (op.params) schema.params = op.params;
  if (op.query) schema.querystring = op.query;
  if (op.body) schema.body = op.body;
  scope.route({
    method: op.method,
    url: op.path,
    schema,
    ...(extra.onRequest ? { onRequest: extra.onRequest as never } : {}),
    ...(extra.helmet ? { helmet: extra.helmet } : {}),
    handler: handler as never,
  });
  docs.add(op);
}

