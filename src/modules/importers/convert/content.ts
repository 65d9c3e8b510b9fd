// A WordPress post body → Broadside's article HTML (before the sanitiser, which the content module applies on
// the way in). Classic content gets paragraphs from its line breaks; block-editor content (<!-- wp: … -->) is
// HTML already. [caption] becomes a figure, [embed] and URLs alone on a line become players (or links),
// [gallery] a gallery of figures, [audio]/[video] links to the file. Shortcodes we do not know are kept as
// text and listed, so that an editor can find them.
import { autop } from './autop.js';
import { embedHtml, escapeAttr, escapeText } from './embeds.js';

export interface AttachmentInfo {
  /** Where the file is now: the media library's copy, or the original address. */
  url: string;
  alt: string;
  caption: string;
}

export interface ConvertLookup {
  /** An attachment by its WordPress id: null when the export has none such, undefined when not seen yet. */
  attachment(id: string): AttachmentInfo | null | undefined;
  /** Attachments whose parent is this post (a [gallery] with no ids shows them). */
  childrenOf(postId: string): string[];
  /** The new address of a file under the old site's uploads, when it was copied. */
  fileUrl(url: string): string | null;
}

export interface Converted {
  html: string;
  /** Shortcode names left as text. */
  unknown: string[];
  embeds: number;
  links: number;
  /** Attachment ids referred to but not seen yet (a later pass fills them in). */
  missing: string[];
}

const ENCLOSING = new Set(['caption', 'wp_caption', 'embed', 'audio', 'video']);
const KNOWN = new Set([...ENCLOSING, 'gallery']);

/** Markup made here is set aside as a token while paragraphs are made, so that it comes back exactly as made. */
let made: string[] = [];
const aside = (html: string) => `\n\n\u0002${made.push(html) - 1}\u0002\n\n`;

export function convertContent(raw: string, postId: string, lookup: ConvertLookup): Converted {
  made = [];
  const r: Converted = { html: '', unknown: [], embeds: 0, links: 0, missing: [] };
  let text = raw.replace(/\r\n?/g, '\n');
  const blocks = /<!--\s*wp:/.test(text);
  text = text.replace(/<figure\b[^>]*class="[^"]*wp-block-embed[^"]*"[^>]*>\s*<div\b[^>]*>\s*(https?:\/\/[^\s<>"]+)\s*<\/div>([\s\S]*?)<\/figure>/gi, (m, url: string, rest: string) => {
    const e = embedHtml(url);
    if (!e) return m;
    count(r, e.embedded);
    const cap = /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i.exec(rest)?.[1];
    return aside(cap ? `<figure class="embed">${e.html}<figcaption>${cap}</figcaption></figure>` : e.html);
  });
  text = shortcodes(text, postId, lookup, r);
  if (!blocks) {
    text = text.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (m, url: string) => {
      const e = embedHtml(url);
      if (!e) return m;
      count(r, e.embedded);
      return aside(e.html);
    });
    text = autop(text);
  }
  text = text.replace(/\n*\u0002(\d+)\u0002\n*/g, (_m, i: string) => made[Number(i)]!);
  r.html = rewriteImages(text, lookup);
  return r;
}

function count(r: Converted, embedded: boolean): void {
  if (embedded) r.embeds++;
  else r.links++;
}

/** Image addresses under the old uploads that were copied point at the copies; srcset of the old sizes goes. */
function rewriteImages(html: string, lookup: ConvertLookup): string {
  return html.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = /\ssrc\s*=\s*("([^"]*)"|'([^']*)')/i.exec(tag);
    const url = src ? (src[2] ?? src[3] ?? '') : '';
    const local = url ? lookup.fileUrl(decodeAmp(url)) : null;
    if (!local) return tag;
    return tag.replace(src![0], ` src="${escapeAttr(local)}"`).replace(/\s(srcset|sizes)\s*=\s*("[^"]*"|'[^']*')/gi, '');
  });
}

function decodeAmp(s: string): string {
  return s.replace(/&amp;/g, '&');
}

