// The reading thread's head start (prepare.ts) must give exactly what the import thread would have worked out
// itself, and must leave to it whatever depends on what the reading thread cannot know yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanImportComment } from '../../comments/operations/importComments.js';
import { convertContent } from '../convert/content.js';
import { htmlToText } from '../convert/text.js';
import { WxrParser } from '../wxr/parser.js';
import type { WxrItem } from '../wxr/model.js';
import { fixturesDir } from '../testing.js';
import { attachmentOf, Preparer } from './prepare.js';
import { wpDate } from './urls.js';

/** The items of a file (of a broken one, those before the fault, as the importer has them). */
function read(xml: string | Buffer, wellFormed = true): WxrItem[] {
  const p = new WxrParser();
  const records = [...p.write(Buffer.from(xml)), ...p.end()];
  if (wellFormed) assert.equal(p.failure, null);
  return records.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
}

/** What the import thread does with every attachment of the file known (its second look). */
function convertedByWriter(item: WxrItem, all: WxrItem[]): string {
  const atts = new Map(all.filter((i) => i.postType === 'attachment').map((i) => [i.postId, attachmentOf(i)]));
  return convertContent(item.content, item.postId, {
    attachment: (id) => atts.get(id) ?? null,
    childrenOf: (id) => [...atts.values()].filter((a) => a.parent === id).map((a) => a.id),
    fileUrl: () => null,
  }).html;
}

/** Checks each prepared item against the import thread's own work; returns how many bodies were prepared. */
function check(xml: string | Buffer, wellFormed = true): number {
  const original = read(xml, wellFormed);
  const items = read(xml, wellFormed);
  new Preparer({ convert: true }).prepare(items.map((item) => ({ kind: 'item' as const, item })));
  let bodies = 0;
  items.forEach((item, i) => {
    const was = original[i]!;
    const p = item.prepared!;
    assert.ok(p.hash.length === 64);
    if (p.body) {
      bodies++;
      assert.equal(p.body.html, convertedByWriter(was, original), `post ${was.postId}`);
      if (htmlToText(was.title)) assert.equal(item.content, '', 'the content does not cross twice');
      else assert.equal(item.content, was.content, 'an untitled post keeps its content for its title');
    } else assert.equal(item.content, was.content);
    if (was.postType !== 'post') return;
    assert.equal(p.comments.length, was.comments.length);
    was.comments.forEach((c, k) => {
      const pc = p.comments[k]!;
      assert.deepEqual(pc.clean, cleanImportComment({ authorName: htmlToText(c.author), authorEmail: c.authorEmail, authorUrl: c.authorUrl, body: htmlToText(c.content, true), ip: c.authorIp }));
      assert.equal(pc.createdAt, wpDate(c.dateGmt) ?? wpDate(c.date));
      assert.equal(item.comments[k]!.content, '');
      assert.equal(item.comments[k]!.authorEmail, '', 'the address crosses once, cleaned');
    });
  });
  return bodies;
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>T</title><link>https://t.example</link><wp:wxr_version>1.2</wp:wxr_version>
`;
const post = (id: number, content: string, title = `Post ${id}`, comment = '') =>
  `<item><title>${title}</title><content:encoded><![CDATA[${content}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>${comment}</item>\n`;
const attachment = (id: number, parent: number) =>
  `<item><title>Photo ${id}</title><excerpt:encoded><![CDATA[Caption <b>${id}</b>]]></excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_parent>${parent}</wp:post_parent><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://t.example/wp-content/uploads/p${id}.jpg</wp:attachment_url></item>\n`;
const comment = `<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author><![CDATA[ A  <i>reader</i>\u202e ]]></wp:comment_author><wp:comment_author_email>Reader@Example.ORG</wp:comment_author_email><wp:comment_author_url>example.org/me</wp:comment_author_url><wp:comment_author_IP>192.0.2.9</wp:comment_author_IP><wp:comment_date_gmt>2020-02-29 23:59:59</wp:comment_date_gmt><wp:comment_content><![CDATA[<p>First\r\n line</p><script>x()</script>]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>`;

test('what the reading thread prepares is what the import thread would make; what it cannot know is left to it', () => {
  const xml =
    HEAD +
    attachment(10, 2) +
    post(1, 'Before: [caption id="attachment_10" align="alignnone" width="300"]<img src="https://t.example/wp-content/uploads/p10.jpg" /> Old caption[/caption]\n\nText <script>alert(1)</script> and <a href="javascript:x">a link</a>.', 'One', comment) +
    post(2, 'A gallery of its own attachments: [gallery]') +
    post(3, '[gallery ids="10,11"]') +
    post(4, 'No title, so the first words of this are the title.', '') +
    attachment(11, 3) +
    '</channel></rss>';
  assert.equal(check(xml), 2);
  const items = read(xml);
  new Preparer({ convert: true }).prepare(items.map((item) => ({ kind: 'item' as const, item })));
  const byId = new Map(items.map((i) => [i.postId, i]));
  assert.ok(byId.get('1')!.prepared!.body, 'an attachment read before the post');
  assert.equal(byId.get('2')!.prepared!.body, undefined, 'a gallery of the post’s attachments, which may come later');
  assert.equal(byId.get('3')!.prepared!.body, undefined, 'an attachment not read yet');
  assert.ok(byId.get('4')!.prepared!.body);
  const c = byId.get('1')!.prepared!.comments[0]!;
  assert.deepEqual([c.clean.authorName, c.clean.authorEmail, c.clean.authorUrl, c.createdAt], ['A reader', 'reader@example.org', 'https://example.org/me', '2020-02-29T23:59:59.000Z']);
  // Copying files changes images' addresses: then the import thread converts everything itself.
  const copied = read(xml);
  new Preparer({ convert: false }).prepare(copied.map((item) => ({ kind: 'item' as const, item })));
  assert.ok(copied.every((i) => i.prepared!.body === undefined && (i.postType === 'attachment' || i.content !== '')));
});

test('the real WordPress exports: every prepared body and comment matches the import thread’s own', (t) => {
  const dir = fixturesDir();
  if (!dir) return t.skip('../shared/fixtures/wxr is absent');
  let bodies = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.xml'))) bodies += check(readFileSync(join(dir, name)), false);
  assert.ok(bodies > 10, `${bodies} bodies prepared`);
});
