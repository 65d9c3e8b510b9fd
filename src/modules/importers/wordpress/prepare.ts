// Work on an item that needs nothing from the database, done by the reading thread (wxr/worker.ts) while the
// import thread writes the batch before: the item's hash, its comments as they will be stored, and its body
// converted. The import thread uses what it finds here and works out the rest itself, so each
// part is an optimisation only: leaving it out changes nothing that is written.
import { hash } from 'node:crypto';
import { cleanImportComment, type CleanComment } from '../../comments/operations/importComments.js';
import { convertContent, type AttachmentInfo, type ConvertLookup } from '../convert/content.js';
import { clip, htmlToText, oneLine } from '../convert/text.js';
import type { WxrItem, WxrRecord } from '../wxr/model.js';
import { wpDate } from './urls.js';

/** Longest comment kept, in characters (longer ones are cut, with a warning). */
export const MAX_COMMENT_CHARS = 65_536;

export interface PreparedComment {
  /** As stored (see cleanImportComment); the body already cut to MAX_COMMENT_CHARS. */
  clean: CleanComment;
  /** The body was cut. */
  cut: boolean;
  createdAt: string | null;
}

export interface PreparedItem {
  hash: string;
  /** Characters of content and comments, as read (the fields themselves may have been emptied, see below). */
  chars: number;
  comments: PreparedComment[];
  /**
   * The body converted (without a featured image, which the import thread puts in front). Not sanitised: the
   * import thread does that, with the time it has to spare (this thread has more to do; measured, the import
   * is about 8 % faster so).
   */
  body?: { html: string; unknown: string[] };
}

export interface PrepareOptions {
  /** Convert bodies here: only when files are not being copied (a copy changes the images' addresses). */
  convert: boolean;
}

export interface Attachment extends AttachmentInfo {
  id: string;
  original: string;
  parent: string;
  link: string;
}

/** What an attachment item gives its posts: its address, alt text and caption. */
export function attachmentOf(item: WxrItem): Attachment {
  const meta = (k: string) => item.meta.find((m) => m.key === k)?.value ?? '';
  const url = item.attachmentUrl || item.guid;
  return {
    id: item.postId,
    original: url,
    url,
    alt: clip(oneLine(meta('_wp_attachment_image_alt')), 500),
    caption: clip(htmlToText(item.excerpt), 1000),
    parent: item.postParent && item.postParent !== '0' ? item.postParent : '',
    link: item.link,
  };
}

/** A WordPress post id as the importer takes it. */
export const WP_ID = /^\d{1,19}$/;

/** The items the importer takes at all (it warns about and skips the rest). */
export function isImportable(item: WxrItem): boolean {
  return WP_ID.test(item.postId) && item.oversized.length === 0;
}

export function isBroadsideHtml(item: WxrItem): boolean {
  return item.meta.some((m) => m.key === '_broadside_html' && m.value.trim() === '1');
}

export function prepareComment(c: WxrItem['comments'][number]): PreparedComment {
  let body = htmlToText(c.content, true);
  const cut = body.length > MAX_COMMENT_CHARS;
  if (cut) body = clip(body, MAX_COMMENT_CHARS);
  return {
    clean: cleanImportComment({ authorName: htmlToText(c.author), authorEmail: c.authorEmail, authorUrl: c.authorUrl, body, ip: c.authorIp }),
    cut,
    createdAt: wpDate(c.dateGmt) ?? wpDate(c.date),
  };
}

/** A comment's fields that its PreparedComment holds as stored. */
const BLANK_COMMENT = { author: '', authorEmail: '', authorUrl: '', authorIp: '', date: '', dateGmt: '', content: '' } as const;

export class Preparer {
  private readonly attachments = new Map<string, Attachment>();

  constructor(private readonly opts: PrepareOptions) {}

  prepare(records: WxrRecord[]): WxrRecord[] {
    for (const r of records) {
      if (r.kind !== 'item') continue;
      const item = r.item;
      const { line: _line, ...rest } = item;
      const prepared: PreparedItem = {
        hash: hash('sha256', JSON.stringify(rest), 'hex'),
        chars: item.content.length + item.comments.reduce((n, c) => n + c.content.length, 0),
        comments: item.postType === 'post' ? item.comments.map(prepareComment) : [],
      };
      // What was worked out here need not cross to the import thread a second time: the messages are copied.
      if (item.postType === 'post') for (const c of item.comments) Object.assign(c, BLANK_COMMENT);
      if (item.postType === 'attachment' && isImportable(item)) this.attachments.set(item.postId, attachmentOf(item));
      else if (this.opts.convert && (item.postType === 'post' || item.postType === 'page') && isImportable(item) && !isBroadsideHtml(item)) {
        prepared.body = this.convert(item);
        // An untitled post takes its first words as title (from the content) in the import thread.
        if (prepared.body && htmlToText(item.title)) item.content = '';
      }
      item.prepared = prepared;
    }
    return records;
  }

  /**
   * Converts with the attachments read so far. An attachment not seen yet, or a gallery of the post's own
   * attachments (which may come after it), leaves the conversion to the import thread, which knows more.
   */
  private convert(item: WxrItem): PreparedItem['body'] {
    let unsure = false;
    const lookup: ConvertLookup = {
      attachment: (id) => {
        const a = this.attachments.get(id);
        if (a) return { url: a.url, alt: a.alt, caption: a.caption };
        unsure = true;
        return undefined;
      },
      childrenOf: () => {
        unsure = true;
        return [];
      },
      fileUrl: () => null,
    };
    const out = convertContent(item.content, item.postId, lookup);
    if (unsure || out.missing.length) return undefined;
    return { html: out.html, unknown: out.unknown };
  }
}
