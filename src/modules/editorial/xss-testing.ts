// For the stored-XSS tests (security.test.ts on the public site, test/browser/admin-xss.test.ts in the admin):
// an attack in every field an editor fills in, put there through the admin API, and a check that a page's
// HTML holds nothing that runs.
import { Parser } from 'htmlparser2';
import type { TestApp } from '../../../test/app.js';
import { EMBED_HOSTS } from '../../platform/html/sanitizer.js';
import { multipartBody, png } from '../media/test-images.js';
import { api, expectStatus, type Person } from './articles/testing.js';

/**
 * A short attack for a one-line text field: it closes an attribute, then tries an element with an event handler
 * and a script. `mark` names the field: `data-xss=<mark>` shows where it landed (as text it is harmless).
 */
export const attack = (mark: string) => `"'><img src=x onerror=alert(1) data-xss=${mark}><script>alert(1)</script>`;

/** A rich-text (HTML) attack: every way in the sanitiser must close. */
export const htmlAttack = (mark: string) =>
  `<p>Plain words for ${mark}.</p>` +
  `<p onclick="alert(1)" data-xss="${mark}">clickable<script>alert(1)</script></p>` +
  `<img src=x alt="a picture" onerror="alert(1)" data-xss="${mark}">` +
  `<a href="javascript:alert(1)" data-xss="${mark}">a link</a> <a href=" JaVaScRiPt:alert(1)">another</a>` +
  `<svg onload="alert(1)"><circle r="4"/></svg><math><mtext><img src=x alt=pic onerror=alert(1)></mtext></math>` +
  `<iframe src="https://evil.example/embed" data-xss="${mark}"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>` +
  `<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">` +
  `<style>body{display:none}</style><form action="javascript:alert(1)"><button>Go</button></form>` +
  `<div style="background:url(javascript:alert(1))" class="embed">styled</div><base href="https://evil.example/">` +
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">` +
  `<details open ontoggle=alert(1)>details</details><a href="data:text/html,<script>alert(1)</script>">data link</a>`;

/** The fields the issue lists, each with the mark its attack carries. */
export const MARKS = {
  kicker: 'kick',
  headline: 'head',
  standfirst: 'stand',
  body: 'body',
  tagName: 'tagname',
  tagDescription: 'tagdesc',
  authorName: 'authname',
  authorBio: 'authbio',
  pageTitle: 'pagetitle',
  pageBody: 'pagebody',
  settingsTitle: 'sitetitle',
  settingsDescription: 'sitedesc',
  mediaAlt: 'alt',
  mediaCaption: 'caption',
  mediaCredit: 'credit',
} as const;

export interface XssFixture {
  articleId: number;
  articlePath: string;
  tagId: number;
  tagPath: string;
  authorId: number;
  authorPath: string;
  pageId: number;
  pagePath: string;
  mediaId: number;
  /** Slug attempts: every one refused (400, naming the slug) or made harmless. */
  slugResults: { what: string; status: number; slug: string | null }[];
}

