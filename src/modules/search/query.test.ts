// The query language: what readers type becomes a small tree; nothing they type is ever engine syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeQuery, parseQuery, toFts5, toTsqueryTree, MAX_TERMS } from './query.js';

const d = (s: string) => describeQuery(parseQuery(s));

test('words must all match; case and surrounding punctuation do not matter', () => {
  assert.equal(d('Election Kurdistan'), 'election kurdistan');
  assert.equal(d('  election,   (kurdistan)!  '), 'election kurdistan');
});

test('"exact phrases", open quotes running to the end, and typographic quotes', () => {
  assert.equal(d('"oil revenue" erbil'), '"oil revenue" erbil');
  assert.equal(d('erbil "oil revenue'), 'erbil "oil revenue"');
  assert.equal(d('“oil revenue” «baghdad budget»'), '"oil revenue" "baghdad budget"');
  assert.equal(d('"'), '');
  assert.equal(d('"" erbil'), 'erbil');
});

test('-exclusions of words and phrases; a hyphen inside a word is not one', () => {
  assert.equal(d('oil -gas'), 'oil -gas');
  assert.equal(d('oil -"natural gas"'), 'oil -"natural gas"');
  assert.equal(d('covid-19 vaccine'), '"covid 19" vaccine');
  assert.equal(d('oil - gas'), 'oil gas');
});

test('OR joins neighbours and binds tighter than the implicit AND; stray ORs are ignored', () => {
  assert.equal(d('iraq oil OR gas'), 'iraq (oil OR gas)');
  assert.equal(d('oil OR gas OR water'), '(oil OR gas OR water)');
  assert.equal(d('OR oil'), 'oil');
  assert.equal(d('oil OR'), 'oil');
  assert.equal(d('oil OR OR gas'), '(oil OR gas)');
  assert.equal(d('oil or gas'), 'oil gas', 'lower-case "or" is a common word, not the operator');
  assert.equal(d('oil OR -gas'), 'oil -gas');
});

test('common words are dropped (as PostgreSQL drops them), but keep their place inside a phrase', () => {
  assert.equal(d('the state of the union'), 'state union');
  assert.equal(d('"the state of the union"'), '"state of the union"');
  const q = parseQuery('the of and');
  assert.deepEqual(q.all, []);
  assert.equal(q.onlyCommon, true);
  assert.equal(parseQuery('-oil').onlyCommon, true, 'only an exclusion: nothing to look for');
  assert.equal(parseQuery('').onlyCommon, false);
});

test('engine operators and SQL are plain words or punctuation', () => {
  assert.equal(d('NEAR(oil gas)'), 'near oil gas');
  assert.equal(d('oil* ^gas col:umn'), 'oil gas col umn');
  assert.equal(d('oil AND gas NOT water'), 'oil gas water');
  assert.equal(d("'; drop table articles; --"), 'drop table articles');
  assert.equal(d('x:y & c | !d <-> e (f)'), 'x y c d e f');
  assert.equal(d("o'neill U.K. covid-19"), '"o neill" "u k" "covid 19"');
});

test('hostile text: null bytes, lone surrogates, control characters, huge input', () => {
  assert.equal(d('oil\u0000gas'), 'oil gas');
  assert.equal(d('oil \uD800 gas \uDC00'), 'oil gas');
  assert.equal(d('oil\u0007\u001bgas'), 'oil gas');
  const many = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
  const q = parseQuery(many);
  assert.equal(q.all.length, MAX_TERMS);
  assert.equal(q.truncated, true);
  assert.doesNotThrow(() => parseQuery('x'.repeat(10_000)));
  assert.doesNotThrow(() => parseQuery('"'.repeat(10_000)));
  assert.doesNotThrow(() => parseQuery('-'.repeat(10_000)));
});

test('accented words are kept as typed (the engines fold them); ß, æ, ł are spelt out for both', () => {
  assert.equal(d('Meridá'), 'meridá');
  assert.equal(d('Straße Łódź'), 'strasse lódź');
});

test('FTS5: every term is a quoted string; exclusions after NOT', () => {
  assert.equal(toFts5(parseQuery('iraq oil OR gas -"natural gas" -water')), '("iraq" AND ("oil" OR "gas")) NOT ("natural gas" OR "water")');
  assert.equal(toFts5(parseQuery('NEAR("x" y)')), '"near" AND "x" AND "y"');
  assert.equal(toFts5(parseQuery('the')), null);
});

test('PostgreSQL: a tree of words and phrases (each later one bound parameter), never a tsquery string', () => {
  assert.deepEqual(toTsqueryTree(parseQuery('oil OR gas "oil field" -water')), {
    and: [{ or: [{ op: 'word', text: 'oil' }, { op: 'word', text: 'gas' }] }, { op: 'phrase', text: 'oil field' }, { not: { op: 'word', text: 'water' } }],
  });
  assert.deepEqual(toTsqueryTree(parseQuery('oil')), { op: 'word', text: 'oil' });
  assert.equal(toTsqueryTree(parseQuery('-oil')), null);
});
