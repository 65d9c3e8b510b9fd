// Reading an upload by its content and making the public files with sharp. Pure: no storage, no database.
import { availableParallelism } from 'node:os';
import type sharpType from 'sharp';
import { lazy } from '../../platform/lazy.js';
import { AppError, badInput } from '../../platform/http/errors.js';

const loadSharp = lazy<typeof sharpType>('sharp');
const sharp: typeof sharpType = ((...args: Parameters<typeof sharpType>) => loadSharp()(...args)) as typeof sharpType;
type Metadata = Awaited<ReturnType<ReturnType<typeof sharpType>['metadata']>>;

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export const MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};
export const EXT: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', gif: 'gif' };

/** Widths of the resized copies; an image is never enlarged, and one narrower than the widest gets its own width too. */
export const VARIANT_WIDTHS = [480, 960, 1600, 2400] as const;

export interface ImageLimits {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** Largest image accepted, in pixels (all frames together): refuses decompression bombs before decoding. */
  maxPixels: number;
}

export const DEFAULT_LIMITS: ImageLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 100_000_000 };

const ACCEPTED = 'Upload a JPEG, PNG, WebP, AVIF or GIF image.';

export interface ProbedImage {
  format: ImageFormat;
  /** Pixels after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** Frames (animated GIF or WebP); 1 for a still image. */
  pages: number;
}

export interface OutputFile {
  file: string;
  type: string;
  width: number;
  height: number;
  data: Buffer;
}

export interface ImageOutputs {
  full: OutputFile;
  avif: OutputFile[];
  webp: OutputFile[];
}

/** The format its first bytes say, before any decoder sees the file. */
export function sniffFormat(buf: Buffer): ImageFormat | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 6 && (buf.toString('latin1', 0, 6) === 'GIF87a' || buf.toString('latin1', 0, 6) === 'GIF89a')) return 'gif';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (buf.length >= 16 && buf.toString('latin1', 4, 8) === 'ftyp') {
    // ISO-BMFF: the major brand, then compatible brands, up to the end of the ftyp box.
    const boxSize = buf.readUInt32BE(0);
    const end = Math.min(boxSize, buf.length, 256);
    const brands = [buf.toString('latin1', 8, 12)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(buf.toString('latin1', i, i + 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  }
  return null;
}

/** Checks an upload by its content: size, format and pixel count. Throws 413/415 with a message a person can act on. */
export async function probeImage(buf: Buffer, limits: ImageLimits): Promise<ProbedImage> {
  if (buf.length === 0) throw badInput('The file is empty. ' + ACCEPTED, 'file');
  if (buf.length > limits.maxBytes) throw tooLarge(limits);
  const sniffed = sniffFormat(buf);
  if (!sniffed) {
    throw new AppError('BROADSIDE_E_UNSUPPORTED_MEDIA', `This file is not an image Broadside accepts, whatever its name says. ${ACCEPTED}`, 'file');
  }
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: limits.maxPixels }).metadata();
  } catch (err) {
    if (/pixel limit/i.test((err as Error).message)) throw tooManyPixels(limits);
    throw new AppError('BROADSIDE_E_UNSUPPORTED_MEDIA', `This ${sniffed.toUpperCase()} file could not be read; it may be damaged. ${ACCEPTED}`, 'file');
  }
  const format = formatOf(meta);
  if (format !== sniffed) {
    throw new AppError('BROADSIDE_E_UNSUPPORTED_MEDIA', `This file is not an image Broadside accepts. ${ACCEPTED}`, 'file');
  }
  const pages = meta.pages && meta.pages > 1 ? meta.pages : 1;
  const rawWidth = meta.width ?? 0;
  const rawHeight = meta.pageHeight ?? meta.height ?? 0;
  if (rawWidth < 1 || rawHeight < 1) {
    throw new AppError('BROADSIDE_E_UNSUPPORTED_MEDIA', `This image has no size Broadside can read; it may be damaged. ${ACCEPTED}`, 'file');
  }
  if (rawWidth * rawHeight * pages > limits.maxPixels) throw tooManyPixels(limits);
  const swap = (meta.orientation ?? 1) >= 5;
  return { format, width: swap ? rawHeight : rawWidth, height: swap ? rawWidth : rawHeight, pages };
}

function formatOf(meta: Metadata): ImageFormat | null {
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
      return meta.format;
    case 'heif':
      return meta.compression === 'av1' ? 'avif' : null;
    default:
      return null;
  }
}

function tooLarge(limits: ImageLimits): AppError {
  return new AppError('BROADSIDE_E_TOO_LARGE', `The file is larger than the ${formatMb(limits.maxBytes)} MB allowed. Make it smaller and upload it again.`, 'file');
}

