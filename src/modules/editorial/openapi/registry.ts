// Route descriptions gathered as routes are registered, and the OpenAPI 3.1 document built from them.
import type { Schema } from '../articles/validate.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseDoc {
  description: string;
  schema?: Schema;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface OperationDoc {
  method: Method;
  /** Fastify form: /api/admin/articles/:id */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** staff: a session cookie (and x-csrf-token on writes); apiKey: a Content API key; none: public. */
  auth: 'staff' | 'apiKey' | 'none';
  params?: Schema;
  query?: Schema;
  body?: Schema;
  /** Defaults to application/json. */
  bodyContentType?: string;
  responses: Record<number, ResponseDoc>;
}

export class ApiDocs {
  readonly operations: OperationDoc[] = [];
  readonly components: Record<string, Schema> = {};

  add(op: OperationDoc): void {
    this.operations.push(op);
  }

  addComponents(schemas: Record<string, Schema>): void {
    Object.assign(this.components, schemas);
  }
}

const ERROR_REF: Schema = { $ref: '#/components/schemas/Error' };
const STANDARD: Record<number, string> = {
  400: 'Bad input: the message says what to change, `field` names the field.',
  401: 'Not signed in (or the session ended).',
  403: 'Signed in, but this role may not do this (BROADSIDE_E_FORBIDDEN), or the x-csrf-token header is missing or wrong (BROADSIDE_E_CSRF).',
  404: 'No such thing.',
};

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function parameters(op: OperationDoc) {
  const out: object[] = [];
  for (const [name, s] of Object.entries(op.params?.properties ?? {})) out.push({ name, in: 'path', required: true, schema: s });
  const required = new Set(op.query?.required ?? []);
  for (const [name, s] of Object.entries(op.query?.properties ?? {})) {
    out.push({ name, in: 'query', required: required.has(name), schema: s, ...(s.description ? { description: s.description } : {}) });
  }
  return out;
}

export function openApiDocument(docs: ApiDocs, info: { title: string; version: string; baseUrl: string }): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of docs.operations) {
    const p = (paths[openApiPath(op.path)] ??= {});
    const responses: Record<string, object> = {};
    for (const [code, r] of Object.entries(op.responses)) {
      responses[code] = { description: r.description, ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}) };
    }
    const standard = [...(op.body || op.query || op.params ? [400] : []), ...(op.auth !== 'none' ? [401] : []), ...(op.auth === 'staff' ? [403] : []), ...(op.params ? [404] : [])];
    for (const code of standard) {
      responses[String(code)] ??= {
        description: op.auth === 'apiKey' && code === 401 ? 'No API key, or an unknown or revoked one.' : STANDARD[code]!,
        content: { 'application/json': { schema: ERROR_REF } },
      };
    }
    const unsafe = op.method !== 'GET';
    p[op.method.toLowerCase()] = {
      operationId: operationId(op),
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(parameters(op).length ? { parameters: parameters(op) } : {}),
      ...(op.body ? { requestBody: { required: !!op.body.required?.length, content: { [op.bodyContentType ?? 'application/json']: { schema: op.body } } } } : {}),
      responses,
      security: op.auth === 'staff' ? [unsafe ? { staffSession: [], csrfToken: [] } : { staffSession: [] }] : op.auth === 'apiKey' ? [{ bearerKey: [] }, { queryKey: [] }] : [],
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: `${info.title} admin and Content API`,
      version: info.version,
      description:
        'The editorial admin API (/api/admin, signed-in staff: the session cookie from POST /api/admin/session, and on every POST, PUT, PATCH ' +
        'and DELETE the x-csrf-token header holding the csrfToken that sign-in and GET /api/admin/session return) and the read-only ' +
        'Content API (/api/content, an API key made by an administrator). Errors are JSON: { error: { code, message, field? } } with a stable BROADSIDE_E_… code.',
    },
    servers: [{ url: info.baseUrl }],
    paths,
    components: {
      schemas: docs.components,
      securitySchemes: {
        staffSession: { type: 'apiKey', in: 'cookie', name: 'broadside_session', description: 'Set by POST /api/admin/session (HttpOnly).' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: "The session's CSRF token; required on POST, PUT, PATCH and DELETE." },
        bearerKey: { type: 'http', scheme: 'bearer', description: 'A Content API key: Authorization: Bearer bsk_…' },
        queryKey: { type: 'apiKey', in: 'query', name: 'key', description: 'A Content API key in the query string (?key=bsk_…).' },
      },
    },
  };
}

function operationId(op: OperationDoc): string {
  const words = op.path
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w));
  return [op.method.toLowerCase(), ...words]
    .join('-')
    .replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase());
}
