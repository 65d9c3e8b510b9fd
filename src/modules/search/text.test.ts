// Text helpers: HTML to text, folding, stemming, highlighting and snippets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText, fold, htmlToText, indexText, matchKey, roughText, stem } from './text.js';
import { highlight, segmentsToHtml, snippet } from './snippet.js';
import { parseQuery, positiveTerms } from './query.js';

test('HTML to text: blocks become lines, inline tags join, entities decode, nothing else survives', () => {
  assert.equal(htmlToText('<p>One <em>two</em> three.</p><p>Four&nbsp;&amp; five</p>'), 'One two three.\nFour & five');
  assert.equal(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'), '<script>alert(1)</script>');
  assert.equal(htmlToText('<h2>Head</h2><ul><li>a</li><li>b</li></ul>'), 'Head\na\nb');
  assert.equal(htmlToText('<p>&#x1F600; &#55296; &#0; &bogus;</p>'), '😀 \uFFFD \uFFFD &bogus;');
  assert.equal(htmlToText('<a href="x>y">link</a>text'), 'linktext');
  assert.equal(htmlToText('<P CLASS="x">a<br/>b</P><p_x>c</p_x><img alt=\'<p>\'>d'), 'a\nb\ncd');
  assert.equal(htmlToText('a &lt; b <i>and</i> c &gt; d'), 'a < b and c > d');
  assert.equal(htmlToText('x <em title="unclosed>e'), 'x <em title="unclosed>e', 'no complete tag: text');
  // For snippets: the same text with its blanks as they were (snippet() collapses those it keeps).
  assert.equal(roughText('<p>a</p>\n<p>b &amp;  c</p>'), '\na\n\n\nb &  c\n');
});

test('text for the index: words only, single spaces, ligatures spelt out', () => {
  assert.equal(indexText('Covid-19: the U.S. (and Straße)'), 'Covid 19 the U S and Strasse');
  assert.equal(indexText('a\u0000b \uD800 c'), 'a b c');
});

test('folding and cleaning', () => {
  assert.equal(fold('Meridá ÉLAN Łódź Æsir'), 'merida elan lodz aesir');
  assert.equal(cleanText('x\u0000y\uDC00'), 'x y\uFFFD');
});

test('the Porter stemmer on everyday words', () => {
  const cases: Record<string, string> = {
    elections: 'elect',
    election: 'elect',
    elected: 'elect',
    running: 'run',
    ponies: poni(),
    caresses: 'caress',
    relational: 'relat',
    generalization: 'gener',
    hopefulness: 'hope',
    agreed: 'agre',
    sky: 'sky',
    flies: 'fli',
  };
  for (const [w, s] of Object.entries(cases)) assert.equal(stem(w), s, w);
  assert.equal(matchKey('Elections'), matchKey('election'));
  function poni() {
    return 'poni';
  }
});

test('highlighting marks matched forms of a word, and phrases only where whole', () => {
  const terms = positiveTerms(parseQuery('elections "oil field"'));
  const segs = highlight('The Election and an oil pipeline near the oil field.', terms);
  assert.deepEqual(
    segs.filter((s) => s.mark).map((s) => s.text),
    ['Election', 'oil field'],
  );
});

test('snippets: a window around the most distinct matches, escaped when turned into HTML', () => {
  const body = `${'filler '.repeat(100)}the <script>alert(1)</script> budget was passed by the parliament ${'more '.repeat(100)}`;
  const segs = snippet(body, positiveTerms(parseQuery('budget parliament')));
  const text = segs.map((s) => s.text).join('');
  assert.ok(text.startsWith('…'));
  assert.ok(text.endsWith('…'));
  assert.ok(text.includes('budget was passed by the parliament'));
  const html = segmentsToHtml(segs);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('<mark>budget</mark>') && html.includes('<mark>parliament</mark>'));
  assert.deepEqual(snippet('', []), []);
  assert.equal(snippet('Short text.', []).map((s) => s.text).join(''), 'Short text.');
});
