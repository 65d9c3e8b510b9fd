// The content converter on its own: paragraphs, shortcodes, embeds, text, kickers (no database).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autop } from './autop.js';
import { convertContent, type ConvertLookup } from './content.js';
import { embedFor } from './embeds.js';
import { htmlToText, kickerPattern, splitKicker, tidyParagraphs } from './text.js';
import { wpDate } from '../wordpress/urls.js';

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

/** A small deterministic generator, so that a failure can be run again. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('tidyParagraphs and wpDate, written for speed, agree with their plain definitions on random input', () => {
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
  const plainTidy = (s: string) =>
    s.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(BIDI, '').split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const plainDate = (s: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s.trim());
    if (!m || m[1] === '0000') return null;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
    const d = new Date(t);
    if (Number.isNaN(t) || d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999 || d.getUTCMonth() !== Number(m[2]) - 1) return null;
    return d.toISOString();
  };
  const rand = seeded(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const chars = ['a', 'b', ' ', ' ', '\t', '\n', '\n', '\r', '\u00a0', '\u2003', '\u2028', '\u3000', '\ufeff', '\u0001', '\u0085', '\u202a', '\u000b', 'é'];
  for (let i = 0; i < 20_000; i++) {
    let s = '';
    for (let k = Math.floor(rand() * 16); k > 0; k--) s += pick(chars);
    assert.equal(tidyParagraphs(s), plainTidy(s), JSON.stringify(s));
  }
  const two = (lo: number, hi: number) => String(lo + Math.floor(rand() * (hi - lo + 1))).padStart(2, '0');
  for (let i = 0; i < 20_000; i++) {
    const y = pick(['1969', '1970', '2000', '1900', '2024', '2100', '9999', '0000', String(1950 + Math.floor(rand() * 80))]);
    const s = `${y}-${two(0, 13)}-${two(0, 32)}${pick(['T', ' '])}${two(0, 25)}:${two(0, 61)}${rand() < 0.7 ? `:${two(0, 61)}` : ''}${pick(['', 'Z', ' '])}`;
    assert.equal(wpDate(s), plainDate(s), s);
  }
});
