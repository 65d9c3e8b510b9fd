// RSS 2.0 and Atom feeds (the `feed` package writes and escapes the XML) and the sitemap.
import type { Feed } from 'feed';
import { lazy } from '../../platform/lazy.js';

const feedLib = lazy<typeof import('feed')>('feed');
import type { Db } from '../../platform/db/index.js';
import type { Site } from '../../web/layout.js';
import type { ArticleSummary } from './queries.js';

export async function bodiesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('articles').select(['id', 'body_html']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), r.body_html]));
}

export function buildFeed(
  site: Site,
  opts: { title: string; path: string; rssPath: string; atomPath: string; description?: string },
  items: ArticleSummary[],
  bodies: Map<number, string>,
): Feed {
  const feed = new (feedLib().Feed)({
    title: opts.title,
    description: opts.description || site.description || opts.title,
    id: site.baseUrl + opts.path,
    link: site.baseUrl + opts.path,
    language: site.lang,
    updated: items[0] ? new Date(items[0].updatedAt > items[0].publishedAt ? items[0].updatedAt : items[0].publishedAt) : new Date(0),
    generator: 'Broadside',
    feedLinks: { rss: site.baseUrl + opts.rssPath, atom: site.baseUrl + opts.atomPath },
    copyright: `© ${site.title}`,
  });
  for (const a of items) {
    const url = site.baseUrl + a.path;
    // Titles and summaries are plain text, but feeds carry them as HTML (Atom says type="html", and RSS readers
    // read them so): escape them, which also keeps a "]]>" in them from ending the CDATA section early.
    feed.addItem({
      title: htmlText(a.kicker ? `${a.kicker}: ${a.headline}` : a.headline),
      id: url,
      guid: url,
      link: url,
      date: new Date(a.updatedAt > a.publishedAt ? a.updatedAt : a.publishedAt),
      published: new Date(a.publishedAt),
      description: a.standfirst ? htmlText(a.standfirst) : undefined,
      content: bodies.get(a.id) ?? '',
      author: a.authors.map((au) => ({ name: au.name, link: `${site.baseUrl}/author/${au.slug}/` })),
      category: a.primaryTag ? [{ name: a.primaryTag.name, domain: `${site.baseUrl}/tag/${a.primaryTag.slug}/` }] : [],
    });
  }
  return feed;
}

/** Plain text as HTML text: only what HTML itself needs escaped, so apostrophes and quotes read as typed. */
function htmlText(s: string): string {
  return s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
}

export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export function sitemapXml(baseUrl: string, entries: { loc: string; lastmod?: string }[]): string {
  const urls = entries
    .map((e) => `<url><loc>${xmlEscape(baseUrl + e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.slice(0, 19)}Z</lastmod>` : ''}</url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}
