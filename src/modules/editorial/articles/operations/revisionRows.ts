// Writing revision rows and moving an article's revision counter, inside the caller's transaction.
import type { Db } from '../../../../platform/db/index.js';
import type { Actor } from '../access.js';
import type { RevisionFields } from '../fields.js';
import type { RevisionKind } from '../tables.js';

export async function insertRevision(
  trx: Db,
  articleId: number,
  kind: RevisionKind,
  revision: number,
  actor: Pick<Actor, 'id' | 'name'> | null,
  fields: Partial<RevisionFields>,
  now: string,
): Promise<number> {
  const row = await trx
    .insertInto('revisions')
    .values({
      article_id: articleId,
      kind,
      revision,
      author_user_id: actor?.id ?? null,
      author_name: actor?.name ?? '',
      fields: JSON.stringify(fields),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * revision := revision + 1, only if it is still `expected`. A concurrent save that got there first makes this
 * match no row (on PostgreSQL the row lock makes the second writer wait and then see the new revision).
 */
export async function bumpRevision(trx: Db, articleId: number, expected: number, opts: { clearTrash?: boolean } = {}): Promise<boolean> {
  const r = await trx
    .updateTable('articles')
    .set((eb) => ({ revision: eb('revision', '+', 1), ...(opts.clearTrash ? { trashed_at: null } : {}) }))
    .where('id', '=', articleId)
    .where('revision', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteAutosave(trx: Db, articleId: number, userId: number): Promise<void> {
  await trx.deleteFrom('revisions').where('article_id', '=', articleId).where('kind', '=', 'autosave').where('author_user_id', '=', userId).execute();
}
