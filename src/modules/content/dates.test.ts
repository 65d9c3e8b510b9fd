import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate } from './dates.js';

test('dates show the day in UTC, the same each time they are asked for', () => {
  assert.equal(formatDate('2015-05-03T23:30:00.000Z'), '3 May 2015');
  assert.equal(formatDate('2015-05-03T00:00:00.000Z'), '3 May 2015');
  assert.equal(formatDate('2015-05-03T23:30:00.000Z'), '3 May 2015');
  // Not as stored (an offset): still the UTC day.
  assert.equal(formatDate('2015-05-04T01:30:00+05:00'), '3 May 2015');
});
