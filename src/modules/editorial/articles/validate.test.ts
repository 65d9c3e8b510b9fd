// The schema checker behind every admin and Content API route: clear messages naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../platform/http/errors.js';
import { check, validatorCompiler, type Schema } from './validate.js';

const schema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5 },
    count: { type: 'integer', minimum: 1, maximum: 10 },
    when: { type: ['string', 'null'], format: 'date-time' },
    kind: { type: 'string', enum: ['a', 'b'] },
    list: { type: 'array', maxItems: 2, items: { type: 'object', additionalProperties: false, required: ['x'], properties: { x: { type: 'boolean' } } } },
  },
};

function refusal(value: unknown, coerce = false): { message: string; field?: string } {
  try {
    check(schema, value, '', coerce);
  } catch (err) {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'BROADSIDE_E_BAD_INPUT');
    assert.equal(err.status, 400);
    return { message: err.message, field: err.field };
  }
  assert.fail(`${JSON.stringify(value)} was accepted`);
}

test('good input passes and comes back as it was', () => {
  const v = { name: 'abc', count: 3, when: '2026-01-02T03:04:05Z', kind: 'a', list: [{ x: true }] };
  assert.deepEqual(check(schema, v), v);
  assert.deepEqual(check(schema, { name: 'x', when: null }), { name: 'x', when: null });
});

test('each refusal names the field and says what is wanted', () => {
  assert.deepEqual(refusal({}), { message: '"name" is required.', field: 'name' });
  assert.deepEqual(refusal({ name: 'a', extra: 1 }), { message: '"extra" is not a field here. Known fields: name, count, when, kind, list.', field: 'extra' });
  assert.deepEqual(refusal({ name: 5 }), { message: '"name" must be text.', field: 'name' });
  assert.deepEqual(refusal({ name: '' }), { message: '"name" is empty.', field: 'name' });
  assert.deepEqual(refusal({ name: 'toolong' }), { message: '"name" is longer than 5 characters.', field: 'name' });
  assert.deepEqual(refusal({ name: 'a', count: 1.5 }), { message: '"count" must be a whole number.', field: 'count' });
  assert.deepEqual(refusal({ name: 'a', count: 0 }), { message: '"count" must be at least 1.', field: 'count' });
  assert.deepEqual(refusal({ name: 'a', count: 11 }), { message: '"count" must be at most 10.', field: 'count' });
  assert.equal(refusal({ name: 'a', when: 'tomorrow' }).field, 'when');
  assert.equal(refusal({ name: 'a', when: '2026-13-45T99:00:00Z' }).field, 'when');
  assert.deepEqual(refusal({ name: 'a', kind: 'c' }), { message: '"kind" must be one of: "a", "b".', field: 'kind' });
  assert.deepEqual(refusal({ name: 'a', list: [{ x: 'yes' }] }), { message: '"list[0].x" must be true or false.', field: 'list[0].x' });
  assert.deepEqual(refusal({ name: 'a', list: [{}] }), { message: '"list[0].x" is required.', field: 'list[0].x' });
  assert.equal(refusal({ name: 'a', list: [{ x: true }, { x: true }, { x: true }] }).field, 'list');
  assert.deepEqual(refusal([]), { message: 'The request body must be an object.', field: undefined });
});

test('query strings are coerced; a parameter given twice is refused', () => {
  assert.deepEqual(check(schema, { name: 'a', count: '7' }, '', true), { name: 'a', count: 7 });
  assert.equal(refusal({ name: 'a', count: 'seven' }, true).field, 'count');
  assert.deepEqual(refusal({ name: ['a', 'b'] }, true), { message: '"name" was given more than once.', field: 'name' });
});

test('as Fastify’s validator: an absent body is an empty object when nothing is required', () => {
  const optional: Schema = { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } };
  const v = validatorCompiler({ schema: optional, method: 'POST', url: '/', httpPart: 'body' }) as (d: unknown) => { value?: unknown; error?: Error };
  assert.deepEqual(v(null), { value: {} });
  const r = validatorCompiler({ schema, method: 'POST', url: '/', httpPart: 'body' }) as (d: unknown) => { value?: unknown; error?: Error };
  assert.ok(r(null).error instanceof AppError);
});
