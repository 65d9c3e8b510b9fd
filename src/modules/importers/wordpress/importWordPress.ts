// `broadside import wordpress`: reads a WXR export as a stream and brings it in, batch by batch. Each batch
// (up to 200 posts or pages with their comments) is one transaction: an interrupted import leaves whole items
// only, and running it again finds what it wrote through import_map, skips what is unchanged and finishes the
// rest. A dry run does the same work inside transactions that are rolled back, so its counts are true and
// nothing stays written. Errors in the XML stop the run with the line and column; anything wrong with a single
// item is a warning with its line, and that item is skipped.
import { stat, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { extname, resolve, sep } from 'node:path';
import type { Ctx } from '../../../platform/context/index.js';
import type { Db } from '../../../platform/db/index.js';
import { lockForWriting } from '../../../platform/db/ids.js';
import { importArticles, importAuthor, importPages, importRedirects, importTag, type ImportArticle, type ImportPage } from '../../content/operations/importContent.js';
import type { ArticleStatus } from '../../content/tables.js';
import { slugify } from '../../content/slug.js';
import { importComments, importThreadModes, type ImportComment } from '../../comments/index.js';
import type { CommentStatus } from '../../comments/index.js';
import { DEFAULT_LIMITS as IMAGE_LIMITS, mediaUrl, uploadImage, type MediaStore } from '../../media/index.js';
import { WxrError, DEFAULT_LIMITS, type ReadLimits, type ReadNote } from '../wxr/parser.js';
import { readExport } from '../wxr/source.js';
import type { WxrAuthor, WxrChannel, WxrComment, WxrItem, WxrRecord, WxrTerm } from '../wxr/model.js';
import { convertContent, type ConvertLookup } from '../convert/content.js';
import { attachmentOf, isBroadsideHtml, MAX_COMMENT_CHARS, prepareComment, WP_ID, type Attachment } from './prepare.js';
import { escapeAttr, escapeText } from '../convert/embeds.js';
import { clip, htmlToText, kickerPattern, oneLine, splitKicker } from '../convert/text.js';
import { Reporter, type ImportReport, type Tally } from './report.js';
import { oldPath, oldSite, pickSlug, queryPath, rssDate, slugFromName, wpDate, parseUrl, type OldSite } from './urls.js';
import { mapGet, mapGetMany, mapPut, type MapRow } from '../map.js';
import type { MapKind } from '../tables.js';

/** Bumped when conversion changes, so that a re-run rewrites items converted the old way. */
const CONVERTER_VERSION = '1';

export interface ImportOptions {
  file: string;
  /** Shown in the report instead of the path (an uploaded file's original name). */
  displayName?: string;
  /** A copy of wp-content/uploads: images in it are added to the media library. */
  mediaDir?: string | null;
  mediaStore?: MediaStore | null;
  dryRun?: boolean;
  /** true: the default "Region: Headline" rule; a string: a pattern with kicker and headline groups. */
  splitKicker?: string | true | null;
  /** Category slugs (or names) that become regions. */
  regions?: string[];
  batchSize?: number;
  limits?: Partial<ReadLimits>;
  onProgress?: (p: ImportProgress) => void;
  /** Stops between two batches; the report says it did not complete. */
  signal?: AbortSignal;
  /** Called between batches (a job keeps its lock with it). */
  heartbeat?: () => Promise<void>;
  clock?: () => string;
}

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  posts: number;
  pages: number;
  comments: number;
  /** Items of any kind read so far. */
  items: number;
  elapsedMs: number;
  /** Posts and pages a second. */
  rate: number;
  etaSeconds: number | null;
  phase: 'reading' | 'finishing' | 'done';
}

const ROLLBACK = Symbol('dry run');
const POST_TYPES = new Set(['post', 'page', 'attachment']);

interface Delta {
  authors: Tally;
  tags: Tally;
  articles: Tally;
  pages: Tally;
  comments: Tally;
  redirects: number;
  sticky: string[];
  warnings: { line: number; message: string }[];
  shortcodes: { name: string; line: number }[];
}

function delta(): Delta {
  const t = () => ({ created: 0, updated: 0, unchanged: 0, skipped: 0 });
  return { authors: t(), tags: t(), articles: t(), pages: t(), comments: t(), redirects: 0, sticky: [], warnings: [], shortcodes: [] };
}

type AttachmentRec = Attachment;

export async function importWordPress(ctx: Ctx, opts: ImportOptions): Promise<ImportReport> {
  return new WordPressImport(ctx, opts).run();
}

