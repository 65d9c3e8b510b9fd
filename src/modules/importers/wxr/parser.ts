// A streaming reader of WordPress exports (WXR 1.0, 1.1, 1.2) over saxes. Elements are recognised by their
// namespace, not their prefix: a `wp:` prefix bound to some other address is not WordPress's, and WordPress's
// namespace under any prefix (or as the default) is. No DTD is read and no entity but XML's five and character
// references is known: a file that declares a DOCTYPE is refused before anything is written, so external
// entities (XXE) and entity bombs (billion laughs) never get a chance. Every field has a size limit; a run of
// input with no markup at all is cut off too, since the parser would otherwise hold it in memory whole.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ExportDecoder, type DecodeNoteKind } from './decode.js';
import { emptyItem, type WxrAuthor, type WxrChannel, type WxrComment, type WxrItem, type WxrRecord, type WxrTerm } from './model.js';

export class WxrError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'WxrError';
  }
}

export interface ReadNote {
  kind: DecodeNoteKind | 'duplicate-field' | 'oversized';
  line: number;
  detail?: string;
}

export interface ReadLimits {
  /** Post content, in characters. */
  content: number;
  /** Excerpts, comment texts, meta values. */
  text: number;
  /** Titles, names, slugs and every other short field. */
  short: number;
  /** Input read without the parser reaching any markup. */
  run: number;
}

export const DEFAULT_LIMITS: ReadLimits = { content: 16 * 1024 * 1024, text: 1024 * 1024, short: 64 * 1024, run: 64 * 1024 * 1024 };

const WP_NS = /^https?:\/\/wordpress\.org\/export\/1\.\d{1,2}\/$/;
const EXCERPT_NS = /^https?:\/\/wordpress\.org\/export\/1\.\d{1,2}\/excerpt\/$/;
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

function keyOf(uri: string, local: string): string {
  if (uri === '') return local;
  if (WP_NS.test(uri)) return `wp:${local}`;
  if (EXCERPT_NS.test(uri)) return `excerpt:${local}`;
  if (uri === CONTENT_NS) return `content:${local}`;
  if (uri === DC_NS) return `dc:${local}`;
  return '#other';
}

const CHANNEL_FIELDS: Record<string, keyof WxrChannel> = {
  title: 'title',
  link: 'link',
  description: 'description',
  language: 'language',
  'wp:wxr_version': 'wxrVersion',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
};
const AUTHOR_FIELDS: Record<string, keyof Omit<WxrAuthor, 'line'>> = {
  'wp:author_id': 'id',
  'wp:author_login': 'login',
  'wp:author_email': 'email',
  'wp:author_display_name': 'displayName',
  'wp:author_first_name': 'firstName',
  'wp:author_last_name': 'lastName',
  'wp:author_description': 'description',
};
const TERM_FIELDS: Record<string, keyof Omit<WxrTerm, 'line' | 'meta'>> = {
  'wp:term_id': 'id',
  'wp:category_nicename': 'slug',
  'wp:tag_slug': 'slug',
  'wp:term_slug': 'slug',
  'wp:category_parent': 'parent',
  'wp:term_parent': 'parent',
  'wp:cat_name': 'name',
  'wp:tag_name': 'name',
  'wp:term_name': 'name',
  'wp:category_description': 'description',
  'wp:tag_description': 'description',
  'wp:term_description': 'description',
  'wp:term_taxonomy': 'taxonomy',
};
type ItemField = keyof Omit<WxrItem, 'line' | 'terms' | 'meta' | 'comments' | 'oversized' | 'prepared'>;
const ITEM_FIELDS: Record<string, ItemField> = {
  title: 'title',
  link: 'link',
  pubDate: 'pubDate',
  'dc:creator': 'creator',
  // Not WordPress's own form (that is dc:creator), but some tools write it.
  'wp:author': 'creator',
  guid: 'guid',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'postId',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_modified_gmt': 'modifiedGmt',
  'wp:comment_status': 'commentStatus',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_parent': 'postParent',
  'wp:menu_order': 'menuOrder',
  'wp:post_type': 'postType',
  'wp:post_password': 'postPassword',
  'wp:is_sticky': 'isSticky',
  'wp:attachment_url': 'attachmentUrl',
};
const COMMENT_FIELDS: Record<string, keyof WxrComment> = {
  'wp:comment_id': 'id',
  'wp:comment_author': 'author',
  'wp:comment_author_email': 'authorEmail',
  'wp:comment_author_url': 'authorUrl',
  'wp:comment_author_IP': 'authorIp',
  'wp:comment_date': 'date',
  'wp:comment_date_gmt': 'dateGmt',
  'wp:comment_content': 'content',
  'wp:comment_approved': 'approved',
  'wp:comment_type': 'type',
  'wp:comment_parent': 'parent',
  'wp:comment_user_id': 'userId',
};

