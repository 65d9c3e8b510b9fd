import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeHtml } from '../../platform/html/sanitizer.js';
import { imageHtml, imageMarkup, imagesMissingAlt } from './html.js';
import type { Media } from './queries.js';

const media: Media = {
  id: 1,
  key: '0123456789abcdef0123456789abcdef',
  originalFilename: 'x.jpg',
  mime: 'image/jpeg',
  width: 2000,
  height: 1000,
  bytes: 12345,
  alt: 'Alt from the library',
  caption: '',
  credit: '',
  variants: {
    full: { file: 'full.jpg', type: 'image/jpeg', width: 2000, height: 1000, bytes: 1 },
    avif: [480, 960].map((w) => ({ file: `w${w}.avif`, type: 'image/avif', width: w, height: w / 2, bytes: 1 })),
    webp: [480, 960].map((w) => ({ file: `w${w}.webp`, type: 'image/webp', width: w, height: w / 2, bytes: 1 })),
  },
  uploadedBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const base = `/media/${media.key}`;

test('a figure with AVIF and WebP sources, a lazy fallback image and a credited caption', () => {
  const html = imageMarkup(media, { caption: 'Flooding in the old town', credit: 'Photo: R. Diaz' });
  assert.equal(
    html,
    '<figure class="image"><picture>' +
      `<source type="image/avif" srcset="${base}/w480.avif 480w, ${base}/w960.avif 960w" sizes="(max-width: 760px) 100vw, 720px" />` +
      `<source type="image/webp" srcset="${base}/w480.webp 480w, ${base}/w960.webp 960w" sizes="(max-width: 760px) 100vw, 720px" />` +
      `<img src="${base}/full.jpg" srcset="${base}/full.jpg 2000w" sizes="(max-width: 760px) 100vw, 720px" alt="Alt from the library" width="2000" height="1000" loading="lazy" decoding="async" />` +
      '</picture><figcaption>Flooding in the old town <span class="credit">Photo: R. Diaz</span></figcaption></figure>',
  );
  assert.equal(sanitizeHtml(html), html, 'the sanitiser leaves it exactly as it is');
  assert.equal(imageHtml(media, { caption: 'Flooding in the old town', credit: 'Photo: R. Diaz' }), html);
});

test('text is escaped, and the escaped form survives the sanitiser unchanged', () => {
  const tricky = { alt: 'A "quoted" <b>bold</b> & \'single\' > alt', caption: 'Fish & chips <script>alert(1)</script> "x"', credit: 'Ünïcødé & Co <i>' };
  const html = imageMarkup({ ...media, ...tricky });
  assert.match(html, /alt="A &quot;quoted&quot; &lt;b&gt;bold&lt;\/b&gt; &amp; 'single' &gt; alt"/);
  assert.match(html, /<figcaption>Fish &amp; chips &lt;script&gt;alert\(1\)&lt;\/script&gt; "x" <span class="credit">Ünïcødé &amp; Co &lt;i&gt;<\/span><\/figcaption>/);
  assert.equal(sanitizeHtml(html), html);
  // The text reads back as it was written.
  assert.deepEqual(imagesMissingAlt(html), []);
});

test('caption or credit alone; no figcaption without either; overrides win over the library', () => {
  assert.match(imageMarkup(media, { credit: 'AP' }), /<figcaption><span class="credit">AP<\/span><\/figcaption>/);
  assert.match(imageMarkup(media, { caption: 'Only words' }), /<figcaption>Only words<\/figcaption>/);
  assert.doesNotMatch(imageMarkup(media), /figcaption/);
  assert.match(imageMarkup(media, { alt: 'Other' }), /alt="Other"/);
  const noAlt = imageMarkup({ ...media, alt: '' });
  assert.match(noAlt, /alt=""/);
  assert.equal(sanitizeHtml(noAlt), noAlt);
});

test('imagesMissingAlt lists the images without usable alt text', () => {
  const html =
    '<p>Intro</p><figure class="image"><img src="/a.jpg" alt="Good"></figure>' +
    '<img src="/b.jpg">' +
    '<IMG SRC="/c.jpg" ALT="   ">' +
    '<img src="/d.jpg" alt>' +
    '<p>Text mentioning <img src="/fake.jpg"> in prose: &lt;img src="/escaped.jpg"&gt;</p>' +
    '<!-- <img src="/commented.jpg"> -->' +
    '<img alt="" src="/e.jpg?x=1&amp;y=2" />' +
    '<img src="/f.jpg" alt="0">' +
    '<img alt="">' +
    imageMarkup({ ...media, alt: '' });
  assert.deepEqual(imagesMissingAlt(html), ['/b.jpg', '/c.jpg', '/d.jpg', '/fake.jpg', '/e.jpg?x=1&y=2', '', `${base}/full.jpg`]);
  assert.deepEqual(imagesMissingAlt(imageMarkup(media)), []);
  assert.deepEqual(imagesMissingAlt(''), []);
});
