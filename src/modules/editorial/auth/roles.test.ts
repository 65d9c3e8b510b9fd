// can(): every action for every role, with and without a byline of one's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, atLeast, type Action, type Role } from './roles.js';

const ME = 7;
const staff = (role: Role) => ({ role, authorId: ME });
const own = { authorIds: [3, ME] };
const other = { authorIds: [3, 4] };

// [action, subject] → the roles allowed, in the order contributor, author, editor, administrator, owner.
const ROLES: Role[] = ['contributor', 'author', 'editor', 'administrator', 'owner'];
const TABLE: [Action, { authorIds: number[] } | undefined, boolean[]][] = [
  ['article.create', undefined, [true, true, true, true, true]],
  ['article.edit', own, [true, true, true, true, true]],
  ['article.edit', other, [false, false, true, true, true]],
  ['article.edit', undefined, [false, false, true, true, true]],
  ['article.publish', own, [false, true, true, true, true]],
  ['article.publish', other, [false, false, true, true, true]],
  ['article.publish', undefined, [false, false, true, true, true]],
  ['article.delete', own, [false, true, true, true, true]],
  ['article.delete', other, [false, false, true, true, true]],
  ['comments.moderate', undefined, [false, false, true, true, true]],
  ['taxonomy.manage', undefined, [false, false, true, true, true]],
  ['media.upload', undefined, [false, true, true, true, true]],
  ['users.manage', undefined, [false, false, false, true, true]],
  ['settings.manage', undefined, [false, false, false, true, true]],
  ['money.manage', undefined, [false, false, false, true, true]],
];

for (const [action, subject, allowed] of TABLE) {
  const label = subject === own ? ' (own article)' : subject === other ? " (someone else's)" : subject ? '' : ' (no subject)';
  test(`can: ${action}${label}`, () => {
    ROLES.forEach((role, i) => assert.equal(can(staff(role), action, subject), allowed[i], `${role} ${action}${label}`));
  });
}

test('can refuses nobody-signed-in, unknown roles and unknown actions', () => {
  assert.equal(can(null, 'article.create'), false);
  assert.equal(can(undefined, 'article.create'), false);
  assert.equal(can({ role: 'superuser' as Role, authorId: ME }, 'article.create'), false);
  assert.equal(can(staff('owner'), 'nuke.everything' as Action), false);
  assert.equal(can(staff('author'), 'article.publish', { authorIds: 'nope' as unknown as number[] }), false);
});

test('atLeast orders the roles', () => {
  for (let i = 0; i < ROLES.length; i++) {
    for (let j = 0; j < ROLES.length; j++) assert.equal(atLeast(ROLES[i]!, ROLES[j]!), i >= j, `${ROLES[i]} >= ${ROLES[j]}`);
  }
});