interface Capture {
  depth: number;
  parts: string[];
  size: number;
  limit: number;
  over: boolean;
  done(text: string, over: boolean): void;
}

/** Pushes text in, hands records out. One instance reads one file. */
export class WxrParser {
  private readonly sax: SaxesParser<{ xmlns: true }>;
  private readonly stack: string[] = [];
  private readonly out: WxrRecord[] = [];
  readonly notes: ReadNote[] = [];
  notesDropped = 0;
  private capture: Capture | null = null;
  private channel: WxrChannel = { title: '', link: '', description: '', language: '', wxrVersion: '', baseSiteUrl: '', baseBlogUrl: '' };
  private channelSent = false;
  private versionSeen = false;
  private author: WxrAuthor | null = null;
  private term: WxrTerm | null = null;
  private item: WxrItem | null = null;
  private comment: WxrComment | null = null;
  private meta: { key: string; value: string } | null = null;
  private fedSinceEvent = 0;
  private readonly decoder: ExportDecoder;
  private pendingNotes: { kind: DecodeNoteKind; at: number }[] = [];
  private ended = false;

  constructor(private readonly limits: ReadLimits = DEFAULT_LIMITS) {
    this.decoder = new ExportDecoder((kind, at) => this.pendingNotes.push({ kind, at }));
    this.sax = new SaxesParser({ xmlns: true, position: true });
    this.sax.on('doctype', () => {
      throw this.error('the file declares a DTD (<!DOCTYPE …>). WordPress exports never do, and Broadside reads no DTDs or entities (that is how XXE and "billion laughs" attacks work).');
    });
    this.sax.on('opentag', (tag) => this.open(tag));
    this.sax.on('closetag', () => this.close());
    this.sax.on('text', (t) => this.text(t));
    this.sax.on('cdata', (t) => this.text(t));
    this.sax.on('comment', () => (this.fedSinceEvent = 0));
    // No 'processinginstruction' handler: with one more handler set, saxes (6.0) parses about four times slower
    // (measured: 0.7 s → 2.7 s for a 60 MB export; the parser object seems to fall out of V8's fast property
    // layout). A processing instruction inside an export is then simply not counted as markup by the guard below.
  }

  /** The first error in the file: records completed before it are handed out first, then this is thrown. */
  failure: WxrError | Error | null = null;

  /** Reads a chunk of the file; returns the records it completed (check `failure` after handling them). */
  write(bytes: Buffer): WxrRecord[] {
    if (this.failure) return [];
    try {
      this.feed(this.decoder.push(bytes));
    } catch (err) {
      this.failure = err as Error;
    }
    return this.out.splice(0);
  }

  /** The file has ended: returns the last records; `failure` is set if the document is not complete. */
  end(): WxrRecord[] {
    if (this.failure) return [];
    try {
      this.feed(this.decoder.end());
      this.sax.close();
      if (!this.ended) throw new WxrError(this.sax.line, this.sax.column, 'the file ended before the export did (no closing </rss>).');
      if (!this.versionSeen) throw new WxrError(this.sax.line, this.sax.column, 'the file has no WXR version (wp:wxr_version): it is not a WordPress export.');
    } catch (err) {
      this.failure = this.wrap(err);
    }
    return this.out.splice(0);
  }

  get line(): number {
    return this.sax.line;
  }

