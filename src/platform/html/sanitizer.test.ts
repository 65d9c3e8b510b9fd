import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeHtml } from './sanitizer.js';

test('keeps the article vocabulary', () => {
  const html =
    '<p>Text with <strong>bold</strong>, <em>italic</em> and <a href="https://example.org/x">a link</a>.</p>' +
    '<h2>Section</h2><h3>Sub</h3><ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>quote</p></blockquote>' +
    '<figure class="image"><img src="https://example.org/a.jpg" alt="A river"><figcaption>Caption</figcaption></figure>';
  assert.equal(sanitizeHtml(html), html.replace('alt="A river">', 'alt="A river" />'));
});

test('drops scripts, handlers, styles and dangerous URLs', () => {
  const out = sanitizeHtml(
    '<p onclick="x()" style="color:red">hi</p><script>alert(1)</script><img src="javascript:alert(2)" onerror="alert(3)">' +
      '<a href="javascript:alert(4)">x</a><iframe src="https://evil.example/"></iframe><style>p{}</style><svg><script>1</script></svg>',
  );
  assert.doesNotMatch(out, /script|onclick|onerror|style|javascript:|evil\.example|svg/i);
  assert.match(out, /<p>hi<\/p>/);
});

test('embeds only from allowlisted hosts, lazily loaded', () => {
  const out = sanitizeHtml('<div class="embed"><iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video"></iframe></div>');
  assert.match(out, /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/abc" title="Video" loading="lazy"><\/iframe>/);
  assert.equal(sanitizeHtml('<iframe src="http://www.youtube.com/embed/abc"></iframe>'), '');
});

test('rel keeps only known values', () => {
  assert.equal(sanitizeHtml('<a href="https://x.org" rel="nofollow evil">x</a>'), '<a href="https://x.org" rel="nofollow">x</a>');
});
