// Reading media rows, and the shape the rest of Broadside sees.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/http/errors.js';
import type { MediaTable } from './tables.js';

export interface MediaVariant {
  /** File name inside the image's public folder, e.g. `w960.webp` or `full.jpg`. */
  file: string;
  /** MIME type of the file. */
  type: string;
  width: number;
  height: number;
  bytes: number;
}

export interface MediaVariants {
  /** Full-size copy in the original's format, metadata stripped. */
  full: MediaVariant;
  /** Resized copies, narrowest first. */
  avif: MediaVariant[];
  webp: MediaVariant[];
}

export interface Media {
  id: number;
  key: string;
  originalFilename: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  variants: MediaVariants;
  uploadedBy: number | null;
  createdAt: string;
}

export interface MediaPage {
  items: Media[];
  page: number;
  pages: number;
  total: number;
}

export const MEDIA_PAGE_SIZE = 30;

/** The public URL of one of an image's files. */
export function mediaUrl(key: string, file: string): string {
  return `/media/${key}/${file}`;
}

export function toMedia(row: Selectable<MediaTable>): Media {
  return {
    id: Number(row.id),
    key: row.storage_key,
    originalFilename: row.original_filename,
    mime: row.mime,
    width: Number(row.width),
    height: Number(row.height),
    bytes: Number(row.bytes),
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    variants: JSON.parse(row.variants) as MediaVariants,
    uploadedBy: row.uploaded_by === null ? null : Number(row.uploaded_by),
    createdAt: row.created_at,
  };
}

export async function findMedia(db: Db, id: number): Promise<Media | null> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMedia(row) : null;
}

export async function getMedia(db: Db, id: number): Promise<Media> {
  const m = await findMedia(db, id);
  if (!m) throw notFound(`There is no image ${id} in the media library.`);
  return m;
}

/** Newest first; `q` matches the file name, alt text, caption or credit (case-insensitive). */
export async function listMedia(db: Db, opts: { page?: number; q?: string; pageSize?: number } = {}): Promise<MediaPage> {
  const page = opts.page ?? 1;
  const size = opts.pageSize ?? MEDIA_PAGE_SIZE;
  const q = (opts.q ?? '').trim().toLowerCase();
  let base = db.selectFrom('media');
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The same on both engines: lower() on each side, and backslash as the escape for % and _ in the query.
    const like = (col: 'original_filename' | 'alt' | 'caption' | 'credit') => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`;
    base = base.where((eb) => eb.or([like('original_filename'), like('alt'), like('caption'), like('credit')]));
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  const count = Number(total);
  return { items: rows.map(toMedia), page, pages: Math.max(1, Math.ceil(count / size)), total: count };
}
