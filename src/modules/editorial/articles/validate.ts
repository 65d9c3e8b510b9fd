// A small JSON Schema (2020-12 subset) checker for the admin and Content API routes. The same schemas describe
// the routes in the OpenAPI document. Unknown members are refused (additionalProperties: false) rather than
// dropped, and every refusal is a 400 naming the field: BROADSIDE_E_BAD_INPUT with `field`.
import type { FastifySchemaCompiler } from 'fastify';
import { badInput } from '../../../platform/http/errors.js';

export interface Schema {
  type?: SchemaType | SchemaType[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: readonly (string | number | boolean | null)[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: 'date-time' | 'uri' | 'email';
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  description?: string;
  examples?: unknown[];
  $ref?: string;
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
  readOnly?: boolean;
  contentMediaType?: string;
}
type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

const NAMES: Record<SchemaType, string> = {
  object: 'an object',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

function typeOf(v: unknown): SchemaType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as SchemaType;
}

function label(path: string): string {
  return path ? `"${path}"` : 'The request body';
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Checks `value` against `schema`; returns the value with query/path strings turned into the types asked for. */
export function check(schema: Schema, value: unknown, path = '', coerce = false): unknown {
  const types = schema.type === undefined ? null : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (coerce && typeof value === 'string' && types) {
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) value = Number(value);
    else if (types.includes('boolean') && (value === 'true' || value === 'false')) value = value === 'true';
  }
  if (coerce && Array.isArray(value) && types && !types.includes('array')) throw badInput(`${label(path)} was given more than once.`, path || undefined);
  const t = typeOf(value);
  if (types && !types.includes(t) && !(t === 'integer' && types.includes('number'))) {
    const want = types.map((x) => NAMES[x]).join(' or ');
    throw badInput(value === undefined ? `${label(path)} is missing.` : `${label(path)} must be ${want}.`, path || undefined);
  }
  if (schema.enum && !schema.enum.includes(value as string)) {
    throw badInput(`${label(path)} must be one of: ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}.`, path || undefined);
  }
  if (t === 'string') {
    const s = value as string;
    if (schema.minLength !== undefined && s.length < schema.minLength) {
      throw badInput(schema.minLength === 1 ? `${label(path)} is empty.` : `${label(path)} must be at least ${schema.minLength} characters.`, path);
    }
    if (schema.maxLength !== undefined && s.length > schema.maxLength) throw badInput(`${label(path)} is longer than ${schema.maxLength} characters.`, path);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(s)) throw badInput(`${label(path)} is not in the expected form (${schema.pattern}).`, path);
    if (schema.format === 'date-time' && (!DATE_TIME.test(s) || Number.isNaN(Date.parse(s)))) {
      throw badInput(`${label(path)} must be a date and time such as 2026-03-01T09:30:00Z (got "${s.slice(0, 60)}").`, path);
    }
  }
  if (t === 'integer' || t === 'number') {
    const n = value as number;
    if (!Number.isFinite(n)) throw badInput(`${label(path)} must be a number.`, path);
    if (schema.minimum !== undefined && n < schema.minimum) throw badInput(`${label(path)} must be at least ${schema.minimum}.`, path);
    if (schema.maximum !== undefined && n > schema.maximum) throw badInput(`${label(path)} must be at most ${schema.maximum}.`, path);
  }
  if (t === 'array') {
    const a = value as unknown[];
    if (schema.minItems !== undefined && a.length < schema.minItems) throw badInput(`${label(path)} needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}.`, path);
    if (schema.maxItems !== undefined && a.length > schema.maxItems) throw badInput(`${label(path)} holds more than ${schema.maxItems} items.`, path);
    if (schema.items) return a.map((x, i) => check(schema.items!, x, `${path}[${i}]`, coerce));
  }
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    const props = schema.properties ?? {};
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(o)) {
      const sub = `${path ? `${path}.` : ''}${key}`;
      if (props[key]) out[key] = check(props[key]!, o[key], sub, coerce);
      else if (schema.additionalProperties === false) {
        const known = Object.keys(props);
        throw badInput(`${label(sub)} is not a field here.${known.length ? ` Known fields: ${known.join(', ')}.` : ''}`, sub);
      } else if (typeof schema.additionalProperties === 'object') out[key] = check(schema.additionalProperties, o[key], sub, coerce);
      else out[key] = o[key];
    }
    for (const key of schema.required ?? []) {
      if (o[key] === undefined) throw badInput(`${label(`${path ? `${path}.` : ''}${key}`)} is required.`, `${path ? `${path}.` : ''}${key}`);
    }
    return out;
  }
  return value;
}

/** Fastify's validator compiler for these routes: query and path values are coerced from strings. */
export const validatorCompiler: FastifySchemaCompiler<Schema> = ({ schema, httpPart }) => {
  const coerce = httpPart === 'querystring' || httpPart === 'params';
  return (data: unknown) => {
    try {
      let input = data;
      // No body at all: fine when nothing in it is required.
      if (httpPart === 'body' && (input === null || input === undefined) && !(schema.required?.length)) input = {};
      if (coerce && (input === null || input === undefined)) input = {};
      return { value: check(schema, input, '', coerce) };
    } catch (err) {
      return { error: err as Error };
    }
  };
};
