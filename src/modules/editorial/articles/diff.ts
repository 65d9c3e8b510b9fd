// Side-by-side differences between two versions of an article, field by field, computed with `diff`: words
// for text, words over the body's text (one blank line between blocks), items for tag and author lists.
import { lazy } from '../../../platform/lazy.js';

const diffLib = lazy<typeof import('diff')>('diff');
import type { ArticleFields } from './fields.js';

export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

export type FieldDiff = Record<string, DiffPart[]>;

const BLOCK = /<\/?(p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|pre|table|thead|tbody|tr|div|aside|hr)\b[^>]*>/gi;

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|#39);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos' || k === '#39') return "'";
    if (k === 'nbsp') return ' ';
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** The body as a reader reads it: text, blocks apart, images as [image: alt]. */
export function bodyText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<img\b[^>]*>/gi, (tag) => {
        const alt = /\balt="([^"]*)"/i.exec(tag)?.[1] ?? '';
        return ` [image${alt ? `: ${alt}` : ''}] `;
      })
      .replace(BLOCK, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function parts(changes: { value: string; added: boolean; removed: boolean }[]): DiffPart[] {
  return changes.map((c) => ({ value: c.value, ...(c.added ? { added: true as const } : {}), ...(c.removed ? { removed: true as const } : {}) }));
}

function words(a: string, b: string): DiffPart[] {
  if (a === b) return a ? [{ value: a }] : [];
  return parts(diffLib().diffWords(a, b));
}

function whole(a: string, b: string): DiffPart[] {
  if (a === b) return a ? [{ value: a }] : [];
  return [...(a ? [{ value: a, removed: true as const }] : []), ...(b ? [{ value: b, added: true as const }] : [])];
}

function list(a: string[], b: string[]): DiffPart[] {
  return diffLib().diffArrays(a, b).map((c) => ({ value: c.value.join(', '), ...(c.added ? { added: true as const } : {}), ...(c.removed ? { removed: true as const } : {}) }));
}

export interface Names {
  tags: Map<number, string>;
  authors: Map<number, string>;
}

/** What changes going from `from` to `to`: `removed` parts are only in `from`, `added` parts only in `to`. */
export function diffArticleFields(from: ArticleFields, to: ArticleFields, names: Names): FieldDiff {
  const tagName = (id: number) => names.tags.get(id) ?? `#${id} (deleted)`;
  const authorName = (id: number) => names.authors.get(id) ?? `#${id} (deleted)`;
  return {
    headline: words(from.headline, to.headline),
    kicker: words(from.kicker, to.kicker),
    standfirst: words(from.standfirst, to.standfirst),
    bodyHtml: words(bodyText(from.bodyHtml), bodyText(to.bodyHtml)),
    slug: whole(from.slug, to.slug),
    status: whole(from.status, to.status),
    publishedAt: whole(from.publishedAt ?? '', to.publishedAt ?? ''),
    sticky: whole(from.sticky ? 'sticky' : '', to.sticky ? 'sticky' : ''),
    primaryTag: whole(from.primaryTagId === null ? '' : tagName(from.primaryTagId), to.primaryTagId === null ? '' : tagName(to.primaryTagId)),
    tags: list(from.tagIds.map(tagName), to.tagIds.map(tagName)),
    authors: list(from.authorIds.map(authorName), to.authorIds.map(authorName)),
  };
}