  private feed(text: string): void {
    if (this.pendingNotes.length) {
      this.pendingNotes.sort((a, b) => a.at - b.at);
      let line = this.sax.line;
      let pos = 0;
      for (const n of this.pendingNotes) {
        for (let i = text.indexOf('\n', pos); i !== -1 && i < n.at; i = text.indexOf('\n', i + 1)) {
          line++;
          pos = i + 1;
        }
        this.note({ kind: n.kind, line });
      }
      this.pendingNotes = [];
    }
    if (!text) return;
    // Fed in slices so that a run of input with no markup is caught before it grows without bound.
    const SLICE = Math.max(4096, Math.min(1024 * 1024, Math.floor(this.limits.run / 2)));
    for (let i = 0; i < text.length; i += SLICE) {
      const part = i === 0 && text.length <= SLICE ? text : text.slice(i, i + SLICE);
      this.fedSinceEvent += part.length;
      try {
        this.sax.write(part);
      } catch (err) {
        throw this.wrap(err);
      }
      if (this.fedSinceEvent > this.limits.run) {
        throw this.error(`more than ${Math.round(this.limits.run / 1048576)} MB of text without any markup; this is not an export Broadside can read.`);
      }
    }
  }

  private note(n: ReadNote): void {
    if (this.notes.length < 1000) this.notes.push(n);
    else this.notesDropped++;
  }

  private error(reason: string): WxrError {
    return new WxrError(this.sax.line, this.sax.column, reason);
  }

  private wrap(err: unknown): Error {
    if (err instanceof WxrError) return err;
    const m = /^(\d+):(\d+): (.*)$/s.exec((err as Error)?.message ?? '');
    if (m) return new WxrError(Number(m[1]), Number(m[2]), `the XML is not well formed: ${m[3]}`);
    return err as Error;
  }

  private startCapture(limit: number, done: (text: string, over: boolean) => void): void {
    this.capture = { depth: this.stack.length - 1, parts: [], size: 0, limit, over: false, done };
  }

  private text(t: string): void {
    this.fedSinceEvent = 0;
    const c = this.capture;
    if (!c || c.over) return;
    if (c.size + t.length > c.limit) {
      c.over = true;
      return;
    }
    c.parts.push(t);
    c.size += t.length;
  }

  private open(tag: SaxesTagNS): void {
    this.fedSinceEvent = 0;
    const key = keyOf(tag.uri, tag.local);
    const depth = this.stack.length;
    const parent = this.stack[depth - 1];
    this.stack.push(key);
    if (this.capture) return;
    if (depth === 0) {
      if (key !== 'rss') throw this.error(`the document's root element is <${tag.name}>, not <rss>: this is not a WordPress export.`);
      return;
    }
    if (depth === 1) return;
    if (parent === 'channel' && this.stack[0] === 'rss' && depth === 2) {
      const cf = CHANNEL_FIELDS[key];
      if (cf) {
        this.startCapture(this.limits.short, (v) => {
          if (!this.channel[cf]) this.channel[cf] = v.trim();
          if (cf === 'wxrVersion') this.checkVersion(v.trim());
        });
        return;
      }
      if (key === 'wp:author' || key === 'wp:category' || key === 'wp:tag' || key === 'wp:term' || key === 'item') {
        if (!this.versionSeen) throw this.error('the export has no WXR version (wp:wxr_version) before its content: this is not a WordPress export, or it was cut.');
        this.sendChannel();
        const line = this.sax.line;
        if (key === 'wp:author') this.author = { line, id: '', login: '', email: '', displayName: '', firstName: '', lastName: '', description: '' };
        else if (key === 'item') this.item = emptyItem(line);
        else this.term = { line, taxonomy: key === 'wp:category' ? 'category' : key === 'wp:tag' ? 'post_tag' : '', id: '', slug: '', parent: '', name: '', description: '', meta: [] };
      }
      return;
    }
    if (depth === 3 && this.author && parent === 'wp:author') {
      const f = AUTHOR_FIELDS[key];
      if (f) this.startCapture(f === 'description' ? this.limits.text : this.limits.short, (v) => this.author && !this.author[f] && (this.author[f] = v.trim()));
      return;
    }
    if (depth === 3 && this.term && (parent === 'wp:category' || parent === 'wp:tag' || parent === 'wp:term')) {
      const f = TERM_FIELDS[key];
      if (f) this.startCapture(f === 'description' ? this.limits.text : this.limits.short, (v) => this.term && !this.term[f] && (this.term[f] = v.trim()));
      else if (key === 'wp:termmeta') this.meta = { key: '', value: '' };
      return;
    }
    if (depth === 4 && this.term && parent === 'wp:termmeta' && this.meta && (key === 'wp:meta_key' || key === 'wp:meta_value')) {
      const m = this.meta;
      this.startCapture(this.limits.short, (v) => (key === 'wp:meta_key' ? (m.key = v.trim()) : (m.value = v)));
      return;
    }
    const item = this.item;
    if (!item) return;
    if (depth === 3 && parent === 'item') {
      const f = ITEM_FIELDS[key];
      if (f) {
        const limit = f === 'content' ? this.limits.content : f === 'excerpt' ? this.limits.text : this.limits.short;
        this.startCapture(limit, (v, over) => {
          if (over) item.oversized.push(key);
          else if (item[f] === '') item[f] = f === 'content' || f === 'excerpt' ? v : v.trim();
          else if (f !== 'creator') this.note({ kind: 'duplicate-field', line: this.sax.line, detail: key });
        });
      } else if (key === 'category') {
        const a = tag.attributes;
        const domain = (a.domain?.value ?? '').trim();
        const nicename = (a.nicename?.value ?? '').trim();
        this.startCapture(this.limits.short, (v) => item.terms.push({ domain, nicename, name: v.trim() }));
      } else if (key === 'wp:postmeta') {
        this.meta = { key: '', value: '' };
      } else if (key === 'wp:comment') {
        this.comment = { id: '', author: '', authorEmail: '', authorUrl: '', authorIp: '', date: '', dateGmt: '', content: '', approved: '', type: '', parent: '', userId: '' };
      }
      return;
    }
    if (depth === 4 && parent === 'wp:postmeta' && this.meta) {
      if (key === 'wp:meta_key' || key === 'wp:meta_value') {
        const m = this.meta;
        this.startCapture(key === 'wp:meta_key' ? this.limits.short : this.limits.text, (v, over) => {
          if (over) item.oversized.push(`postmeta ${m.key}`);
          else if (key === 'wp:meta_key') m.key = v.trim();
          else m.value = v;
        });
      }
      return;
    }
    if (depth === 4 && parent === 'wp:comment' && this.comment) {
      const f = COMMENT_FIELDS[key];
      const c = this.comment;
      if (f) {
        this.startCapture(f === 'content' ? this.limits.text : this.limits.short, (v, over) => {
          if (over) item.oversized.push(`comment ${c.id} ${key}`);
          else if (!c[f]) c[f] = f === 'content' ? v : v.trim();
        });
      }
    }
  }

