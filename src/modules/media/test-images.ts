// Test images made in code with sharp, and a small EXIF reader to prove what a file carries.
import sharp from 'sharp';

export const CAMERA_MAKE = 'LeakyCam Industries';
export const CAMERA_MODEL = 'Snitch 5000';

/** A JPEG with a P3 colour profile, camera Make/Model and a GPS position in its EXIF. */
export async function jpegWithExif(width = 1200, height = 800, orientation?: number): Promise<Buffer> {
  let p = sharp({ create: { width, height, channels: 3, background: { r: 180, g: 90, b: 40 } } })
    .composite([{ input: { create: { width: Math.ceil(width / 2), height: Math.ceil(height / 2), channels: 3, background: { r: 20, g: 60, b: 200 } } }, left: 0, top: 0 }])
    .withIccProfile('p3')
    .withExif({
      IFD0: { Make: CAMERA_MAKE, Model: CAMERA_MODEL, Copyright: 'Someone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2604/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3950/100' },
    });
  if (orientation) p = p.withMetadata({ orientation });
  return p.jpeg({ quality: 80 }).toBuffer();
}

export async function png(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } }).png().toBuffer();
}

export async function gif(width = 64, height = 48, frames = 1): Promise<Buffer> {
  if (frames === 1) return sharp({ create: { width, height, channels: 3, background: { r: 250, g: 0, b: 0 } } }).gif().toBuffer();
  const colours = ['red', 'green', 'blue', 'white', 'black'];
  const pics = await Promise.all(
    Array.from({ length: frames }, (_, i) => sharp({ create: { width, height, channels: 3, background: colours[i % colours.length]! } }).png().toBuffer()),
  );
  return sharp(pics, { join: { animated: true } }).gif({ loop: 0, delay: Array(frames).fill(100) }).toBuffer();
}

/** A real PNG whose header claims `width` x `height`: a decompression bomb's shape without its memory. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const buf = Buffer.from(await png(8, 8));
  // IHDR is the first chunk: length(4) 'IHDR'(4) width(4) height(4) ... crc(4).
  buf.writeUInt32BE(width, 16);
  buf.writeUInt32BE(height, 20);
  const { crc32 } = await import('node:zlib');
  buf.writeUInt32BE(crc32(buf.subarray(12, 29)) >>> 0, 29);
  return buf;
}

export interface ExifFacts {
  /** Tag ids found in IFD0. */
  tags: Set<number>;
  make: string | null;
  model: string | null;
  /** IFD0 points at a GPS IFD. */
  hasGps: boolean;
}

const TAG_MAKE = 0x010f;
const TAG_MODEL = 0x0110;
const TAG_GPS = 0x8825;

/** Reads IFD0 of an EXIF block as sharp returns it ("Exif\0\0" + TIFF) or bare TIFF. */
export function readExif(exif: Buffer | undefined): ExifFacts | null {
  if (!exif || exif.length < 8) return null;
  let t = exif;
  if (t.toString('latin1', 0, 4) === 'Exif') t = t.subarray(6);
  const le = t.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd = u32(4);
  const n = u16(ifd);
  const facts: ExifFacts = { tags: new Set(), make: null, model: null, hasGps: false };
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    const tag = u16(e);
    const count = u32(e + 4);
    facts.tags.add(tag);
    const str = () => {
      const off = count <= 4 ? e + 8 : u32(e + 8);
      return t.toString('latin1', off, off + count).replace(/\0+$/, '');
    };
    if (tag === TAG_MAKE) facts.make = str();
    if (tag === TAG_MODEL) facts.model = str();
    if (tag === TAG_GPS) facts.hasGps = true;
  }
  return facts;
}

/** Multipart body with one file field, as a browser would send it. */
export function multipartBody(field: string, filename: string, contentType: string, data: Buffer, extra: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----broadside${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(extra)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`));
  parts.push(data);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
