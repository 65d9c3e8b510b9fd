// Revision diffs: the body read as text with blocks apart, words compared, lists compared item by item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyText, diffArticleFields } from './diff.js';
import type { ArticleFields } from './fields.js';

const base: ArticleFields = {
  headline: 'Dams on the Tigris',
  kicker: 'Water',
  standfirst: '',
  bodyHtml: '<p>One &amp; two.</p><h2>Section</h2><p>Three<br>four</p>',
  slug: 'dams',
  status: 'draft',
  publishedAt: null,
  authorIds: [1],
  primaryTagId: null,
  tagIds: [1, 2],
  sticky: false,
};
const names = { tags: new Map([[1, 'Iraq'], [2, 'Water'], [3, 'Turkey']]), authors: new Map([[1, 'Rana'], [2, 'Karim']]) };

test('bodyText keeps blocks apart, decodes entities, shows images by their alt text', () => {
  assert.equal(bodyText(base.bodyHtml), 'One & two.\n\nSection\n\nThree\nfour');
  assert.equal(bodyText('<figure class="image"><img src="/a.jpg" alt="A dam"></figure><p>x&#39;y&#x41;</p>'), "[image: A dam]\n\nx'yA");
});

test('unchanged fields are one plain part (or none when empty); changes are words added and removed', () => {
  const d = diffArticleFields(base, { ...base, headline: 'New dams on the Euphrates', authorIds: [1, 2], tagIds: [1, 3], status: 'published', publishedAt: '2026-01-01T00:00:00.000Z', sticky: true }, names);
  assert.deepEqual(d.kicker, [{ value: 'Water' }]);
  assert.deepEqual(d.standfirst, []);
  assert.deepEqual(d.bodyHtml, [{ value: 'One & two.\n\nSection\n\nThree\nfour' }]);
  assert.equal(d.headline!.map((p) => p.value).filter((_, i) => !d.headline![i]!.removed).join(''), 'New dams on the Euphrates');
  assert.equal(d.headline!.map((p) => p.value).filter((_, i) => !d.headline![i]!.added).join(''), 'Dams on the Tigris');
  assert.deepEqual(d.status, [{ value: 'draft', removed: true }, { value: 'published', added: true }]);
  assert.deepEqual(d.publishedAt, [{ value: '2026-01-01T00:00:00.000Z', added: true }]);
  assert.deepEqual(d.sticky, [{ value: 'sticky', added: true }]);
  assert.deepEqual(d.authors, [{ value: 'Rana' }, { value: 'Karim', added: true }]);
  assert.deepEqual(d.tags, [{ value: 'Iraq' }, { value: 'Water', removed: true }, { value: 'Turkey', added: true }]);
});

test('a deleted tag or author still shows, by id', () => {
  const d = diffArticleFields({ ...base, tagIds: [9] }, base, names);
  assert.deepEqual(d.tags![0], { value: '#9 (deleted)', removed: true });
});
