// `broadside export`: the whole outlet as JSON (every registered section) or as a WordPress export (WXR 1.2,
// which WordPress and Broadside both import). Written as a stream, page by page: memory stays flat whatever
// the archive's size. Broadside's own fields that WXR has no element for (kicker, bylines, regions, the
// primary tag) travel as post and term meta under broadside_* keys, so that an export imported again gives
// the same content.
import type { Writable } from 'node:stream';
import type { Ctx } from '../../../platform/context/index.js';
import { exportArticles, exportAuthors, exportPages, exportTags, type ExportedArticle, type ExportedTag } from '../../content/exportContent.js';
import { closedThreads, commentsForArticles, type ExportedComment } from '../../comments/index.js';
import { listMedia, mediaJson } from '../../media/index.js';
import { exportSections } from './sections.js';

export const EXPORT_FORMATS = ['wxr', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  out: Writable;
  baseUrl: string;
  title: string;
  description?: string;
  now?: string;
}

/** Writes the export; returns how many rows of each kind it wrote. */
export async function exportSite(ctx: Ctx, opts: ExportOptions): Promise<Record<string, number>> {
  const w = writer(opts.out);
  const counts = opts.format === 'json' ? await writeJson(ctx, opts, w) : await writeWxr(ctx, opts, w);
  await w.done();
  return counts;
}

function writer(out: Writable) {
  let buf = '';
  const flush = async () => {
    if (!buf) return;
    const chunk = buf;
    buf = '';
    if (!out.write(chunk)) await new Promise<void>((res) => out.once('drain', () => res()));
  };
  return {
    async put(s: string) {
      buf += s;
      if (buf.length > 256 * 1024) await flush();
    },
    done: flush,
  };
}
type W = ReturnType<typeof writer>;

async function writeJson(ctx: Ctx, opts: ExportOptions, w: W): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const head = { format: 'broadside-export', version: 1, exportedAt: opts.now ?? new Date().toISOString(), site: { title: opts.title, url: opts.baseUrl, description: opts.description ?? '' } };
  await w.put(`${JSON.stringify(head, null, 1).slice(0, -2)},\n`);
  const sections = exportSections();
  for (let s = 0; s < sections.length; s++) {
    const section = sections[s]!;
    await w.put(`${JSON.stringify(section.name)}: [`);
    let n = 0;
    for await (const row of section.rows(ctx)) {
      await w.put(`${n ? ',' : ''}\n  ${JSON.stringify(row)}`);
      n++;
    }
    counts[section.name] = n;
    await w.put(`${n ? '\n' : ''}]${s < sections.length - 1 ? ',' : ''}\n`);
  }
  await w.put('}\n');
  return counts;
}

// ---- WXR -----------------------------------------------------------------------------------------------------

/** Characters XML 1.0 cannot carry at all. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function cdata(s: string): string {
  return `<![CDATA[${s.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function esc(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** ISO 8601 → WordPress's "YYYY-MM-DD HH:MM:SS" (UTC); its zero date for none. */
function wpTime(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00';
}

function rfc822(iso: string | null): string {
  return iso ? new Date(iso).toUTCString().replace('GMT', '+0000') : '';
}

function meta(key: string, value: string): string {
  return `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n`;
}

/** WordPress numbers posts, pages and attachments in one series: pages and media are moved clear of articles. */
export const PAGE_ID_OFFSET = 1_000_000_000;
export const MEDIA_ID_OFFSET = 2_000_000_000;

const WP_STATUS = { published: 'publish', scheduled: 'future', draft: 'draft' } as const;
const COMMENT_APPROVED = { approved: '1', pending: '0', spam: 'spam', trash: 'trash' } as const;

