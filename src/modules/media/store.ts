// Where media files live. Keys are made by us (never from a user's file name), such as
// `public/<storage key>/w960.webp` or `private/<storage key>/original`; the public route serves only `public/`.
import { mkdir, open, rename, rmdir, unlink, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

export interface MediaStore {
  put(key: string, buffer: Buffer, contentType: string): Promise<void>;
  /** The file's bytes, or null when there is no such file (or the key is not one we make). */
  get(key: string): Promise<Readable | null>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
}

/** Prefix for files the public route serves. */
export const PUBLIC_PREFIX = 'public';
/** Prefix for originals as uploaded (with their metadata): never served. */
export const PRIVATE_PREFIX = 'private';

// Lower-case segments that start with a letter or digit: no '.', '..', empty or hidden segments, no backslashes.
const SEGMENT = '[a-z0-9][a-z0-9._-]{0,127}';
const KEY = new RegExp(`^${SEGMENT}(?:/${SEGMENT}){0,7}$`);

export function isValidKey(key: string): boolean {
  return typeof key === 'string' && KEY.test(key);
}

/** Files under one folder on the local disk, normally `<dataDir>/media`. */
export class LocalMediaStore implements MediaStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file's path, or null when the key is malformed or would leave the root. */
  private pathOf(key: string): string | null {
    if (!isValidKey(key)) return null;
    const path = resolve(this.root, key);
    return path.startsWith(this.root + sep) ? path : null;
  }

  private mustPath(key: string): string {
    const path = this.pathOf(key);
    if (!path) throw new Error(`Invalid media key: ${JSON.stringify(key)}`);
    return path;
  }

  async put(key: string, buffer: Buffer, _contentType: string): Promise<void> {
    const path = this.mustPath(key);
    await mkdir(dirname(path), { recursive: true });
    // Write aside, then rename: a reader never sees half a file.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, buffer, { flag: 'wx' });
      await rename(tmp, path);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.pathOf(key);
    if (!path) return null;
    let fh;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
    const st = await fh.stat();
    if (!st.isFile()) {
      await fh.close();
      return null;
    }
    return fh.createReadStream();
  }

  async delete(key: string): Promise<void> {
    const path = this.mustPath(key);
    try {
      await unlink(path);
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
    // Tidy the per-image folder once it is empty (it stays if anything is left in it).
    await rmdir(dirname(path)).catch(() => {});
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/** Reads a whole stream into memory (tests and small files). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}
