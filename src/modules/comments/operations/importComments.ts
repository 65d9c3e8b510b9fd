// Bulk writes of comments for importers, in the importer's transaction: threads kept (a reply may arrive with
// its parent in the same batch: ids are taken first), the same stored shape as a reader's comment (lowercased
// address kept private, content hash, salted avatar seed) but none of a live post's checks or mails: these
// comments were moderated where they came from and keep the status they had there.
import { isIP } from 'node:net';
import type { Db, Engine } from '../../../platform/db/index.js';
import { reserveIds } from '../../../platform/db/ids.js';
import { insertRows } from '../../../platform/db/bulk.js';
import { avatarSeeder, keysFor, sha256Hex } from '../signing.js';
import { cleanWebsite, normaliseBody } from '../text.js';
import type { CommentStatus } from '../tables.js';

export interface ImportComment {
  /** The comment an earlier import made (updated in place), or null. */
  id: number | null;
  articleId: number;
  /** Index in this batch of the parent, or the id of a parent written before; null for none. */
  parent: { index: number } | { id: number } | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  /** Plain text, paragraphs as blank lines. */
  body: string;
  ip: string;
  createdAt: string;
  /** The fields above as stored, when worked out already (by cleanImportComment, in another thread). */
  clean?: CleanComment;
}

export interface CleanComment {
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  body: string;
  ip: string;
  contentHash: string;
}

const ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]+$/;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** A comment's fields as they are stored: control and direction characters out, an address only if it is one. */
export function cleanImportComment(r: Pick<ImportComment, 'authorName' | 'authorEmail' | 'authorUrl' | 'body' | 'ip'>): CleanComment {
  const authorName = r.authorName.replace(CONTROL, ' ').replace(BIDI, '').replace(/\s+/g, ' ').trim().slice(0, 100) || 'Anonymous';
  const emailRaw = r.authorEmail.trim().toLowerCase().replace(CONTROL, '');
  const authorEmail = emailRaw.length <= 254 && ADDRESS.test(emailRaw) ? emailRaw : '';
  let authorUrl = '';
  try {
    authorUrl = cleanWebsite(r.authorUrl);
  } catch {
    authorUrl = '';
  }
  const body = normaliseBody(r.body.replace(CONTROL, (c) => (c === '\n' || c === '\t' ? c : '')).replace(BIDI, ''));
  const ip = isIP(r.ip.trim()) ? r.ip.trim() : '';
  return { authorName, authorEmail, authorUrl, body: body || '…', ip, contentHash: sha256Hex(body.toLowerCase().replace(/\s+/g, ' ')) };
}

/**
 * The new comments in the order their ids are given: as they came, but each parent in the batch before its
 * replies. Rows then go in with rising ids, each statement's replies referring only to rows already written,
 * and SQLite appends them to its tables and indexes rather than splitting pages in the middle (sorting by depth
 * instead made an import's comment inserts three times slower).
 */
function freshInOrder(rows: ImportComment[]): ImportComment[] {
  const out: ImportComment[] = [];
  const placed = new Set<ImportComment>();
  const place = (r: ImportComment, depth: number) => {
    if (placed.has(r)) return;
    placed.add(r);
    const parent = r.parent !== null && 'index' in r.parent ? rows[r.parent.index] : undefined;
    if (parent && parent.id === null && depth < 100) place(parent, depth + 1);
    out.push(r);
  };
  for (const r of rows) if (r.id === null) place(r, 0);
  return out;
}

/** Writes the batch; returns the comments' ids in input order. */
export async function importComments(trx: Db, engine: Engine, rows: ImportComment[], now: string): Promise<number[]> {
  if (rows.length === 0) return [];
  const seed = avatarSeeder(await keysFor(trx));
  const fresh = freshInOrder(rows);
  const ids = await reserveIds(trx, engine, 'comments', fresh.length);
  const idOf = new Map<ImportComment, number>();
  fresh.forEach((r, i) => idOf.set(r, ids[i]!));
  for (const r of rows) if (r.id !== null) idOf.set(r, r.id);

  const values = rows.map((r) => {
    const c = r.clean ?? cleanImportComment(r);
    const parentId = r.parent === null ? null : 'id' in r.parent ? r.parent.id : idOf.get(rows[r.parent.index]!) ?? null;
    return {
      id: idOf.get(r)!,
      article_id: r.articleId,
      parent_id: parentId,
      status: r.status,
      author_name: c.authorName,
      author_email: c.authorEmail,
      author_url: c.authorUrl,
      body: c.body,
      ip: c.ip,
      user_agent: '',
      content_hash: c.contentHash,
      avatar_seed: seed(c.authorEmail || c.ip || c.authorName),
      notify: 'none' as const,
      held_for: '',
      created_at: r.createdAt,
      updated_at: r.createdAt,
      status_changed_at: r.createdAt,
    };
  });
  const isFresh = new Set(fresh.map((r) => idOf.get(r)!));
  // In id order: parents before replies (see freshInOrder).
  const inserts = values.filter((v) => isFresh.has(v.id)).sort((x, y) => x.id - y.id);
  await insertRows(trx, engine, 'comments', inserts, 400);
  for (const v of values) {
    if (isFresh.has(v.id)) continue;
    const { id, created_at: _c, ...set } = v;
    await trx.updateTable('comments').set({ ...set, updated_at: now }).where('id', '=', id).execute();
  }
  return rows.map((r) => idOf.get(r)!);
}

/** Articles whose comments were closed where they came from stay closed here (open ones follow the site's rule). */
export async function importThreadModes(trx: Db, closed: number[], now: string): Promise<void> {
  if (!closed.length) return;
  await trx.deleteFrom('comment_threads').where('article_id', 'in', closed).execute();
  await trx.insertInto('comment_threads').values(closed.map((article_id) => ({ article_id, mode: 'closed' as const, updated_at: now }))).execute();
}