class WordPressImport {
  private readonly now: () => string;
  private readonly reporter: Reporter;
  private readonly dry: boolean;
  private readonly batchSize: number;
  private readonly kicker: RegExp | null;
  private readonly regions: Set<string>;
  private readonly limits: ReadLimits;
  private readonly optionsKey: string;
  private site: OldSite = { source: '', base: '', hosts: new Set() };
  private channel: WxrChannel | null = null;
  private readonly authorDefs = new Map<string, WxrAuthor>();
  private readonly termDefs = new Map<string, WxrTerm>();
  private readonly termKeyById = new Map<string, string>();
  /** Local ids of authors and tags (cleared after each batch of a dry run, whose writes are rolled back). */
  private readonly authorIds = new Map<string, number>();
  private readonly tagIds = new Map<string, number>();
  private readonly counted = new Set<string>();
  private defsWritten = false;
  private readonly attachments = new Map<string, AttachmentRec>();
  private readonly children = new Map<string, string[]>();
  /** Files under the old uploads: relative path → their address here (null: could not be copied). */
  private readonly files = new Map<string, string | null>();
  private batch: WxrItem[] = [];
  private batchIds = new Set<string>();
  private batchChars = 0;
  private readonly deferred = new Set<string>();
  private pass2: Set<string> | null = null;
  private readonly days = new Set<string>();
  private readonly attachmentLinks: { from: string; id: string }[] = [];
  private progress: ImportProgress;
  private started = Date.now();
  private lastProgress = 0;
  private fallbackWarned = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly opts: ImportOptions,
  ) {
    this.now = opts.clock ?? (() => new Date().toISOString());
    this.dry = !!opts.dryRun;
    this.reporter = new Reporter(opts.displayName ?? opts.file, this.dry, this.now());
    this.batchSize = Math.max(1, Math.min(opts.batchSize ?? 200, 1000));
    this.kicker = opts.splitKicker ? kickerPattern(opts.splitKicker) : null;
    this.regions = new Set((opts.regions ?? []).map((r) => r.trim().toLowerCase()).filter(Boolean));
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.optionsKey = JSON.stringify([CONVERTER_VERSION, this.kicker?.source ?? null, [...this.regions].sort(), !!opts.mediaDir]);
    this.progress = { bytes: 0, totalBytes: 0, posts: 0, pages: 0, comments: 0, items: 0, elapsedMs: 0, rate: 0, etaSeconds: null, phase: 'reading' };
  }

  async run(): Promise<ImportReport> {
    const report = this.reporter.report;
    this.started = Date.now();
    this.progress.totalBytes = (await stat(this.opts.file)).size;
    // SQLite: a larger page cache while bulk-writing (the site's 8 MiB would have the comments' indexes read
    // back from the file over and over); put back when the import ends.
    let cacheSize: number | null = null;
    if (this.ctx.engine === 'sqlite') {
      cacheSize = Number((await sql<{ cache_size: number }>`pragma cache_size`.execute(this.ctx.db)).rows[0]?.cache_size ?? -8192);
      await sql.raw('pragma cache_size = -65536').execute(this.ctx.db);
    }
    try {
      await this.readFile(false);
      if (this.opts.signal?.aborted) return this.reporter.finish(this.now());
      this.progress.phase = 'finishing';
      this.tick(true);
      if (this.deferred.size) {
        // Some posts named attachments that came later in the file: read it again for those posts alone.
        this.pass2 = new Set(this.deferred);
        this.deferred.clear();
        await this.readFile(true);
        for (const id of this.deferred) this.reporter.warn(0, `post ${id} refers to attachments the export does not hold; they were left out.`);
      }
      await this.finishRedirects();
      report.completed = !this.opts.signal?.aborted;
    } catch (err) {
      if (!(err instanceof WxrError)) throw err;
      report.error = { line: err.line, column: err.column, message: err.reason };
    } finally {
      if (cacheSize !== null) await sql.raw(`pragma cache_size = ${Math.trunc(cacheSize)}`).execute(this.ctx.db);
    }
    this.progress.phase = 'done';
    this.tick(true);
    return this.reporter.finish(this.now());
  }

  private async readFile(second: boolean): Promise<void> {
    let before = 0;
    const notes = (list: ReadNote[]) => {
      if (second) return;
      for (const n of list) {
        if (n.kind === 'invalid-utf8') this.reporter.warn(n.line, 'bytes that are not UTF-8 text were replaced with “�”.');
        else if (n.kind === 'control') this.reporter.warn(n.line, 'a control character (not allowed in XML) was removed.');
        else if (n.kind === 'duplicate-field') this.reporter.warn(n.line, `the item has a second ${n.detail}; the first one was used.`);
      }
    };
    // The batch being gathered when the XML broke is not written (readExport throws before the flush below):
    // whole batches, whole items only.
    for await (const batch of readExport(this.opts.file, this.limits, { convert: !this.opts.mediaDir }, notes)) {
      if (!second) {
        this.progress.bytes += batch.bytes - before;
        before = batch.bytes;
      }
      await this.handle(batch.records, second);
      if (this.opts.signal?.aborted) return;
      this.tick(false);
    }
    await this.flush(second);
  }

  private async handle(records: WxrRecord[], second: boolean): Promise<void> {
    for (const r of records) {
      if (r.kind === 'channel') {
        this.channel = r.channel;
        this.site = oldSite(r.channel.baseBlogUrl, r.channel.baseSiteUrl, r.channel.link);
        this.reporter.report.source = this.site.source;
        this.reporter.report.wxrVersion = r.channel.wxrVersion;
      } else if (second) {
        if (r.kind === 'item' && this.pass2!.has(r.item.postId)) await this.add(r.item, true);
      } else if (r.kind === 'author') {
        const key = r.author.login.toLowerCase();
        if (!key) this.reporter.warn(r.author.line, 'an author without a login was left out.');
        else if (!this.authorDefs.has(key)) this.authorDefs.set(key, r.author);
      } else if (r.kind === 'term') {
        this.defineTerm(r.term);
      } else {
        this.progress.items++;
        await this.add(r.item, false);
      }
      if (this.opts.signal?.aborted) return;
    }
  }

  private defineTerm(t: WxrTerm): void {
    if (!t.slug && !t.name) return;
    const taxonomy = t.taxonomy === 'tag' ? 'post_tag' : t.taxonomy;
    if (taxonomy !== 'category' && taxonomy !== 'post_tag') {
      this.reporter.skipType(`terms of ${taxonomy || 'an unnamed taxonomy'}`);
      return;
    }
    const slug = t.slug || slugify(t.name);
    const key = `${taxonomy}:${slug.toLowerCase()}`;
    if (!this.termDefs.has(key)) this.termDefs.set(key, { ...t, taxonomy, slug });
    if (t.id) this.termKeyById.set(t.id, key);
  }

  private async add(item: WxrItem, second: boolean): Promise<void> {
    const type = item.postType;
    if (!second) {
      if (!WP_ID.test(item.postId)) {
        this.reporter.warn(item.line, `an item without a WordPress post id ("${oneLine(item.title).slice(0, 60)}") was left out.`);
        this.reporter.skipType('items without an id');
        return;
      }
      if (!POST_TYPES.has(type)) {
        this.reporter.skipType(type ? `${type} items` : 'items without a type');
        return;
      }
      if (item.oversized.length) {
        this.reporter.warn(item.line, `${type} ${item.postId} was left out: ${item.oversized.join(', ')} is larger than Broadside takes.`);
        this.bump(type, 'skipped');
        return;
      }
      if (type === 'attachment') this.recordAttachment(item);
    }
    if (this.batchIds.has(`${type}:${item.postId}`)) {
      this.reporter.warn(item.line, `${type} ${item.postId} appears twice in the export; the later one is used.`);
      await this.flush(second);
    }
    this.batch.push(item);
    this.batchIds.add(`${type}:${item.postId}`);
    this.batchChars += item.prepared?.chars ?? item.content.length + item.comments.reduce((n, c) => n + c.content.length, 0);
    if (this.batch.length >= this.batchSize || this.batchChars > 32 * 1024 * 1024) await this.flush(second);
  }

  private bump(type: string, what: keyof Tally): void {
    const t = type === 'page' ? this.reporter.report.pages : type === 'post' ? this.reporter.report.articles : null;
    if (t) t[what]++;
  }

  private recordAttachment(item: WxrItem): void {
    const rec = attachmentOf(item);
    this.attachments.set(item.postId, rec);
    if (rec.parent) {
      const list = this.children.get(rec.parent) ?? [];
      list.push(item.postId);
      this.children.set(rec.parent, list);
    }
  }

  private tick(force: boolean): void {
    const cb = this.opts.onProgress;
    if (!cb) return;
    const t = Date.now();
    if (!force && t - this.lastProgress < 200) return;
    this.lastProgress = t;
    const p = this.progress;
    p.elapsedMs = t - this.started;
    const done = p.posts + p.pages;
    p.rate = p.elapsedMs > 0 ? Math.round((done * 1000) / p.elapsedMs) : 0;
    const byteRate = p.elapsedMs > 0 ? p.bytes / p.elapsedMs : 0;
    p.etaSeconds = byteRate > 0 && p.totalBytes >= p.bytes ? Math.round((p.totalBytes - p.bytes) / byteRate / 1000) : null;
    cb({ ...p });
  }

  // ---- Transactions ------------------------------------------------------------------------------------------

  private async tx<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    const run = (trx: Db) => lockForWriting(trx, this.ctx.engine).then(() => fn(trx));
    if (!this.dry) return this.ctx.db.transaction().execute(run);
    let out: T | undefined;
    try {
      await this.ctx.db.transaction().execute(async (trx) => {
        out = await run(trx);
        throw ROLLBACK;
      });
    } catch (err) {
      if (err !== ROLLBACK) throw err;
    } finally {
      this.authorIds.clear();
      this.tagIds.clear();
    }
    return out as T;
  }

  private async flush(second: boolean): Promise<void> {
    const items = this.batch;
    this.batch = [];
    this.batchIds = new Set();
    this.batchChars = 0;
    if (!this.defsWritten && !second) await this.writeDefinitions();
    if (!items.length) return;
    if (this.opts.signal?.aborted) return;
    await this.copyFiles(items);
    try {
      const d = await this.tx((trx) => this.writeItems(trx, items, second));
      this.apply(d, second);
    } catch (err) {
      if (items.length === 1) {
        this.reporter.warn(items[0]!.line, `${items[0]!.postType} ${items[0]!.postId} could not be imported: ${(err as Error).message}`);
        this.bump(items[0]!.postType, 'skipped');
      } else {
        // One bad item must not sink its batch: each on its own, to find it.
        for (const it of items) {
          try {
            const d = await this.tx((trx) => this.writeItems(trx, [it], second));
            this.apply(d, second);
          } catch (e) {
            this.reporter.warn(it.line, `${it.postType} ${it.postId} could not be imported: ${(e as Error).message}`);
            this.bump(it.postType, 'skipped');
          }
        }
      }
    }
    if (!second) {
      for (const it of items) {
        if (it.postType === 'post') this.progress.posts++;
        else if (it.postType === 'page') this.progress.pages++;
        this.progress.comments += it.comments.length;
      }
    }
    this.tick(false);
    await this.opts.heartbeat?.();
    // Database calls resolve as microtasks: without this the event loop would not turn until the import ends
    // (no Ctrl-C, and in the server no request answered while an admin import runs).
    await new Promise<void>((r) => setImmediate(r));
  }

  private apply(d: Delta, second: boolean): void {
    const r = this.reporter.report;
    if (!second) {
      for (const k of ['authors', 'tags', 'articles', 'pages', 'comments'] as const) {
        for (const f of ['created', 'updated', 'unchanged', 'skipped'] as const) r[k][f] += d[k][f];
      }
      r.sticky.push(...d.sticky.slice(0, 1000 - r.sticky.length));
      for (const s of d.shortcodes) this.reporter.shortcode(s.name, s.line);
    } else {
      for (const k of ['authors', 'tags'] as const) for (const f of ['created', 'updated', 'unchanged', 'skipped'] as const) r[k][f] += d[k][f];
    }
    r.redirects += d.redirects;
    for (const w of d.warnings) this.reporter.warn(w.line, w.message);
  }

  // ---- Authors and terms -------------------------------------------------------------------------------------

  /** Every author and term the export declares, once, before its first item (WordPress imports unused ones too). */
  private async writeDefinitions(): Promise<void> {
    this.defsWritten = true;
    if (!this.authorDefs.size && !this.termDefs.size) return;
    const d = await this.tx(async (trx) => {
      const d = delta();
      const redirects: { from: string; to: string }[] = this.siteRedirects();
      for (const key of this.authorDefs.keys()) await this.authorId(trx, key, d, redirects);
      for (const key of this.termDefs.keys()) await this.tagId(trx, key, '', d, redirects);
      d.redirects += await importRedirects(trx, redirects, this.now());
      return d;
    });
    this.apply(d, false);
  }

  private siteRedirects(): { from: string; to: string }[] {
    const b = this.site.base;
    const out = [
      { from: `${b}/feed/`, to: '/feed/' },
      { from: `${b}/feed/rss/`, to: '/feed/' },
      { from: `${b}/feed/rss2/`, to: '/feed/' },
      { from: `${b}/feed/rdf/`, to: '/feed/' },
      { from: `${b}/feed/atom/`, to: '/feed/atom/' },
      { from: `${b}/comments/feed/`, to: '/comments/feed/' },
      { from: queryPath(this.site, 'feed', 'rss2'), to: '/feed/' },
      { from: queryPath(this.site, 'feed', 'rss'), to: '/feed/' },
      { from: queryPath(this.site, 'feed', 'rdf'), to: '/feed/' },
      { from: queryPath(this.site, 'feed', 'atom'), to: '/feed/atom/' },
      { from: queryPath(this.site, 'feed', 'comments-rss2'), to: '/comments/feed/' },
    ];
    if (b) out.push({ from: `${b}/`, to: '/' });
    return out;
  }

  private count(d: Delta, kind: 'authors' | 'tags', key: string, what: keyof Tally): void {
    // A dry run makes an author again in each batch (the last one was rolled back): count it once.
    if (this.counted.has(`${kind}:${key}`)) return;
    this.counted.add(`${kind}:${key}`);
    d[kind][what]++;
  }

  private async authorId(trx: Db, key: string, d: Delta, redirects: { from: string; to: string }[]): Promise<number> {
    const known = this.authorIds.get(key);
    if (known !== undefined) return known;
    const def = this.authorDefs.get(key);
    const login = def?.login ?? key;
    const name = clip(oneLine(def?.displayName ?? '') || oneLine(`${def?.firstName ?? ''} ${def?.lastName ?? ''}`) || oneLine(login) || 'Staff', 120);
    const bio = clip(htmlToText(def?.description ?? '', true), 5000);
    const hash = sha([name, bio]);
    const mapped = await mapGet(trx, this.site.source, 'author', key);
    const r = await importAuthor(trx, { id: mapped?.local_id ?? null, slug: slugify(login) || slugify(name), name, bio }, this.now());
    this.count(d, 'authors', key, r.created ? 'created' : mapped?.hash === hash ? 'unchanged' : 'updated');
    if (!this.dry) await mapPut(trx, [{ source: this.site.source, kind: 'author', wp_id: key, local_id: r.id, hash, revision: null, extra: null }], this.now());
    const b = this.site.base;
    const wpSlug = encodeURIComponent(login.toLowerCase()).toLowerCase();
    redirects.push({ from: `${b}/author/${wpSlug}/`, to: `/author/${r.slug}/` }, { from: `${b}/author/${wpSlug}/feed/`, to: `/author/${r.slug}/` });
    if (def?.id) redirects.push({ from: queryPath(this.site, 'author', def.id), to: `/author/${r.slug}/` });
    this.authorIds.set(key, r.id);
    return r.id;
  }

  private async tagId(trx: Db, key: string, name: string, d: Delta, redirects: { from: string; to: string }[]): Promise<number> {
    const known = this.tagIds.get(key);
    if (known !== undefined) return known;
    const [taxonomy, wpSlug] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const def = this.termDefs.get(key);
    const label = clip(htmlToText(def?.name || name) || wpSlug, 120);
    const slug = slugFromName(def?.slug ?? wpSlug) || slugify(label) || 'tag';
    const description = clip(htmlToText(def?.description ?? ''), 2000);
    const isRegion =
      (taxonomy === 'category' && (this.regions.has(wpSlug) || this.regions.has(slug) || this.regions.has(label.toLowerCase()))) ||
      !!def?.meta.some((m) => m.key === 'broadside_region' && m.value.trim() === '1');
    const hash = sha([label, description, isRegion]);
    const mapped = await mapGet(trx, this.site.source, 'term', key);
    const r = await importTag(trx, { id: mapped?.local_id ?? null, slug, name: label, description, isRegion }, this.now());
    this.count(d, 'tags', key, r.created ? 'created' : mapped?.hash === hash ? 'unchanged' : 'updated');
    if (!this.dry) await mapPut(trx, [{ source: this.site.source, kind: 'term', wp_id: key, local_id: r.id, hash, revision: null, extra: null }], this.now());
    const b = this.site.base;
    const to = `/tag/${r.slug}/`;
    if (taxonomy === 'category') {
      const chain = this.categoryChain(wpSlug);
      redirects.push({ from: `${b}/category/${chain}/`, to }, { from: `${b}/category/${chain}/feed/`, to: `${to}feed/` });
      if (chain !== wpSlug) redirects.push({ from: `${b}/category/${wpSlug}/`, to });
      if (def?.id) redirects.push({ from: queryPath(this.site, 'cat', def.id), to });
    } else {
      redirects.push({ from: `${b}/tag/${wpSlug}/`, to }, { from: `${b}/tag/${wpSlug}/feed/`, to: `${to}feed/` }, { from: queryPath(this.site, 'tag', wpSlug), to });
    }
    this.tagIds.set(key, r.id);
    return r.id;
  }

  /** "parent/child" as WordPress writes a nested category's address. */
  private categoryChain(slug: string): string {
    const parts = [slug];
    let cur = this.termDefs.get(`category:${slug}`);
    for (let i = 0; cur?.parent && i < 10; i++) {
      const p = cur.parent.toLowerCase();
      if (parts.includes(p)) break;
      parts.unshift(p);
      cur = this.termDefs.get(`category:${p}`);
    }
    return parts.join('/');
  }

  // ---- Files -------------------------------------------------------------------------------------------------

  /** The path under wp-content/uploads of an old file address, or null when it is not one. */
  private uploadPath(url: string): string | null {
    const u = parseUrl(url);
    if (!u) return null;
    const m = /\/(?:wp-content\/uploads|files)\/(.+)$/.exec(u.pathname);
    if (!m) return null;
    try {
      const rel = decodeURIComponent(m[1]!);
      if (rel.split('/').some((s) => s === '..' || s === '.' || s === '') || rel.includes('\\') || rel.includes('\u0000')) return null;
      return rel;
    } catch {
      return null;
    }
  }

  private fileUrl = (url: string): string | null => {
    const rel = this.uploadPath(url);
    if (!rel) return null;
    const hit = this.files.get(rel);
    if (hit) return hit;
    // WordPress's resized copies (photo-300x200.jpg) show the original's copy.
    const base = rel.replace(/-\d+x\d+(\.[A-Za-z0-9]+)$/, '$1');
    return base !== rel ? (this.files.get(base) ?? null) : null;
  };

  /** Copies the images a batch refers to from --media-dir into the media library (each its own write). */
  private async copyFiles(items: WxrItem[]): Promise<void> {
    const dir = this.opts.mediaDir;
    const wanted = new Map<string, { url: string; line: number }>();
    for (const it of items) {
      if (it.postType === 'attachment') {
        const att = this.attachments.get(it.postId);
        const file = it.meta.find((m) => m.key === '_wp_attached_file')?.value;
        const rel = file && !file.includes('..') && !file.startsWith('/') ? file : att ? this.uploadPath(att.original) : null;
        if (att) {
          this.reporter.report.attachments.recorded++;
          if (!rel) this.reporter.leftInPlace(att.original, it.line, 'not under the old site’s uploads');
          else wanted.set(rel, { url: att.original, line: it.line });
        }
        continue;
      }
      if (!dir) continue;
      for (const m of it.content.matchAll(/(?:src|href)\s*=\s*["'](https?:\/\/[^"'\s]+)["']/gi)) {
        const rel = this.uploadPath(m[1]!);
        if (rel && /\.(jpe?g|png|gif|webp|avif)$/i.test(rel)) wanted.set(rel.replace(/-\d+x\d+(\.[A-Za-z0-9]+)$/, '$1'), { url: m[1]!, line: it.line });
      }
    }
    for (const [rel, { url, line }] of wanted) {
      if (this.files.has(rel)) continue;
      if (!dir) {
        this.files.set(rel, null);
        this.reporter.leftInPlace(url, line, 'no --media-dir given');
        continue;
      }
      const local = await this.copyOne(dir, rel, url, line);
      this.files.set(rel, local);
    }
    for (const it of items) {
      const att = it.postType === 'attachment' ? this.attachments.get(it.postId) : undefined;
      if (att) att.url = this.fileUrl(att.original) ?? att.original;
    }
  }

  private async copyOne(dir: string, rel: string, url: string, line: number): Promise<string | null> {
    const root = resolve(dir);
    const path = resolve(root, rel);
    if (!path.startsWith(root + sep)) return null;
    const mapped = this.dry ? null : await mapGet(this.ctx.db, this.site.source, 'file', rel);
    if (mapped?.local_id != null && mapped.extra) return (JSON.parse(mapped.extra) as { url: string }).url;
    let buffer: Buffer;
    try {
      buffer = await readFile(path);
    } catch {
      this.reporter.leftInPlace(url, line, `not found in the media folder (${rel})`);
      return null;
    }
    if (!/\.(jpe?g|png|gif|webp|avif)$/i.test(extname(rel))) {
      this.reporter.leftInPlace(url, line, 'not an image (the media library holds images)');
      return null;
    }
    if (this.dry || !this.opts.mediaStore) {
      this.reporter.report.attachments.copied++;
      return url;
    }
    try {
      const m = await uploadImage(this.ctx, this.opts.mediaStore, { buffer, filename: rel.split('/').pop()!, uploadedBy: null }, IMAGE_LIMITS, this.now());
      const local = mediaUrl(m.key, m.variants.full.file);
      await mapPut(this.ctx.db, [{ source: this.site.source, kind: 'file', wp_id: rel, local_id: m.id, hash: '', revision: null, extra: JSON.stringify({ url: local, original: url }) }], this.now());
      this.reporter.report.attachments.copied++;
      return local;
    } catch (err) {
      this.reporter.leftInPlace(url, line, `could not be added to the media library: ${(err as Error).message}`);
      return null;
    }
  }

  // ---- Items -------------------------------------------------------------------------------------------------

  private lookup(missing: string[]): ConvertLookup {
    return {
      attachment: (id) => {
        const a = this.attachments.get(id);
        if (a) return { url: a.url, alt: a.alt, caption: a.caption };
        if (this.pass2) return null;
        missing.push(id);
        return undefined;
      },
      childrenOf: (postId) => this.children.get(postId) ?? [],
      fileUrl: this.fileUrl,
    };
  }

  private itemHash(item: WxrItem): string {
    const plain = [this.optionsKey, item.prepared?.hash ?? sha(itemForHash(item))];
    // Imports made before sticky flags were kept stored the plain hash for sticky posts too: a sticky post's hash
    // is marked, so that running such an import again writes the flag (other items stay unchanged).
    return sha(isSticky(item) ? [...plain, 'sticky'] : plain);
  }

  /** Broadside's own exports carry finished HTML (marked _broadside_html): it is taken as it is. */
  private convert(item: WxrItem, missing: string[]): { html: string; unknown: string[] } {
    if (isBroadsideHtml(item)) return { html: item.content, unknown: [] };
    if (item.prepared?.body) return item.prepared.body;
    return convertContent(item.content, item.postId, this.lookup(missing));
  }

  private async writeItems(trx: Db, items: WxrItem[], second: boolean): Promise<Delta> {
    const d = delta();
    const redirects: { from: string; to: string }[] = [];
    const now = this.now();
    const posts = items.filter((i) => i.postType === 'post');
    const pages = items.filter((i) => i.postType === 'page');
    const atts = items.filter((i) => i.postType === 'attachment');

    const mapped = await mapGetMany(trx, this.site.source, 'post', posts.map((p) => p.postId));
    const pageMapped = await mapGetMany(trx, this.site.source, 'page', pages.map((p) => p.postId));
    const localIds = [...mapped.values()].map((m) => m.local_id).filter((x): x is number => x !== null);
    const current = new Map<number, number>();
    for (let i = 0; i < localIds.length; i += 500) {
      const rows = await trx.selectFrom('articles').select(['id', 'revision']).where('id', 'in', localIds.slice(i, i + 500)).execute();
      for (const r of rows) current.set(Number(r.id), Number(r.revision));
    }

    // Articles.
    const plans: { item: WxrItem; row: ImportArticle; hash: string; sticky: boolean; closed: boolean }[] = [];
    for (const item of posts) {
      const m = mapped.get(item.postId);
      const missing: string[] = [];
      const hash = this.itemHash(item);
      if (m && m.local_id !== null) {
        const rev = current.get(m.local_id);
        if (rev === undefined) {
          d.warnings.push({ line: item.line, message: `post ${item.postId} was imported before and then deleted here; it was not imported again.` });
          d.articles.skipped++;
          continue;
        }
        if (!second && m.hash === hash) {
          d.articles.unchanged++;
          d.comments.unchanged += item.comments.length;
          this.noteDays(item);
          continue;
        }
        if (m.revision !== null && rev !== m.revision) {
          d.warnings.push({ line: item.line, message: `post ${item.postId} was edited here since it was imported; it was kept as it is.` });
          d.articles.skipped++;
          continue;
        }
      }
      const row = await this.articleRow(trx, item, m?.local_id ?? null, missing, d, redirects);
      if (!row) continue;
      if (missing.length && !second) this.deferred.add(item.postId);
      plans.push({
        item,
        row,
        hash: missing.length && !second ? `${hash}~partial` : hash,
        sticky: isSticky(item),
        closed: item.commentStatus === 'closed',
      });
    }
    const written = await importArticles(trx, this.ctx.engine, plans.map((p) => p.row), now);
    const mapRows: MapRow[] = [];
    const comments: ImportComment[] = [];
    // Which comments (by WordPress id) each post's comments are: kept in the post's own map row.
    const owners: { row: MapRow; known: Record<string, number>; keys: [string, number][] }[] = [];
    for (let i = 0; i < plans.length; i++) {
      const { item, hash, sticky } = plans[i]!;
      const w = written[i]!;
      const m = mapped.get(item.postId);
      const wasMapped = m?.local_id != null;
      if (!second) d.articles[wasMapped ? 'updated' : 'created']++;
      const row: MapRow = { source: this.site.source, kind: 'post', wp_id: item.postId, local_id: w.id, hash, revision: w.revision, extra: null };
      mapRows.push(row);
      if (w.path) {
        if (sticky) d.sticky.push(w.path);
        this.noteDays(item);
        this.postRedirects(item, w.path, redirects);
      }
      const known = wasMapped && m?.extra ? ((JSON.parse(m.extra) as { c?: Record<string, number> }).c ?? {}) : {};
      const start = comments.length;
      const wpIds = this.commentRows(item, w.id, known, comments, d, second);
      owners.push({ row, known, keys: wpIds.map((id, k) => [id, start + k]) });
    }
    const commentIds = await importComments(trx, this.ctx.engine, comments, now);
    for (const o of owners) {
      if (!o.keys.length && !Object.keys(o.known).length) continue;
      const c: Record<string, number> = { ...o.known };
      for (const [wpId, at] of o.keys) c[wpId] = commentIds[at]!;
      o.row.extra = JSON.stringify({ c });
    }
    await importThreadModes(
      trx,
      plans.filter((p) => p.closed).map((p) => written[plans.indexOf(p)]!.id),
      now,
    );

    // Pages.
    const pagePlans: { item: WxrItem; row: ImportPage; hash: string }[] = [];
    for (const item of pages) {
      const m = pageMapped.get(item.postId);
      const hash = this.itemHash(item);
      if (m && m.local_id !== null) {
        const p = await trx.selectFrom('pages').select(['id', 'updated_at']).where('id', '=', m.local_id).executeTakeFirst();
        if (!p) {
          d.warnings.push({ line: item.line, message: `page ${item.postId} was imported before and then deleted here; it was not imported again.` });
          d.pages.skipped++;
          continue;
        }
        if (!second && m.hash === hash) {
          d.pages.unchanged++;
          continue;
        }
        if (m.extra && (JSON.parse(m.extra) as { updatedAt?: string }).updatedAt !== p.updated_at) {
          d.warnings.push({ line: item.line, message: `page ${item.postId} was edited here since it was imported; it was kept as it is.` });
          d.pages.skipped++;
          continue;
        }
      }
      const missing: string[] = [];
      const row = this.pageRow(item, m?.local_id ?? null, missing, d);
      if (missing.length && !second) this.deferred.add(item.postId);
      pagePlans.push({ item, row, hash: missing.length && !second ? `${hash}~partial` : hash });
    }
    const pageRows = await importPages(trx, pagePlans.map((p) => p.row));
    pagePlans.forEach((p, i) => {
      const w = pageRows[i]!;
      if (!second) d.pages[p.row.id !== null ? 'updated' : 'created']++;
      mapRows.push({ source: this.site.source, kind: 'page', wp_id: p.item.postId, local_id: w.id, hash: p.hash, revision: null, extra: JSON.stringify({ updatedAt: w.updatedAt }) });
      if (p.row.status === 'published') {
        const to = `/${w.slug}/`;
        const from = oldPath(this.site, p.item.link);
        if (from) redirects.push({ from, to });
        redirects.push({ from: queryPath(this.site, 'page_id', p.item.postId), to }, { from: queryPath(this.site, 'p', p.item.postId), to });
      }
      if (p.item.comments.length) {
        d.comments.skipped += p.item.comments.length;
        d.warnings.push({ line: p.item.line, message: `page ${p.item.postId} has ${p.item.comments.length} comments; Broadside pages have none, so they were left out.` });
      }
    });

    // Attachments: recorded with their addresses (and where their copy is).
    for (const item of atts) {
      const a = this.attachments.get(item.postId);
      if (!a) continue;
      mapRows.push({
        source: this.site.source,
        kind: 'attachment',
        wp_id: item.postId,
        local_id: null,
        hash: '',
        revision: null,
        extra: JSON.stringify({ url: a.original, localUrl: a.url !== a.original ? a.url : null, parent: a.parent || null, alt: a.alt, caption: a.caption }),
      });
      const from = oldPath(this.site, item.link);
      if (from) this.attachmentLinks.push({ from, id: item.postId });
      this.attachmentLinks.push({ from: queryPath(this.site, 'attachment_id', item.postId), id: item.postId });
      const filePath = parseUrl(a.original);
      if (a.url !== a.original && filePath && this.site.hosts.has(filePath.hostname.toLowerCase())) redirects.push({ from: filePath.pathname, to: a.url });
    }

    if (!this.dry) await mapPut(trx, mapRows, now);
    d.redirects += await importRedirects(trx, redirects, now);
    if (written.length || pageRows.length) this.ctx.invalidate(['lists', 'layout', ...written.map((w) => `article:${w.id}`), ...pageRows.map((p) => `page:${p.id}`)]);
    return d;
  }

  private noteDays(item: WxrItem): void {
    const local = /^(\d{4})-(\d{2})-(\d{2})/.exec(item.postDate);
    if (local && local[1] !== '0000' && (item.status === 'publish' || item.status === 'future')) this.days.add(`${local[1]}/${local[2]}/${local[3]}`);
  }

  private postRedirects(item: WxrItem, to: string, out: { from: string; to: string }[]): void {
    const from = oldPath(this.site, item.link);
    if (from) {
      out.push({ from, to });
      if (from.endsWith('/')) out.push({ from: `${from}feed/`, to: `${to}feed/` });
      // WordPress sends a post's earlier slugs to it; so do we.
      for (const m of item.meta) {
        if (m.key !== '_wp_old_slug' || !m.value.trim() || !item.postName) continue;
        const old: string = from.replace(new RegExp(`/${escapeRe(item.postName)}(/?)$`), `/${encodeURIComponent(m.value.trim()).toLowerCase()}$1`);
        if (old !== from) out.push({ from: old, to });
      }
    }
    out.push({ from: queryPath(this.site, 'p', item.postId), to });
  }

  private async articleRow(trx: Db, item: WxrItem, existing: number | null, missing: string[], d: Delta, redirects: { from: string; to: string }[]): Promise<ImportArticle | null> {
    const meta = (k: string) => item.meta.find((m) => m.key === k)?.value;
    let title = htmlToText(item.title);
    let kicker = '';
    const ownKicker = meta('broadside_kicker');
    if (ownKicker !== undefined) kicker = oneLine(ownKicker);
    else if (this.kicker && title) {
      const s = splitKicker(title, this.kicker);
      if (s) ({ kicker, headline: title } = s);
    }
    if (!title) {
      title = clip(htmlToText(item.content).split(' ').slice(0, 10).join(' '), 120) || `Untitled (WordPress post ${item.postId})`;
      d.warnings.push({ line: item.line, message: `post ${item.postId} has no title; its first words were used.` });
    }
    if (title.length > 300) d.warnings.push({ line: item.line, message: `the title of post ${item.postId} was cut to 300 characters.` });

    let status: ArticleStatus = 'draft';
    let trashedAt: string | null = null;
    const wpStatus = item.status === 'trash' ? (meta('_wp_trash_meta_status') ?? 'draft') : item.status;
    if (item.status === 'trash') trashedAt = wpDate(meta('_wp_trash_meta_time') ? new Date(Number(meta('_wp_trash_meta_time')) * 1000).toISOString() : '') ?? this.now();
    if (wpStatus === 'publish') status = 'published';
    else if (wpStatus === 'future') status = 'scheduled';
    else if (wpStatus === 'private') d.warnings.push({ line: item.line, message: `post ${item.postId} was private; it is a draft here.` });
    else if (wpStatus === 'auto-draft' || wpStatus === 'inherit') {
      d.articles.skipped++;
      return null;
    }
    if (item.postPassword && status !== 'draft') {
      status = 'draft';
      d.warnings.push({ line: item.line, message: `post ${item.postId} was password-protected; it is a draft here (Broadside has no passwords on articles).` });
    }
    let publishedAt = wpDate(item.postDateGmt) ?? rssDate(item.pubDate) ?? wpDate(item.postDate);
    if (!publishedAt && status !== 'draft') {
      const kept = existing !== null ? await trx.selectFrom('articles').select('published_at').where('id', '=', existing).executeTakeFirst() : undefined;
      publishedAt = kept?.published_at ?? this.now();
      d.warnings.push({ line: item.line, message: `post ${item.postId} has no date; it is dated ${existing !== null ? 'as before' : 'now'}.` });
    }
    const updatedAt = wpDate(item.modifiedGmt) ?? publishedAt ?? this.now();

    const byline = meta('broadside_authors')?.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
    const authorIds: number[] = [];
    if (byline?.length) for (const login of byline) authorIds.push(await this.authorId(trx, login, d, redirects));
    else authorIds.push(await this.authorFor(trx, item, d, redirects));
    const tagIds: number[] = [];
    let primary: number | null = null;
    const primaryTermId = meta('_yoast_wpseo_primary_category')?.trim();
    const ownPrimary = meta('broadside_primary_tag')?.trim().toLowerCase();
    const primaryKey = primaryTermId ? this.termKeyById.get(primaryTermId) : undefined;
    for (const t of item.terms) {
      const tax = t.domain === 'category' ? 'category' : t.domain === 'post_tag' || t.domain === 'tag' ? 'post_tag' : null;
      if (!tax || (!t.nicename && !t.name)) continue;
      const key = `${tax}:${(t.nicename || slugify(t.name)).toLowerCase()}`;
      if (!this.termDefs.has(key)) this.termDefs.set(key, { line: item.line, taxonomy: tax, id: '', slug: t.nicename || slugify(t.name), parent: '', name: t.name, description: '', meta: [] });
      const id = await this.tagId(trx, key, t.name, d, redirects);
      if (!tagIds.includes(id)) tagIds.push(id);
      if (key === primaryKey || (ownPrimary && key.endsWith(`:${ownPrimary}`))) primary = id;
    }
    if (primary === null) {
      const firstCategory = item.terms.find((t) => t.domain === 'category' && t.nicename && t.nicename !== 'uncategorized') ?? item.terms.find((t) => t.domain === 'category' && t.nicename);
      if (firstCategory) primary = this.tagIds.get(`category:${firstCategory.nicename.toLowerCase()}`) ?? null;
    }

    const converted = this.convert(item, missing);
    for (const name of converted.unknown) d.shortcodes.push({ name, line: item.line });
    let body = converted.html;
    const thumb = meta('_thumbnail_id')?.trim();
    if (thumb && /^\d+$/.test(thumb)) {
      const a = this.attachments.get(thumb);
      if (a && !body.includes(a.url) && !body.includes(escapeAttr(a.url))) {
        body = `<figure class="image"><img src="${escapeAttr(a.url)}" alt="${escapeAttr(a.alt)}" />${a.caption ? `<figcaption>${escapeText(a.caption)}</figcaption>` : ''}</figure>\n${body}`;
      } else if (!a && !this.pass2) missing.push(thumb);
    }

    return {
      id: existing,
      slug: pickSlug(item.postName, title, `post-${item.postId}`),
      kicker: clip(kicker, 80),
      headline: clip(title, 300),
      standfirst: clip(htmlToText(item.excerpt), 1000),
      bodyHtml: body,
      status,
      publishedAt,
      trashedAt,
      createdAt: publishedAt ?? wpDate(item.postDate) ?? this.now(),
      updatedAt,
      authorIds,
      tagIds,
      primaryTagId: primary,
      sticky: isSticky(item),
    };
  }

  private async authorFor(trx: Db, item: WxrItem, d: Delta, redirects: { from: string; to: string }[]): Promise<number> {
    const login = item.creator.trim().toLowerCase();
    if (login) {
      if (!this.authorDefs.has(login)) this.authorDefs.set(login, { line: item.line, id: '', login: item.creator.trim(), email: '', displayName: '', firstName: '', lastName: '', description: '' });
      return this.authorId(trx, login, d, redirects);
    }
    const key = '#site';
    if (!this.authorDefs.has(key)) {
      const name = oneLine(this.channel?.title ?? '') || 'Staff';
      this.authorDefs.set(key, { line: item.line, id: '', login: slugify(name) || 'staff', email: '', displayName: name, firstName: '', lastName: '', description: '' });
    }
    if (!this.fallbackWarned) {
      this.fallbackWarned = true;
      d.warnings.push({ line: item.line, message: `items without an author are credited to “${this.authorDefs.get(key)!.displayName}”.` });
    }
    return this.authorId(trx, key, d, redirects);
  }

  /** Adds the item's comments to `out`; returns their WordPress ids, in the same order. */
  private commentRows(item: WxrItem, articleId: number, known: Record<string, number>, out: ImportComment[], d: Delta, second: boolean): string[] {
    const list = item.comments.filter((c) => {
      if (c.type === 'pingback' || c.type === 'trackback') {
        if (!second) d.comments.skipped++;
        return false;
      }
      if (!c.id) {
        if (!second) d.comments.skipped++;
        d.warnings.push({ line: item.line, message: `a comment on post ${item.postId} has no id; it was left out.` });
        return false;
      }
      return true;
    });
    const start = out.length;
    const index = new Map<string, number>();
    list.forEach((c, i) => index.set(c.id, start + i));
    const prepared = new Map(item.comments.map((c, i) => [c, item.prepared?.comments[i] ?? null]));
    for (const c of list) {
      const parentKey = c.parent && c.parent !== '0' ? c.parent : null;
      let parent: ImportComment['parent'] = null;
      if (parentKey) {
        const at = index.get(parentKey);
        if (at !== undefined) parent = { index: at };
        else if (known[parentKey] !== undefined) parent = { id: known[parentKey]! };
        else d.warnings.push({ line: item.line, message: `comment ${c.id} on post ${item.postId} replies to comment ${parentKey}, which the export does not hold; it stands on its own.` });
      }
      const mappedId = known[c.id] ?? null;
      if (!second) d.comments[mappedId !== null ? 'updated' : 'created']++;
      const p = prepared.get(c) ?? prepareComment(c);
      if (p.cut) d.warnings.push({ line: item.line, message: `comment ${c.id} on post ${item.postId} was cut to ${MAX_COMMENT_CHARS.toLocaleString('en-GB')} characters.` });
      out.push({
        id: mappedId,
        articleId,
        parent,
        status: commentStatus(c),
        authorName: p.clean.authorName,
        authorEmail: p.clean.authorEmail,
        authorUrl: p.clean.authorUrl,
        body: p.clean.body,
        ip: p.clean.ip,
        clean: p.clean,
        createdAt: p.createdAt ?? this.now(),
      });
    }
    return list.map((c) => c.id);
  }

  private pageRow(item: WxrItem, existing: number | null, missing: string[], d: Delta): ImportPage {
    const title = clip(htmlToText(item.title) || `Untitled page ${item.postId}`, 200);
    let status: 'draft' | 'published' = item.status === 'publish' ? 'published' : 'draft';
    if (item.postPassword && status === 'published') {
      status = 'draft';
      d.warnings.push({ line: item.line, message: `page ${item.postId} was password-protected; it is a draft here.` });
    }
    if (item.status === 'private' || item.status === 'trash') d.warnings.push({ line: item.line, message: `page ${item.postId} was ${item.status === 'trash' ? 'in the trash' : 'private'}; it is a draft here.` });
    const converted = this.convert(item, missing);
    for (const name of converted.unknown) d.shortcodes.push({ name, line: item.line });
    const created = wpDate(item.postDateGmt) ?? wpDate(item.postDate) ?? this.now();
    return {
      id: existing,
      slug: pickSlug(item.postName, title, `page-${item.postId}`),
      title,
      bodyHtml: converted.html,
      status,
      position: Number.parseInt(item.menuOrder, 10) || 0,
      createdAt: created,
      updatedAt: wpDate(item.modifiedGmt) ?? created,
    };
  }

  /** Day archives and ?m= archives of the posts seen, and attachment pages whose post is now known. */
  private async finishRedirects(): Promise<void> {
    if (this.opts.signal?.aborted) return;
    const b = this.site.base;
    const rows: { from: string; to: string }[] = [];
    const months = new Set<string>();
    for (const day of this.days) {
      const [y, m, dd] = day.split('/');
      rows.push({ from: `${b}/${y}/${m}/${dd}/`, to: `/${y}/${m}/` }, { from: queryPath(this.site, 'm', `${y}${m}${dd}`), to: `/${y}/${m}/` });
      months.add(`${y}/${m}`);
    }
    for (const ym of months) {
      const [y, m] = ym.split('/');
      rows.push({ from: queryPath(this.site, 'm', `${y}${m}`), to: `/${y}/${m}/` }, { from: queryPath(this.site, 'm', y!), to: `/${y}/` });
      if (b) rows.push({ from: `${b}/${y}/${m}/`, to: `/${y}/${m}/` }, { from: `${b}/${y}/`, to: `/${y}/` });
    }
    const parents = [...new Set(this.attachmentLinks.map((l) => this.attachments.get(l.id)?.parent).filter((p): p is string => !!p))];
    for (let i = 0; i < Math.max(rows.length, parents.length, 1); i += 2000) {
      const part = rows.slice(i, i + 2000);
      const ps = parents.slice(i, i + 2000);
      const d = await this.tx(async (trx) => {
        const d = delta();
        const extra: { from: string; to: string }[] = [];
        if (ps.length) {
          const posts = await mapGetMany(trx, this.site.source, 'post', ps);
          const ids = [...posts.values()].map((p) => p.local_id).filter((x): x is number => x !== null);
          const arts = ids.length ? await trx.selectFrom('articles').select(['id', 'month_key', 'slug', 'status']).where('id', 'in', ids).execute() : [];
          const pathOf = new Map(arts.filter((a) => a.status !== 'draft' && a.month_key).map((a) => [Number(a.id), `/${a.month_key!.slice(0, 4)}/${a.month_key!.slice(5, 7)}/${a.slug}/`]));
          for (const l of this.attachmentLinks) {
            const parent = this.attachments.get(l.id)?.parent;
            const local = parent ? posts.get(parent)?.local_id : null;
            const to = local != null ? pathOf.get(local) : undefined;
            if (to) extra.push({ from: l.from, to });
          }
        }
        d.redirects += await importRedirects(trx, [...part, ...extra], this.now());
        return d;
      });
      this.apply(d, false);
    }
  }
}

function commentStatus(c: WxrComment): CommentStatus {
  const a = c.approved.trim().toLowerCase();
  if (a === '1' || a === 'approve' || a === 'approved') return 'approved';
  if (a === 'spam') return 'spam';
  if (a === 'trash' || a === 'post-trashed') return 'trash';
  return 'pending';
}

function isSticky(item: WxrItem): boolean {
  return item.isSticky.trim() === '1';
}

function itemForHash(item: WxrItem): unknown {
  const { line: _line, ...rest } = item;
  return rest;
}

function sha(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type { MapKind };