/** Writes the attack into every field through the admin API, as `owner`, and publishes what has a public page. */
export async function seedXss(t: TestApp, owner: Person): Promise<XssFixture> {
  // Site settings.
  expectStatus(await api(t, owner, 'PUT', 'settings', { title: attack(MARKS.settingsTitle), description: attack(MARKS.settingsDescription) }), 200);

  // A tag and an author (byline).
  const tag = expectStatus(await api(t, owner, 'POST', 'tags', { name: attack(MARKS.tagName), description: attack(MARKS.tagDescription) }), 201).json();
  const author = expectStatus(await api(t, owner, 'POST', 'authors', { name: attack(MARKS.authorName), bio: attack(MARKS.authorBio) }), 201).json();

  // An image with the attack in its alt text, caption and credit.
  const img = multipartBody('file', 'harbour.png', 'image/png', await png(640, 400), {
    alt: attack(MARKS.mediaAlt),
    caption: attack(MARKS.mediaCaption),
    credit: attack(MARKS.mediaCredit),
  });
  const media = expectStatus(
    await t.app.inject({ method: 'POST', url: '/api/admin/media', payload: img.payload, headers: { ...img.headers, cookie: owner.cookie, 'x-csrf-token': owner.csrf } }),
    201,
  ).json();

  // The article: the attack in each text field, the HTML attack in the body, with the library's figure for the image.
  const article = expectStatus(
    await api(t, owner, 'POST', 'articles', {
      kicker: attack(MARKS.kicker),
      headline: attack(MARKS.headline),
      standfirst: attack(MARKS.standfirst),
      bodyHtml: media.html + htmlAttack(MARKS.body),
      authorIds: [author.id, owner.authorId],
      tagIds: [tag.id],
      primaryTagId: tag.id,
      status: 'published',
      publishedAt: '2025-03-02T10:00:00Z',
    }),
    201,
  ).json();

  // A page.
  const page = expectStatus(await api(t, owner, 'POST', 'pages', { title: attack(MARKS.pageTitle), slug: 'about-us', bodyHtml: htmlAttack(MARKS.pageBody), status: 'published' }), 201).json();

  // Slugs: the attack is refused, or turned into a harmless slug.
  const slugResults: XssFixture['slugResults'] = [];
  const slugTry = async (what: string, method: 'PUT', url: string, body: object, read: (j: { slug: string }) => string) => {
    const r = await api(t, owner, method, url, body);
    slugResults.push({ what, status: r.statusCode, slug: r.statusCode < 300 ? read(r.json()) : null });
  };
  await slugTry('article', 'PUT', `articles/${article.id}`, { revision: article.revision, slug: attack('slug') }, (j) => j.slug);
  await slugTry('tag', 'PUT', `tags/${tag.id}`, { slug: attack('slug') }, (j) => j.slug);
  await slugTry('author', 'PUT', `authors/${author.id}`, { slug: attack('slug') }, (j) => j.slug);
  await slugTry('page', 'PUT', `pages/${page.id}`, { slug: attack('slug') }, (j) => j.slug);

  const fresh = expectStatus(await api(t, owner, 'GET', `articles/${article.id}`), 200).json();
  const tagNow = expectStatus(await api(t, owner, 'GET', 'tags'), 200).json().items.find((x: { id: number }) => x.id === tag.id);
  const authorNow = expectStatus(await api(t, owner, 'GET', 'authors'), 200).json().items.find((x: { id: number }) => x.id === author.id);
  const pageNow = expectStatus(await api(t, owner, 'GET', 'pages'), 200).json().items.find((x: { id: number }) => x.id === page.id);
  return {
    articleId: article.id,
    articlePath: fresh.path,
    tagId: tag.id,
    tagPath: `/tag/${tagNow.slug}/`,
    authorId: author.id,
    authorPath: `/author/${authorNow.slug}/`,
    pageId: page.id,
    pagePath: `/${pageNow.slug}/`,
    mediaId: media.id,
    slugResults,
  };
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'srcset', 'poster', 'xlink:href', 'background']);
const NEVER = new Set(['svg', 'math', 'object', 'embed', 'base', 'style', 'frame', 'frameset', 'applet', 'template']);

/**
 * What in this HTML could run or was injected: a script that is not JSON-LD or one of the site's files, an event-handler attribute, a
 * `data-xss` attribute (an element of the attack that survived), a javascript: or data: URL, a frame from a
 * host not allowed, an element the sanitiser never lets through, a meta refresh. Empty when the page is inert.
 */
export function inertProblems(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const at = `<${name}${Object.entries(attribs).map(([k, v]) => ` ${k}="${v.slice(0, 60)}"`).join('')}>`;
        // The site's own scripts are files under /assets/ (the CSP allows nothing else); JSON-LD is data.
        if (name === 'script' && attribs.type !== 'application/ld+json' && !/^\/assets\/[\w.-]+\.js$/.test(attribs.src ?? '')) problems.push(`script element: ${at}`);
        if (NEVER.has(name)) problems.push(`${name} element: ${at}`);
        if (name === 'meta' && /refresh/i.test(attribs['http-equiv'] ?? '')) problems.push(`meta refresh: ${at}`);
        if (name === 'iframe') {
          let host = '';
          try {
            const u = new URL(attribs.src ?? '');
            host = u.protocol === 'https:' ? u.hostname : '';
          } catch {
            /* no host */
          }
          if (!EMBED_HOSTS.includes(host) || 'srcdoc' in attribs) problems.push(`frame: ${at}`);
        }
        for (const [k, v] of Object.entries(attribs)) {
          if (/^on/i.test(k)) problems.push(`event handler ${k}: ${at}`);
          if (k === 'data-xss') problems.push(`injected element: ${at}`);
          if (k === 'style' && /url\s*\(|expression/i.test(v)) problems.push(`style with a URL: ${at}`);
          if (URL_ATTRS.has(k) && /^\s*(javascript|data|vbscript):/i.test(v.replace(/[\u0000-\u0020]/g, ''))) problems.push(`${k} with a script URL: ${at}`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}
