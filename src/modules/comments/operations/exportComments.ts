// Every comment with what moderation needs to carry over (the commenter's address included: an export is the
// outlet's own private copy), in id order, for exports.
import type { Db } from '../../../platform/db/index.js';
import type { Selectable } from 'kysely';
import type { CommentsTables } from '../tables.js';
import type { AdminComment } from '../queries.js';

/** The moderation list's fields that an export carries (see AdminComment). */
export type ExportedComment = Pick<AdminComment, 'id' | 'articleId' | 'parentId' | 'status' | 'authorName' | 'authorEmail' | 'authorUrl' | 'body' | 'ip' | 'createdAt'>;

function exported(r: Selectable<CommentsTables['comments']>): ExportedComment {
  return {
    id: Number(r.id),
    articleId: Number(r.article_id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    status: r.status,
    authorName: r.author_name,
    authorEmail: r.author_email,
    authorUrl: r.author_url,
    body: r.body,
    ip: r.ip,
    createdAt: r.created_at,
  };
}

export async function* exportComments(db: Db): AsyncGenerator<ExportedComment> {
  for (let last = 0; ; ) {
    const rows = await db.selectFrom('comments').selectAll().where('id', '>', last).orderBy('id').limit(1000).execute();
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!.id);
    for (const r of rows) {
      yield exported(r);
    }
  }
}

/** Articles whose comments were closed by hand. */
export async function closedThreads(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('comment_threads').select('article_id').where('mode', '=', 'closed').execute();
  return new Set(rows.map((r) => Number(r.article_id)));
}

/** The comments of these articles, each article's in id order (an export writes them under their article). */
export async function commentsForArticles(db: Db, articleIds: number[]): Promise<Map<number, ExportedComment[]>> {
  const out = new Map<number, ExportedComment[]>();
  for (let i = 0; i < articleIds.length; i += 500) {
    const rows = await db.selectFrom('comments').selectAll().where('article_id', 'in', articleIds.slice(i, i + 500)).orderBy('id').execute();
    for (const r of rows) {
      const c = exported(r);
      const list = out.get(c.articleId) ?? [];
      list.push(c);
      out.set(c.articleId, list);
    }
  }
  return out;
}
