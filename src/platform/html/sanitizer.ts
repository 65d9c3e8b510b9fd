// One allowlist for every way HTML enters Broadside: the editor, importers and the demo content.
import type sanitize from 'sanitize-html';
import { lazy } from '../lazy.js';
import { brand, type SafeHtml } from './safe-html.js';

/** Hosts whose players may be embedded in an article. */
export const EMBED_HOSTS = [
  'www.youtube-nocookie.com',
  'www.youtube.com',
  'player.vimeo.com',
  'www.openstreetmap.org',
  'datawrapper.dwcdn.net',
  'w.soundcloud.com',
];

const sanitizeLib = lazy<typeof sanitize>('sanitize-html');

const options: Omit<sanitize.IOptions, 'selfClosing'> = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption', 'img', 'picture', 'source',
    'a', 'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup', 'br', 'hr', 'code', 'pre', 'cite', 'q', 'abbr', 'mark',
    'small', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'aside', 'div', 'iframe', 'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding'],
    source: ['srcset', 'type', 'sizes', 'media'],
    iframe: ['src', 'title', 'width', 'height', 'allow', 'allowfullscreen', 'loading'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
    ol: ['start', 'reversed'],
    figure: ['class'],
    aside: ['class'],
    div: ['class'],
    span: ['class'],
    p: ['class'],
  },
  allowedClasses: {
    figure: ['image', 'embed', 'wide', 'gallery'],
    aside: ['pull-quote'],
    div: ['embed', 'gallery'],
    span: ['credit'],
    p: ['credit'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
  allowProtocolRelative: false,
  allowedIframeHostnames: EMBED_HOSTS,
  transformTags: {
    a: (tagName, attribs) => {
      const rel = new Set((attribs.rel ?? '').split(/\s+/).filter((r) => ['nofollow', 'noopener', 'noreferrer', 'ugc', 'sponsored'].includes(r)));
      const out: Record<string, string> = { ...attribs };
      if (rel.size) out.rel = [...rel].join(' ');
      else delete out.rel;
      return { tagName, attribs: out };
    },
    iframe: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
  // An embed whose source was not allowed goes entirely, not as an empty frame.
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  // Text of dropped elements such as <script> and <style> goes with them.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template'],
};
let withVoid: sanitize.IOptions | undefined;


export function sanitizeHtml(input: string): SafeHtml {
  const lib = sanitizeLib();
  // <source> is a void element like <img>: written `<source ... />`, never with a closing tag.
  withVoid ??= { ...options, selfClosing: [...lib.defaults.selfClosing, 'source'] };
  return brand(lib(input, withVoid));
}
