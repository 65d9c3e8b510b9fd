// The content converter on its own: paragraphs, shortcodes, embeds, text, kickers (no database).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autop } from './autop.js';
import { convertContent, type ConvertLookup } from './content.js';
import { embedFor } from './embeds.js';
import { htmlToText, kickerPattern, splitKicker } from './text.js';

const none: ConvertLookup = { attachment: () => null, childrenOf: () => [], fileUrl: () => null };

test('paragraphs from blank lines, <br /> from single breaks, blocks and <pre> left alone', () => {
  assert.equal(autop('One\ntwo\n\nThree'), '<p>One<br />\ntwo</p>\n<p>Three</p>');
  assert.equal(autop('<h2>Head</h2>\nText'), '<h2>Head</h2>\n<p>Text</p>');
  assert.equal(autop('<ul>\n<li>a</li>\n<li>b</li>\n</ul>'), '<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
  assert.equal(autop('<pre>a\n\nb</pre>'), '<pre>a\n\nb</pre>');
  assert.equal(autop('<img\nsrc="x.jpg" alt="y">'), '<p><img src="x.jpg" alt="y"></p>');
  assert.equal(autop(''), '');
});

test('block-editor content is HTML already: no paragraphs added; embed blocks become players', () => {
  const r = convertContent('<!-- wp:paragraph -->\n<p>a\nb</p>\n<!-- /wp:paragraph -->\n<!-- wp:embed -->\n<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">\nhttps://youtu.be/dQw4w9WgXcQ\n</div></figure>\n<!-- /wp:embed -->', '1', none);
  assert.match(r.html, /<p>a\nb<\/p>/);
  assert.match(r.html, /<div class="embed"><iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"/);
  assert.equal(r.embeds, 1);
});

test('[caption], old-style caption attribute, galleries from attachments, escaped shortcodes', () => {
  const lookup: ConvertLookup = {
    attachment: (id) => (id === '7' ? { url: 'https://old.example/a.jpg', alt: 'A', caption: 'Cap & co' } : id === '8' ? undefined : null),
    childrenOf: () => ['7'],
    fileUrl: () => null,
  };
  const a = convertContent('[caption id="attachment_7" width="300"]<img src="https://old.example/a.jpg" alt="A" /> The <em>river</em>[/caption]', '1', lookup);
  assert.equal(a.html, '<figure class="image"><img src="https://old.example/a.jpg" alt="A" /><figcaption>The <em>river</em></figcaption></figure>');
  const b = convertContent('[caption caption="Old style"]<img src="x.jpg" />[/caption]', '1', lookup);
  assert.match(b.html, /<figcaption>Old style<\/figcaption>/);
  const g = convertContent('[gallery]', '1', lookup);
  assert.equal(g.html, '<div class="gallery"><figure class="image"><img src="https://old.example/a.jpg" alt="A" loading="lazy" /><figcaption>Cap &amp; co</figcaption></figure></div>');
  const later = convertContent('[gallery ids="7,8"]', '1', lookup);
  assert.deepEqual(later.missing, ['8']);
  assert.equal(convertContent('[[caption]]', '1', none).html, '<p>[caption]</p>');
});

test('embeds: YouTube, Vimeo, SoundCloud become players on allowed hosts; others are links', () => {
  assert.equal(embedFor('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3')?.src, 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
  assert.equal(embedFor('https://vimeo.com/76979871')?.src, 'https://player.vimeo.com/video/76979871');
  assert.match(embedFor('https://soundcloud.com/a/b')!.src, /^https:\/\/w\.soundcloud\.com\/player\/\?url=/);
  assert.equal(embedFor('https://twitter.com/x/status/1'), null);
  assert.equal(embedFor('javascript:alert(1)'), null);
  const r = convertContent('Look:\n\nhttps://twitter.com/x/status/1\n\nEnd', '1', none);
  assert.match(r.html, /<p><a href="https:\/\/twitter\.com\/x\/status\/1">https:\/\/twitter\.com\/x\/status\/1<\/a><\/p>/);
});

test('text from HTML: the quick path for comments gives what the parser gives', () => {
  for (const html of ['Hi, this is a comment.<br />To delete&#039;s <p>x</p>', 'a &amp; b &lt;c&gt; &quot;d&quot; &#8217;', 'plain\n\n\n\ntext']) {
    const viaParser = htmlToText(`${html}<span></span>`, true);
    assert.equal(htmlToText(html, true), viaParser, html);
  }
  assert.equal(htmlToText('Title <em>With</em> &amp; <b>Mark<sup>up</sup></b>'), 'Title With & Markup');
  assert.equal(htmlToText('a\u202eb\u0007c'), 'ab c');
});

test('kicker split: the default rule and a pattern of one’s own', () => {
  const def = kickerPattern(true);
  assert.deepEqual(splitKicker('Iraq/Syria: The dams run dry', def), { kicker: 'Iraq/Syria', headline: 'The dams run dry' });
  assert.equal(splitKicker('He said this and that and more: no', def), null);
  assert.equal(splitKicker('Time 10:30 is late', def), null);
  assert.equal(splitKicker('No colon here', def), null);
  const own = kickerPattern('^\\[(.+?)\\]\\s*(.+)$');
  assert.deepEqual(splitKicker('[Analysis] Water wars', own), { kicker: 'Analysis', headline: 'Water wars' });
  assert.throws(() => kickerPattern('('), /not a regular expression/);
  assert.throws(() => kickerPattern('^(.+)$'), /two groups/);
});