const OPEN = /\[(\[?)([A-Za-z][\w-]*)(?=[\s\]/])((?:[^\]"']|"[^"]*"|'[^']*')*?)(\/?)\](\]?)/g;

function shortcodes(text: string, postId: string, lookup: ConvertLookup, r: Converted): string {
  let out = '';
  let last = 0;
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(text); m; m = OPEN.exec(text)) {
    const [whole, esc, nameRaw, attrText, selfClose, escEnd] = m as unknown as [string, string, string, string, string, string];
    const name = nameRaw.toLowerCase();
    if (esc && escEnd) {
      // [[name]] is how WordPress writes a shortcode as text.
      out += text.slice(last, m.index) + whole.slice(1, -1);
      last = m.index + whole.length;
      continue;
    }
    if (!KNOWN.has(name)) {
      if (looksLikeShortcode(text, m.index, name, attrText, !!selfClose)) r.unknown.push(name);
      continue;
    }
    let content = '';
    let end = m.index + whole.length;
    if (ENCLOSING.has(name) && !selfClose) {
      const close = text.toLowerCase().indexOf(`[/${name}]`, end);
      if (close !== -1) {
        content = text.slice(end, close);
        end = close + name.length + 3;
      }
    }
    const attrs = parseAttrs(attrText);
    const html = render(name, attrs, content, postId, lookup, r);
    if (html === null) continue;
    out += text.slice(last, m.index) + html;
    last = end;
    OPEN.lastIndex = end;
  }
  return out + text.slice(last);
}

/** Brackets around a word are not always a shortcode ("[sic]"): only forms that are clearly one are listed. */
function looksLikeShortcode(text: string, at: number, name: string, attrs: string, selfClose: boolean): boolean {
  if (selfClose || /=/.test(attrs) || /[_-]/.test(name)) return true;
  return text.toLowerCase().includes(`[/${name}]`, at);
}

export function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)/g;
  let i = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1]) out[m[1].toLowerCase()] = m[2]!;
    else if (m[3]) out[m[3].toLowerCase()] = m[4]!;
    else if (m[5]) out[m[5].toLowerCase()] = m[6]!;
    else out[String(i++)] = m[7] ?? m[8] ?? '';
  }
  return out;
}

function render(name: string, attrs: Record<string, string>, content: string, postId: string, lookup: ConvertLookup, r: Converted): string | null {
  switch (name) {
    case 'caption':
    case 'wp_caption': {
      const m = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(content);
      if (!m) return content;
      const caption = (attrs.caption ?? m[2]!).trim();
      return aside(`<figure class="image">${m[1]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`);
    }
    case 'embed': {
      const e = embedHtml((content || attrs.src || attrs['0'] || '').trim());
      if (!e) return null;
      count(r, e.embedded);
      return aside(e.html);
    }
    case 'audio':
    case 'video': {
      const src = attrs.src ?? ['mp3', 'm4a', 'ogg', 'wav', 'mp4', 'webm', 'm4v', 'ogv', 'flv'].map((k) => attrs[k]).find(Boolean) ?? /https?:\/\/[^\s"'<>\]]+/.exec(content)?.[0];
      if (!src || !/^https?:\/\//i.test(src)) return null;
      const url = lookup.fileUrl(src) ?? src;
      const file = decodeURIComponent(url.split(/[?#]/)[0]!.split('/').pop() || url);
      r.links++;
      return aside(`<p><a href="${escapeAttr(url)}">${name === 'audio' ? 'Listen' : 'Watch'}: ${escapeText(file)}</a></p>`);
    }
    case 'gallery': {
      const ids = (attrs.ids ?? attrs.include ?? '').split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s));
      const list = ids.length ? ids : lookup.childrenOf(postId);
      const figures: string[] = [];
      for (const id of list) {
        const a = lookup.attachment(id);
        if (a === undefined) r.missing.push(id);
        if (!a) continue;
        figures.push(
          `<figure class="image"><img src="${escapeAttr(a.url)}" alt="${escapeAttr(a.alt)}" loading="lazy" />${a.caption ? `<figcaption>${escapeText(a.caption)}</figcaption>` : ''}</figure>`,
        );
      }
      return figures.length ? aside(`<div class="gallery">${figures.join('')}</div>`) : '';
    }
  }
  return null;
}
