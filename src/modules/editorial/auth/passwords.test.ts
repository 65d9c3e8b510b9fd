import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordRules, hashPassword, verifyPassword } from './passwords.js';
import { AppError } from '../../../platform/http/errors.js';

test('scrypt hashes: salted, parameters stored, verified', async () => {
  const a = await hashPassword('a long enough password');
  const b = await hashPassword('a long enough password');
  assert.match(a, /^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.notEqual(a, b, 'a random salt each time');
  assert.equal(await verifyPassword('a long enough password', a), true);
  assert.equal(await verifyPassword('a long enough passworD', a), false);
  assert.equal(await verifyPassword('a long enough password', 'scrypt$15$8$1$bad'), false);
  assert.equal(await verifyPassword('a long enough password', 'bcrypt$whatever'), false);
  // Unicode forms of the same text are one password.
  const c = await hashPassword('caf\u00e9 caf\u00e9 caf\u00e9');
  assert.equal(await verifyPassword('cafe\u0301 cafe\u0301 cafe\u0301', c), true);
});

test('password rules: 10 to 1024 characters', () => {
  const bad = (p: unknown, re: RegExp) => assert.throws(() => checkPasswordRules(p), (e: unknown) => e instanceof AppError && e.code === 'BROADSIDE_E_BAD_INPUT' && re.test(e.message));
  bad('short', /at least 10/);
  bad('x'.repeat(1025), /at most 1024/);
  bad(undefined, /required/);
  assert.equal(checkPasswordRules('ten chars!'), 'ten chars!');
  assert.equal(checkPasswordRules('é'.repeat(1024)), 'é'.repeat(1024));
});
