// The media library as the admin sees it, and turning an item into an article figure.
import { get, qs, upload } from './api.ts';
import type { FigureAttrs } from './editor/extensions.ts';

export interface MediaVariant {
  file: string;
  type: string;
  width: number;
  height: number;
}

export interface MediaItem {
  id: number;
  key?: string;
  url?: string;
  originalFilename?: string;
  mime?: string;
  width: number;
  height: number;
  bytes?: number;
  alt: string;
  caption: string;
  credit: string;
  /** The staff member who uploaded it (null when imported or their account is gone). */
  uploadedBy?: number | null;
  variants?: { full: MediaVariant; avif: MediaVariant[]; webp: MediaVariant[] };
  /** The server's ready-made <figure> for this image. */
  html?: string;
  thumbnailUrl?: string;
  createdAt?: string;
}

export interface MediaPage {
  items: MediaItem[];
  page: number;
  pages: number;
  total: number;
}

const fileUrl = (m: MediaItem, file: string) => `/media/${m.key}/${file}`;

export function mediaSrc(m: MediaItem): string {
  if (m.url) return m.url;
  if (m.key && m.variants) return fileUrl(m, m.variants.full.file);
  return '';
}

/** The narrowest variant at least `min` pixels wide, for thumbnails. */
export function thumbSrc(m: MediaItem, min = 320): string {
  if (m.thumbnailUrl) return m.thumbnailUrl;
  const v = m.variants;
  if (m.key && v) {
    const list = v.webp.length ? v.webp : v.avif;
    const pick = list.find((x) => x.width >= min) ?? list[list.length - 1];
    if (pick) return fileUrl(m, pick.file);
  }
  return mediaSrc(m);
}

export function figureFromMedia(m: MediaItem, over: { alt: string; caption: string; credit: string }): FigureAttrs {
  const base: FigureAttrs = {
    src: mediaSrc(m),
    srcset: null,
    sizes: null,
    sources: [],
    alt: over.alt,
    caption: over.caption,
    credit: over.credit,
    width: m.width || null,
    height: m.height || null,
    mediaId: m.id,
  };
  if (m.html) {
    // The server's own markup carries the responsive sources; the text fields come from the form.
    const doc = new DOMParser().parseFromString(m.html, 'text/html');
    const img = doc.querySelector('img');
    if (img) {
      base.src = img.getAttribute('src') ?? base.src;
      base.srcset = img.getAttribute('srcset');
      base.sizes = img.getAttribute('sizes');
      base.sources = [...doc.querySelectorAll('picture > source')].map((s) => ({ type: s.getAttribute('type') ?? '', srcset: s.getAttribute('srcset') ?? '' }));
      if (!base.sizes) base.sizes = doc.querySelector('picture > source')?.getAttribute('sizes') ?? null;
    }
  } else if (m.key && m.variants) {
    const v = m.variants;
    const set = (files: MediaVariant[]) => files.map((f) => `${fileUrl(m, f.file)} ${f.width}w`).join(', ');
    base.sizes = '(max-width: 760px) 100vw, 720px';
    base.sources = [
      ...(v.avif.length ? [{ type: 'image/avif', srcset: set(v.avif) }] : []),
      ...(v.webp.length ? [{ type: 'image/webp', srcset: set(v.webp) }] : []),
    ];
    base.srcset = set([v.full]);
  }
  return base;
}

export const listMedia = (page: number, q: string, signal?: AbortSignal) => get<MediaPage>(`/api/admin/media${qs({ page, q })}`, { signal });

export async function uploadMedia(file: File): Promise<MediaItem> {
  const r = await upload<MediaItem | { media: MediaItem }>('/api/admin/media', file);
  return 'media' in r ? r.media : r;
}

export const ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif';