function tooManyPixels(limits: ImageLimits): AppError {
  return new AppError(
    'BROADSIDE_E_TOO_LARGE',
    `The image has more pixels than the ${Math.floor(limits.maxPixels / 1_000_000)} megapixels allowed. Scale it down and upload it again.`,
    'file',
  );
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

/** Widths of the resized copies for an image this wide. */
export function variantWidths(width: number): number[] {
  const widest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
  const out: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  if (width <= widest) out.push(width);
  return out;
}

/**
 * How many sharp operations run at once in this process, all uploads together: one less than the cores (at least
 * one, at most two), so that page serving always keeps a core. Each runs on a libuv thread (sharp keeps libvips to
 * one thread per operation here), and the other libuv threads stay free for files, hashing and compression.
 */
export const IMAGE_PARALLELISM = Math.max(1, Math.min(2, availableParallelism() - 1));

let activeLanes = 0;
const waitingLanes: (() => void)[] = [];

/** Runs `fn` when one of the IMAGE_PARALLELISM lanes is free (first come, first served). */
async function inLane<T>(fn: () => Promise<T>): Promise<T> {
  if (activeLanes < IMAGE_PARALLELISM) activeLanes++;
  else await new Promise<void>((resolve) => waitingLanes.push(resolve));
  try {
    return await fn();
  } finally {
    // Hand the lane straight to the next in line, or free it.
    const next = waitingLanes.shift();
    if (next) next();
    else activeLanes--;
  }
}

/**
 * Makes every public file: WebP and AVIF at each width, and a full-size copy in the original's format.
 * Orientation is applied; EXIF (camera, GPS), XMP and IPTC are dropped (sharp's default); the ICC profile stays.
 *
 * For speed (a 24-megapixel photo in under two seconds of one core): the original is decoded once for all resized
 * copies, into an uncompressed TIFF of the widest one (which keeps the colour profile), and every width is made from
 * that; AVIF is encoded at libaom's fastest setting with 4:2:0 chroma, WebP at effort 2; a large JPEG's full copy
 * skips Huffman optimisation; the jobs run in the process-wide image lanes, the longest first.
 */
export async function makeOutputs(buf: Buffer, probe: ProbedImage, limits: ImageLimits): Promise<ImageOutputs> {
  const original = () => sharp(buf, { limitInputPixels: limits.maxPixels, failOn: 'error' }).rotate().keepIccProfile();
  try {
    const widths = variantWidths(probe.width);
    const widest = widths[widths.length - 1]!;
    let base: Buffer | null = null;
    const source = () => (base ? sharp(base, { failOn: 'error' }).keepIccProfile() : original());
    const sourceWidth = () => (base ? widest : probe.width);

    const resized = async (width: number, format: 'avif' | 'webp'): Promise<OutputFile> => {
      let p = source();
      if (width < sourceWidth()) p = p.resize({ width, withoutEnlargement: true });
      // 4:2:0 chroma (as JPEG and WebP have) encodes faster and smaller than sharp's 4:4:4 default; WebP at effort
      // 2 is twice as fast as 4 for about 4 % more bytes (it is the fallback for browsers without AVIF).
      p = format === 'avif' ? p.avif({ quality: 55, effort: 0, chromaSubsampling: '4:2:0' }) : p.webp({ quality: 80, effort: 2 });
      const { data, info } = await p.toBuffer({ resolveWithObject: true });
      return { file: `w${width}.${format}`, type: MIME[format], width: info.width, height: info.height, data };
    };
    const full = async (): Promise<OutputFile> => {
      const animated = probe.pages > 1 && (probe.format === 'gif' || probe.format === 'webp');
      // Animated images keep their frames in the full copy; their resized copies show the first frame.
      let p = animated ? sharp(buf, { limitInputPixels: limits.maxPixels, failOn: 'error', animated: true }).keepIccProfile() : original();
      switch (probe.format) {
        case 'jpeg':
          // Optimised Huffman tables save about 5 % but cost four times the encoding time on a large photo; the
          // full copy is the fallback few browsers fetch, so only smaller images get them.
          p = p.jpeg({ quality: 88, optimiseCoding: probe.width * probe.height <= 8_000_000 });
          break;
        case 'png':
          p = p.png();
          break;
        case 'webp':
          p = p.webp({ quality: 90 });
          break;
        case 'avif':
          p = p.avif({ quality: 65, effort: 2 });
          break;
        case 'gif':
          p = p.gif();
          break;
      }
      const { data, info } = await p.toBuffer({ resolveWithObject: true });
      const height = animated ? (info.pageHeight ?? probe.height) : info.height;
      return { file: `full.${EXT[probe.format]}`, type: MIME[probe.format], width: info.width, height, data };
    };

    let failed = false;
    const lane = <T,>(job: () => Promise<T>) =>
      inLane(() => (failed ? Promise.reject(new Error('skipped')) : job())).catch((err) => {
        failed = true;
        throw err;
      });
    // The full copy (a decode of the whole original) beside the widest copy, then the resized ones, widest first
    // (they take longest).
    const fullDone = lane(full);
    fullDone.catch(() => undefined);
    // The widest copy, once; narrower ones are made from it (never from the full-size original again).
    if (widest < probe.width) base = await lane(() => original().resize({ width: widest }).tiff({ compression: 'none' }).toBuffer());
    const desc = [...widths].reverse();
    const done = await Promise.all([fullDone, ...desc.flatMap((w) => [lane(() => resized(w, 'avif')), lane(() => resized(w, 'webp'))])]);
    const of = (ext: string) => done.filter((f) => f.file.endsWith(`.${ext}`) && f.file.startsWith('w')).sort((a, b) => a.width - b.width);
    return { full: done.find((f) => f.file.startsWith('full.'))!, avif: of('avif'), webp: of('webp') };
  } catch (err) {
    if (/pixel limit/i.test((err as Error).message)) throw tooManyPixels(limits);
    throw badInput('The image could not be processed; it may be damaged or truncated. Try exporting it again.', 'file');
  }
}