async function writeWxr(ctx: Ctx, opts: ExportOptions, w: W): Promise<Record<string, number>> {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const counts = { authors: 0, tags: 0, articles: 0, pages: 0, comments: 0, media: 0 };
  await w.put(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- A WordPress eXtended RSS export written by Broadside: WordPress and Broadside can both import it. -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${esc(opts.title)}</title>
\t<link>${esc(base)}</link>
\t<description>${esc(opts.description ?? '')}</description>
\t<pubDate>${rfc822(opts.now ?? new Date().toISOString())}</pubDate>
\t<language>en</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${esc(base)}</wp:base_site_url>
\t<wp:base_blog_url>${esc(base)}</wp:base_blog_url>
`);
  for await (const a of exportAuthors(ctx.db)) {
    counts.authors++;
    await w.put(
      `\t<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.slug)}</wp:author_login><wp:author_email>${cdata('')}</wp:author_email>` +
        `<wp:author_display_name>${cdata(a.name)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name>` +
        `<wp:author_last_name>${cdata('')}</wp:author_last_name><wp:author_description>${cdata(a.bio)}</wp:author_description></wp:author>\n`,
    );
  }
  const tags = new Map<string, ExportedTag>();
  for await (const t of exportTags(ctx.db)) {
    counts.tags++;
    tags.set(t.slug, t);
    await w.put(
      t.isRegion
        ? `\t<wp:category><wp:term_id>${t.id}</wp:term_id><wp:category_nicename>${cdata(t.slug)}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent>` +
            `<wp:cat_name>${cdata(t.name)}</wp:cat_name><wp:category_description>${cdata(t.description)}</wp:category_description>` +
            `<wp:termmeta><wp:meta_key>${cdata('broadside_region')}</wp:meta_key><wp:meta_value>${cdata('1')}</wp:meta_value></wp:termmeta></wp:category>\n`
        : `\t<wp:tag><wp:term_id>${t.id}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name>` +
            `<wp:tag_description>${cdata(t.description)}</wp:tag_description></wp:tag>\n`,
    );
  }
  await w.put('\t<generator>Broadside</generator>\n');

  const closed = await closedThreads(ctx.db);
  let batch: ExportedArticle[] = [];
  const writeBatch = async () => {
    const comments = await commentsForArticles(ctx.db, batch.map((a) => a.id));
    for (const a of batch) {
      await w.put(articleItem(a, base, tags, closed.has(a.id), comments.get(a.id) ?? []));
      counts.articles++;
      counts.comments += comments.get(a.id)?.length ?? 0;
    }
    batch = [];
  };
  for await (const a of exportArticles(ctx.db)) {
    batch.push(a);
    if (batch.length >= 200) await writeBatch();
  }
  await writeBatch();

  for await (const p of exportPages(ctx.db)) {
    counts.pages++;
    await w.put(
      `\t<item>\n\t\t<title>${cdata(p.title)}</title>\n\t\t<link>${esc(`${base}/${p.slug}/`)}</link>\n\t\t<pubDate>${rfc822(p.createdAt)}</pubDate>\n` +
        `\t\t<dc:creator>${cdata('')}</dc:creator>\n\t\t<guid isPermaLink="false">${esc(`${base}/?page_id=${PAGE_ID_OFFSET + p.id}`)}</guid>\n\t\t<description></description>\n` +
        `\t\t<content:encoded>${cdata(p.bodyHtml)}</content:encoded>\n\t\t<excerpt:encoded>${cdata('')}</excerpt:encoded>\n` +
        `\t\t<wp:post_id>${PAGE_ID_OFFSET + p.id}</wp:post_id>\n\t\t<wp:post_date>${cdata(wpTime(p.createdAt))}</wp:post_date>\n\t\t<wp:post_date_gmt>${cdata(wpTime(p.createdAt))}</wp:post_date_gmt>\n` +
        `\t\t<wp:post_modified_gmt>${cdata(wpTime(p.updatedAt))}</wp:post_modified_gmt>\n\t\t<wp:comment_status>closed</wp:comment_status>\n\t\t<wp:ping_status>closed</wp:ping_status>\n` +
        `\t\t<wp:post_name>${cdata(p.slug)}</wp:post_name>\n\t\t<wp:status>${p.status === 'published' ? 'publish' : 'draft'}</wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n` +
        `\t\t<wp:menu_order>${p.position}</wp:menu_order>\n\t\t<wp:post_type>page</wp:post_type>\n\t\t<wp:post_password></wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n` +
        meta('_broadside_html', '1') +
        '\t</item>\n',
    );
  }

  for (let page = 1; ; page++) {
    const p = await listMedia(ctx.db, { page, q: '' });
    for (const m of p.items) {
      counts.media++;
      const j = mediaJson(m);
      await w.put(
        `\t<item>\n\t\t<title>${cdata(j.originalFilename)}</title>\n\t\t<link>${esc(base + j.url)}</link>\n\t\t<pubDate>${rfc822(j.createdAt)}</pubDate>\n` +
          `\t\t<guid isPermaLink="false">${esc(base + j.url)}</guid>\n\t\t<content:encoded>${cdata('')}</content:encoded>\n\t\t<excerpt:encoded>${cdata(j.caption)}</excerpt:encoded>\n` +
          `\t\t<wp:post_id>${MEDIA_ID_OFFSET + j.id}</wp:post_id>\n\t\t<wp:post_date_gmt>${cdata(wpTime(j.createdAt))}</wp:post_date_gmt>\n\t\t<wp:post_name>${cdata(`media-${j.id}`)}</wp:post_name>\n` +
          `\t\t<wp:status>inherit</wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:post_type>attachment</wp:post_type>\n\t\t<wp:attachment_url>${cdata(base + j.url)}</wp:attachment_url>\n` +
          meta('_wp_attachment_image_alt', j.alt) +
          (j.credit ? meta('broadside_credit', j.credit) : '') +
          '\t</item>\n',
      );
    }
    if (page >= p.pages) break;
  }
  await w.put('</channel>\n</rss>\n');
  return counts;
}

function articleItem(a: ExportedArticle, base: string, tags: Map<string, ExportedTag>, closed: boolean, comments: ExportedComment[]): string {
  const wpStatus = a.trashedAt ? 'trash' : WP_STATUS[a.status];
  const date = a.publishedAt ?? null;
  let s =
    `\t<item>\n\t\t<title>${cdata(a.headline)}</title>\n\t\t<link>${esc(a.path ? base + a.path : `${base}/?p=${a.id}`)}</link>\n\t\t<pubDate>${rfc822(date)}</pubDate>\n` +
    `\t\t<dc:creator>${cdata(a.authors[0] ?? '')}</dc:creator>\n\t\t<guid isPermaLink="false">${esc(`${base}/?p=${a.id}`)}</guid>\n\t\t<description></description>\n` +
    `\t\t<content:encoded>${cdata(a.bodyHtml)}</content:encoded>\n\t\t<excerpt:encoded>${cdata(esc(a.standfirst))}</excerpt:encoded>\n` +
    `\t\t<wp:post_id>${a.id}</wp:post_id>\n\t\t<wp:post_date>${cdata(wpTime(date ?? a.createdAt))}</wp:post_date>\n\t\t<wp:post_date_gmt>${cdata(wpTime(date))}</wp:post_date_gmt>\n` +
    `\t\t<wp:post_modified_gmt>${cdata(wpTime(a.updatedAt))}</wp:post_modified_gmt>\n\t\t<wp:comment_status>${closed ? 'closed' : 'open'}</wp:comment_status>\n` +
    `\t\t<wp:ping_status>closed</wp:ping_status>\n\t\t<wp:post_name>${cdata(a.slug)}</wp:post_name>\n\t\t<wp:status>${wpStatus}</wp:status>\n` +
    `\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n\t\t<wp:post_type>post</wp:post_type>\n\t\t<wp:post_password></wp:post_password>\n\t\t<wp:is_sticky>${a.sticky ? 1 : 0}</wp:is_sticky>\n`;
  for (const slug of a.tags) {
    const t = tags.get(slug);
    if (t) s += `\t\t<category domain="${t.isRegion ? 'category' : 'post_tag'}" nicename="${esc(t.slug)}">${cdata(t.name)}</category>\n`;
  }
  s += meta('_broadside_html', '1');
  if (a.kicker) s += meta('broadside_kicker', a.kicker);
  if (a.authors.length > 1) s += meta('broadside_authors', a.authors.join(','));
  if (a.primaryTag) s += meta('broadside_primary_tag', a.primaryTag);
  if (a.trashedAt) s += meta('_wp_trash_meta_status', WP_STATUS[a.status]) + meta('_wp_trash_meta_time', String(Math.floor(Date.parse(a.trashedAt) / 1000)));
  for (const c of comments) {
    s +=
      `\t\t<wp:comment>\n\t\t\t<wp:comment_id>${c.id}</wp:comment_id>\n\t\t\t<wp:comment_author>${cdata(c.authorName)}</wp:comment_author>\n` +
      `\t\t\t<wp:comment_author_email>${cdata(c.authorEmail)}</wp:comment_author_email>\n\t\t\t<wp:comment_author_url>${cdata(c.authorUrl)}</wp:comment_author_url>\n` +
      `\t\t\t<wp:comment_author_IP>${cdata(c.ip)}</wp:comment_author_IP>\n\t\t\t<wp:comment_date>${cdata(wpTime(c.createdAt))}</wp:comment_date>\n` +
      `\t\t\t<wp:comment_date_gmt>${cdata(wpTime(c.createdAt))}</wp:comment_date_gmt>\n\t\t\t<wp:comment_content>${cdata(esc(c.body))}</wp:comment_content>\n` +
      `\t\t\t<wp:comment_approved>${COMMENT_APPROVED[c.status]}</wp:comment_approved>\n\t\t\t<wp:comment_type>comment</wp:comment_type>\n` +
      `\t\t\t<wp:comment_parent>${c.parentId ?? 0}</wp:comment_parent>\n\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n\t\t</wp:comment>\n`;
  }
  return `${s}\t</item>\n`;
}
