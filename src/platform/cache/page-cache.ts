// Rendered pages kept as bytes (plus gzip and brotli forms), tagged so that a change invalidates exactly
// the pages it touched. Bounded by bytes, least recently used first out.
import { createHash } from 'node:crypto';
import { gzip, brotliCompress, constants as zc } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface CachedPage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
  etag: string;
  tags: readonly string[];
  /** Epoch ms when the page stops being true (a scheduled article comes out); Infinity if never. */
  expiresAt: number;
}

export class PageCache {
  private pages = new Map<string, CachedPage>();
  private byTag = new Map<string, Set<string>>();
  private bytes = 0;
  /** Bumped on every invalidation so a render that started before it is not stored after it. */
  private generation = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.pages.size;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page && page.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    if (page) {
      // Refresh recency: Map keeps insertion order.
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, status: number, headers: Record<string, string>, body: Buffer, tags: string[], generation: number, expiresAt = Infinity): CachedPage | null {
    if (generation !== this.generation) return null;
    if (body.length > this.maxBytes / 8) return null;
    this.delete(key);
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    const page: CachedPage = { status, headers: { ...headers, etag }, body, gzip: null, br: null, etag, tags, expiresAt };
    this.pages.set(key, page);
    this.bytes += body.length;
    for (const t of tags) {
      let keys = this.byTag.get(t);
      if (!keys) this.byTag.set(t, (keys = new Set()));
      keys.add(key);
    }
    this.compress(key, page);
    this.evict();
    return page;
  }

  /** Drops every page carrying any of the tags. */
  invalidate(tags: Iterable<string>): void {
    this.generation++;
    for (const t of tags) {
      const keys = this.byTag.get(t);
      if (!keys) continue;
      for (const k of [...keys]) this.delete(k);
      this.byTag.delete(t);
    }
  }

  clear(): void {
    this.generation++;
    this.pages.clear();
    this.byTag.clear();
    this.bytes = 0;
  }

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.body.length + (page.gzip?.length ?? 0) + (page.br?.length ?? 0);
    for (const t of page.tags) {
      const keys = this.byTag.get(t);
      keys?.delete(key);
      if (keys && keys.size === 0) this.byTag.delete(t);
    }
  }

  private evict(): void {
    for (const key of this.pages.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(key);
    }
  }

  private compress(key: string, page: CachedPage): void {
    if (page.body.length < 512) return;
    Promise.all([
      gzipAsync(page.body, { level: 9 }),
      brotliAsync(page.body, { params: { [zc.BROTLI_PARAM_QUALITY]: 9, [zc.BROTLI_PARAM_SIZE_HINT]: page.body.length } }),
    ]).then(
      ([gz, br]) => {
        if (this.pages.get(key) !== page) return; // replaced or dropped meanwhile
        page.gzip = gz;
        page.br = br;
        this.bytes += gz.length + br.length;
        this.evict();
      },
      () => {
        /* compression failure only means identity bytes are served */
      },
    );
  }
}
