import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../../platform/context/index.js';
import { DEFAULT_LIMITS, makeOutputs, MIME, probeImage, type ImageLimits, type OutputFile } from '../images.js';
import { PRIVATE_PREFIX, PUBLIC_PREFIX, type MediaStore } from '../store.js';
import { cleanMediaText } from './mediaText.js';
import { toMedia, type Media, type MediaVariant, type MediaVariants } from '../queries.js';

export interface UploadInput {
  buffer: Buffer;
  /** The name the uploader's computer gave the file: kept (cleaned) for the admin, never trusted or used as a path. */
  filename: string;
  /** The staff user's id, or null (imports, the CLI). */
  uploadedBy: number | null;
  alt?: string;
  caption?: string;
  credit?: string;
}

/**
 * Adds an image to the media library. Its type and size are judged by content; the public files (resized
 * WebP and AVIF, a full-size copy) carry no camera or location metadata; the original is kept privately as
 * uploaded. Files are written first and the row after, in one transaction: if either fails, nothing is left.
 */
export async function uploadImage(ctx: Ctx, store: MediaStore, input: UploadInput, limits: ImageLimits = DEFAULT_LIMITS, now = new Date().toISOString()): Promise<Media> {
  const text = { alt: cleanMediaText('alt', input.alt), caption: cleanMediaText('caption', input.caption), credit: cleanMediaText('credit', input.credit) };
  const probe = await probeImage(input.buffer, limits);
  const outputs = await makeOutputs(input.buffer, probe, limits);
  const key = randomBytes(16).toString('hex');
  const originalFilename = cleanFilename(input.filename);

  const files: { key: string; data: Buffer; type: string }[] = [
    { key: originalKey(key), data: input.buffer, type: MIME[probe.format] },
    ...[outputs.full, ...outputs.avif, ...outputs.webp].map((f) => ({ key: `${PUBLIC_PREFIX}/${key}/${f.file}`, data: f.data, type: f.type })),
  ];
  const variant = (f: OutputFile): MediaVariant => ({ file: f.file, type: f.type, width: f.width, height: f.height, bytes: f.data.length });
  const variants: MediaVariants = { full: variant(outputs.full), avif: outputs.avif.map(variant), webp: outputs.webp.map(variant) };

  const started: string[] = [];
  try {
    for (const f of files) {
      started.push(f.key);
      await store.put(f.key, f.data, f.type);
    }
    const row = await ctx.db.transaction().execute((trx) =>
      trx
        .insertInto('media')
        .values({
          storage_key: key,
          original_filename: originalFilename,
          mime: MIME[probe.format],
          width: probe.width,
          height: probe.height,
          bytes: input.buffer.length,
          alt: text.alt,
          caption: text.caption,
          credit: text.credit,
          variants: JSON.stringify(variants),
          uploaded_by: input.uploadedBy,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toMedia(row);
  } catch (err) {
    // No row without its files, and no files without their row.
    await Promise.allSettled(started.map((k) => store.delete(k)));
    throw err;
  }
}

export function originalKey(storageKey: string): string {
  return `${PRIVATE_PREFIX}/${storageKey}/original`;
}

/** Every key an image's files are stored under. */
export function mediaKeys(media: Pick<Media, 'key' | 'variants'>): string[] {
  const v = media.variants;
  return [originalKey(media.key), ...[v.full, ...v.avif, ...v.webp].map((f) => `${PUBLIC_PREFIX}/${media.key}/${f.file}`)];
}

/** The uploader's file name made safe to show: no folders, control or direction characters; at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = String(name ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...base];
  if (chars.length <= 200) return base || 'upload';
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return chars.slice(0, 200 - [...ext].length).join('') + ext;
}