  private close(): void {
    this.fedSinceEvent = 0;
    const depth = this.stack.length - 1;
    const key = this.stack.pop()!;
    const c = this.capture;
    if (c) {
      if (c.depth !== depth) return;
      this.capture = null;
      c.done(c.parts.length === 1 ? c.parts[0]! : c.parts.join(''), c.over);
      return;
    }
    if (depth === 0) {
      this.ended = true;
      this.sendChannel();
      return;
    }
    if (depth === 2) {
      if (key === 'wp:author' && this.author) {
        this.out.push({ kind: 'author', author: this.author });
        this.author = null;
      } else if (this.term && (key === 'wp:category' || key === 'wp:tag' || key === 'wp:term')) {
        this.out.push({ kind: 'term', term: this.term });
        this.term = null;
      } else if (key === 'item' && this.item) {
        this.out.push({ kind: 'item', item: this.item });
        this.item = null;
      } else if (key === 'channel') this.sendChannel();
      return;
    }
    if (depth === 3 && this.term && key === 'wp:termmeta' && this.meta) {
      if (this.meta.key) this.term.meta.push(this.meta);
      this.meta = null;
      return;
    }
    if (depth === 3 && this.item) {
      if (key === 'wp:postmeta' && this.meta) {
        if (this.meta.key) this.item.meta.push(this.meta);
        this.meta = null;
      } else if (key === 'wp:comment' && this.comment) {
        this.item.comments.push(this.comment);
        this.comment = null;
      }
    }
  }

  private checkVersion(v: string): void {
    if (!/^1\.\d{1,2}$/.test(v)) throw this.error(`the export's WXR version is "${v.slice(0, 40)}"; Broadside reads WordPress exports of WXR 1.0, 1.1 and 1.2.`);
    this.versionSeen = true;
  }

  private sendChannel(): void {
    if (this.channelSent) return;
    this.channelSent = true;
    this.out.push({ kind: 'channel', channel: { ...this.channel } });
  }
}
