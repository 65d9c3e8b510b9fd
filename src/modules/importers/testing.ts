// A generated WordPress export for tests and the benchmark: N posts with M threaded comments each, written as a
// stream (a gigabyte is fine), in the shape WordPress itself writes.
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

/** The shared WordPress fixtures (../shared/fixtures/wxr from the repository root), or null when absent. */
export function fixturesDir(): string | null {
  const dir = fileURLToPath(new URL('../../../../../shared/fixtures/wxr/', import.meta.url));
  return existsSync(dir) ? dir : null;
}

export interface GenerateOptions {
  posts: number;
  commentsPerPost?: number;
  /** Paragraphs of body text a post (about 400 characters each). */
  paragraphs?: number;
  /** Added to every title ("v2" makes a changed export). */
  titleSuffix?: string;
  /** Inserted verbatim before </channel> (broken XML for tests). */
  tail?: string;
  /** Inserted verbatim right after item number `at` (1-based). */
  insertAfter?: { at: number; xml: string };
}

const WORDS = 'the council said on tuesday that reporters from the region had found new evidence about water contracts signed before the election while officials declined to comment further'.split(' ');

function sentence(i: number, n: number): string {
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(WORDS[(i * 7 + k * 3) % WORDS.length]!);
  const s = out.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

export async function generateWxr(path: string, o: GenerateOptions): Promise<void> {
  const out = createWriteStream(path);
  const put = async (s: string) => {
    if (!out.write(s)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  const comments = o.commentsPerPost ?? 10;
  const paragraphs = o.paragraphs ?? 4;
  await put(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Generated Gazette</title>
\t<link>https://gazette.example</link>
\t<description>A generated export</description>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://gazette.example</wp:base_site_url>
\t<wp:base_blog_url>https://gazette.example</wp:base_blog_url>
\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login><wp:author_email><![CDATA[editor@gazette.example]]></wp:author_email><wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
\t<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[iraq-syria]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Iraq/Syria]]></wp:cat_name></wp:category>
\t<wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug><![CDATA[water]]></wp:tag_slug><wp:tag_name><![CDATA[Water]]></wp:tag_name></wp:tag>
`);
  let commentId = 1;
  for (let i = 1; i <= o.posts; i++) {
    const day = new Date(Date.UTC(2010, 0, 1) + i * 3_600_000 * 7);
    const stamp = day.toISOString().slice(0, 19).replace('T', ' ');
    const y = stamp.slice(0, 4);
    const m = stamp.slice(5, 7);
    const d = stamp.slice(8, 10);
    const slug = `story-number-${i}`;
    let body = '';
    for (let p = 0; p < paragraphs; p++) body += `${sentence(i + p, 12)} ${sentence(i + p + 1, 14)} ${sentence(i + p + 2, 16)}\n\n`;
    let s = `\t<item>
\t\t<title><![CDATA[Iraq/Syria: Story number ${i}${o.titleSuffix ? ` ${o.titleSuffix}` : ''}]]></title>
\t\t<link>https://gazette.example/${y}/${m}/${d}/${slug}/</link>
\t\t<pubDate>${day.toUTCString()}</pubDate>
\t\t<dc:creator><![CDATA[editor]]></dc:creator>
\t\t<guid isPermaLink="false">https://gazette.example/?p=${i}</guid>
\t\t<description></description>
\t\t<content:encoded><![CDATA[${body}]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[${sentence(i, 10)}]]></excerpt:encoded>
\t\t<wp:post_id>${i}</wp:post_id>
\t\t<wp:post_date><![CDATA[${stamp}]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[${stamp}]]></wp:post_date_gmt>
\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>
\t\t<wp:ping_status><![CDATA[open]]></wp:ping_status>
\t\t<wp:post_name><![CDATA[${slug}]]></wp:post_name>
\t\t<wp:status><![CDATA[publish]]></wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t\t<wp:post_password><![CDATA[]]></wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
\t\t<category domain="category" nicename="iraq-syria"><![CDATA[Iraq/Syria]]></category>
\t\t<category domain="post_tag" nicename="water"><![CDATA[Water]]></category>
`;
    const first = commentId;
    for (let c = 0; c < comments; c++) {
      const parent = c > 0 && c % 3 === 0 ? commentId - 1 : c > 0 && c % 4 === 0 ? first : 0;
      s += `\t\t<wp:comment>
\t\t\t<wp:comment_id>${commentId}</wp:comment_id>
\t\t\t<wp:comment_author><![CDATA[Reader ${c}]]></wp:comment_author>
\t\t\t<wp:comment_author_email><![CDATA[reader${c}@example.org]]></wp:comment_author_email>
\t\t\t<wp:comment_author_url>https://reader${c}.example.org/</wp:comment_author_url>
\t\t\t<wp:comment_author_IP><![CDATA[192.0.2.${c % 250}]]></wp:comment_author_IP>
\t\t\t<wp:comment_date><![CDATA[${stamp}]]></wp:comment_date>
\t\t\t<wp:comment_date_gmt><![CDATA[${stamp}]]></wp:comment_date_gmt>
\t\t\t<wp:comment_content><![CDATA[${sentence(c + i, 18)}<br />${sentence(c, 9)}]]></wp:comment_content>
\t\t\t<wp:comment_approved><![CDATA[${c === comments - 1 ? '0' : '1'}]]></wp:comment_approved>
\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>
\t\t\t<wp:comment_parent>${parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>
`;
      commentId++;
    }
    await put(`${s}\t</item>\n`);
    if (o.insertAfter?.at === i) await put(o.insertAfter.xml);
  }
  await put(`${o.tail ?? ''}</channel>\n</rss>\n`);
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
}
