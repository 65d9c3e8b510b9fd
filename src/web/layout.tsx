// The page shell every public page shares: head metadata, header, archive sidebar, footer.
import { h, type ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { formatMonthKey } from '../modules/content/dates.js';
import type { ArchiveMonth, TagRef } from '../modules/content/queries.js';

export interface Site {
  title: string;
  description: string;
  baseUrl: string;
  cssUrl: string;
  printCssUrl: string;
  lang: string;
}

export interface LayoutData {
  months: ArchiveMonth[];
  regions: TagRef[];
  nav: { slug: string; title: string }[];
  /** The header links from the settings (admin → Settings → Navigation); when set, they replace Latest and the page list. */
  links?: { label: string; url: string }[];
}

export interface Head {
  title: string;
  description?: string;
  /** Site-relative path of the canonical URL. */
  path: string;
  type?: 'website' | 'article' | 'profile';
  prev?: string | null;
  next?: string | null;
  jsonLd?: object;
  feeds?: { title: string; href: string; type: 'rss' | 'atom' }[];
  article?: { publishedAt: string; modifiedAt: string; section?: string; tags: string[]; authors: string[] };
  noindex?: boolean;
}

/** JSON for a <script> element: "<" escaped so no string in it can close the element. */
function scriptJson(value: object): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** What the <head> holds for one page. */
function HeadTags({ site, head }: { site: Site; head: Head }) {
  const url = site.baseUrl + head.path;
  const fullTitle = head.path === '/' ? site.title : `${head.title} – ${site.title}`;
  const description = head.description || site.description;
  return (
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{fullTitle}</title>
      {description && <meta name="description" content={description} />}
      {head.noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={url} />}
      {head.prev && <link rel="prev" href={site.baseUrl + head.prev} />}
      {head.next && <link rel="next" href={site.baseUrl + head.next} />}
      <link rel="stylesheet" href={site.cssUrl} />
      <link rel="stylesheet" href={site.printCssUrl} media="print" />
      <link rel="search" type="application/opensearchdescription+xml" title={site.title} href={`${site.baseUrl}/opensearch.xml`} />
      <link rel="alternate" type="application/rss+xml" title={`${site.title} (RSS)`} href={`${site.baseUrl}/feed/`} />
      <link rel="alternate" type="application/atom+xml" title={`${site.title} (Atom)`} href={`${site.baseUrl}/feed/atom/`} />
      {(head.feeds ?? []).map((f) => (
        <link rel="alternate" type={f.type === 'rss' ? 'application/rss+xml' : 'application/atom+xml'} title={f.title} href={site.baseUrl + f.href} />
      ))}
      <meta property="og:site_name" content={site.title} />
      <meta property="og:type" content={head.type ?? 'website'} />
      <meta property="og:title" content={head.title} />
      {description && <meta property="og:description" content={description} />}
      <meta property="og:url" content={url} />
      <meta property="og:locale" content="en_GB" />
      {head.article && <meta property="article:published_time" content={head.article.publishedAt} />}
      {head.article && <meta property="article:modified_time" content={head.article.modifiedAt} />}
      {head.article?.section && <meta property="article:section" content={head.article.section} />}
      {head.article?.tags.map((t) => <meta property="article:tag" content={t} />)}
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={head.title} />
      {description && <meta name="twitter:description" content={description} />}
      {head.jsonLd && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(head.jsonLd) }} />}
    </>
  );
}

// The shell (everything but the head's contents and the page's own body) is the same for every page until the
// site's settings or layout data change, which gives a new LayoutData object: it is rendered once per object,
// and pages are put together from its parts. Rendering the archive list alone (a link per month, years of
// them) cost more than most page bodies.
const HEAD_SLOT = '<broadside-slot-head></broadside-slot-head>';
const BODY_SLOT = '<broadside-slot-body></broadside-slot-body>';
const shells = new WeakMap<LayoutData, { key: string; parts: [string, string, string] }>();

function shellParts(site: Site, data: LayoutData): [string, string, string] {
  const key = JSON.stringify(site);
  const kept = shells.get(data);
  if (kept && kept.key === key) return kept.parts;
  const html = render(
    <html lang={site.lang}>
      <head>
        {h('broadside-slot-head', null)}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="site-title" href="/">
              {site.title}
            </a>
            {site.description && <p class="site-description">{site.description}</p>}
            <form class="search-form" role="search" action="/search/" method="get">
              <label class="visually-hidden" for="site-search">
                Search the site
              </label>
              <input id="site-search" type="search" name="q" maxLength={500} />
              <button type="submit">Search</button>
            </form>
            <nav class="site-nav" aria-label="Main">
              <ul>
                {data.links?.length ? (
                  data.links.map((l) => (
                    <li>
                      <a href={l.url}>{l.label}</a>
                    </li>
                  ))
                ) : (
                  <>
                    <li>
                      <a href="/">Latest</a>
                    </li>
                    {data.nav.map((p) => (
                      <li>
                        <a href={`/${p.slug}/`}>{p.title}</a>
                      </li>
                    ))}
                  </>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <div class="layout wrap">
          <main id="main" class="content" tabIndex={-1}>
            {h('broadside-slot-body', null)}
          </main>
          <aside class="sidebar" aria-label="Archives and regions">
            {data.regions.length > 0 && (
              <section class="region-list" aria-labelledby="regions-title">
                <h2 id="regions-title">Regions</h2>
                <ul>
                  {data.regions.map((r) => (
                    <li>
                      <a href={`/tag/${r.slug}/`}>{r.name}</a>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section class="archive-list" aria-labelledby="archives-title">
              <h2 id="archives-title">Archives</h2>
              <ul>
                {data.months.map((m) => (
                  <li>
                    <a href={`/${m.key.slice(0, 4)}/${m.key.slice(5, 7)}/`}>{formatMonthKey(m.key)}</a> <span class="count">({m.count})</span>
                  </li>
                ))}
              </ul>
            </section>
          </aside>
        </div>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              © {site.title}. Published with Broadside.
            </p>
            <ul class="footer-links">
              <li>
                <a href="/feed/">RSS</a>
              </li>
              <li>
                <a href="/feed/atom/">Atom</a>
              </li>
              <li>
                <a href="/sitemap.xml">Sitemap</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>,
  );
  // Every text in the shell is escaped, so neither slot's tag can occur in it but where it was put.
  const [before, rest] = splitOnce(`<!doctype html>\n${html}`, HEAD_SLOT);
  const [middle, after] = splitOnce(rest, BODY_SLOT);
  const parts: [string, string, string] = [before, middle, after];
  shells.set(data, { key, parts });
  return parts;
}

function splitOnce(s: string, slot: string): [string, string] {
  const at = s.indexOf(slot);
  if (at === -1 || s.indexOf(slot, at + 1) !== -1) throw new Error(`The page shell must hold ${slot} exactly once.`);
  return [s.slice(0, at), s.slice(at + slot.length)];
}

export function renderPage(site: Site, data: LayoutData, head: Head, body: ComponentChildren): string {
  const [before, middle, after] = shellParts(site, data);
  return before + render(<HeadTags site={site} head={head} />) + middle + render(<>{body}</>) + after;
}
