// The HTML of an image in an article, and the check the publish step makes on alt text.
import { Parser } from 'htmlparser2';
import { sanitizeHtml } from '../../platform/html/sanitizer.js';
import type { SafeHtml } from '../../platform/html/safe-html.js';
import { mediaUrl, type Media, type MediaVariant } from './queries.js';

/** Layout width the article column takes (see --measure in site.css): browsers pick a file from it. */
export const DEFAULT_SIZES = '(max-width: 760px) 100vw, 720px';

export interface ImageHtmlOptions {
  /** Override the library's alt text, caption or credit for this use of the image. */
  alt?: string;
  caption?: string;
  credit?: string;
  sizes?: string;
}

type ImageHtmlMedia = Pick<Media, 'key' | 'width' | 'height' | 'alt' | 'caption' | 'credit' | 'variants'>;

/**
 * `<figure class="image"><picture>` with AVIF and WebP sources, the full-size copy as the fallback `<img>`,
 * and a caption with its credit. Written in the sanitiser's own output form, so sanitising it changes nothing.
 */
export function imageHtml(media: ImageHtmlMedia, opts: ImageHtmlOptions = {}): SafeHtml {
  // Through the one sanitiser all the same: whatever reaches a page as SafeHtml has passed it.
  return sanitizeHtml(imageMarkup(media, opts));
}

/** imageHtml's markup before the sanitiser: tests check the sanitiser leaves it exactly as it is. */
export function imageMarkup(media: ImageHtmlMedia, opts: ImageHtmlOptions = {}): string {
  const alt = (opts.alt ?? media.alt).trim();
  const caption = (opts.caption ?? media.caption).trim();
  const credit = (opts.credit ?? media.credit).trim();
  const sizes = opts.sizes ?? DEFAULT_SIZES;
  const srcset = (files: MediaVariant[]) => files.map((f) => `${mediaUrl(media.key, f.file)} ${f.width}w`).join(', ');
  const full = media.variants.full;

  let html = '<figure class="image"><picture>';
  if (media.variants.avif.length) html += `<source type="image/avif" srcset="${attr(srcset(media.variants.avif))}" sizes="${attr(sizes)}" />`;
  if (media.variants.webp.length) html += `<source type="image/webp" srcset="${attr(srcset(media.variants.webp))}" sizes="${attr(sizes)}" />`;
  html +=
    `<img src="${attr(mediaUrl(media.key, full.file))}" srcset="${attr(srcset([full]))}" sizes="${attr(sizes)}" alt="${attr(alt)}"` +
    ` width="${full.width}" height="${full.height}" loading="lazy" decoding="async" />`;
  html += '</picture>';
  if (caption || credit) {
    html += '<figcaption>';
    if (caption) html += text(caption);
    if (caption && credit) html += ' ';
    if (credit) html += `<span class="credit">${text(credit)}</span>`;
    html += '</figcaption>';
  }
  html += '</figure>';
  return html;
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;');
}

/**
 * The src of every `<img>` whose alt text is missing or blank ('' for an image without a src), in document
 * order. The publish step refuses an article while this is not empty: "alt text required before publishing".
 */
export function imagesMissingAlt(html: string): string[] {
  const missing: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name !== 'img') return;
        if (attribs.alt === undefined || attribs.alt.trim() === '') missing.push(attribs.src ?? '');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return missing;
}
