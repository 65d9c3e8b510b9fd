// The one way the admin writes an article's fields: content's updateArticle (redirects, links, cache tags),
// with the revision check, the new revision row and the clearing of the writer's autosave in its transaction.
import type { Ctx } from '../../../../platform/context/index.js';
import { conflict } from '../../../../platform/http/errors.js';
import { updateArticle } from '../../../content/operations/updateArticle.js';
import type { ArticleInput, CleanArticle } from '../../../content/operations/articleInput.js';
import type { Actor } from '../access.js';
import { isPublicStatus } from '../access.js';
import { imagesMissingAlt } from '../alt.js';
import { missingAltText, StaleRevision } from '../errors.js';
import { fromClean } from '../fields.js';
import type { AdminArticle } from '../queries.js';
import type { RevisionKind } from '../tables.js';
import { bumpRevision, deleteAutosave, insertRevision } from './revisionRows.js';

export const inTrash = () => conflict('This article is in the trash. Restore it first; then it can be edited or published.');

/**
 * Writes `input` over article `id` if its revision is still `expected`; throws StaleRevision otherwise (the
 * caller decides what a refused save becomes). Returns the new revision.
 */
export async function commitArticle(
  ctx: Ctx,
  actor: Actor,
  id: number,
  expected: number,
  input: ArticleInput,
  clean: CleanArticle,
  kind: Extract<RevisionKind, 'save' | 'restore'>,
  now: string,
  opts: { fromTrash?: boolean } = {},
): Promise<number> {
  await updateArticle(ctx, id, input, now, {
    within: async (trx, old) => {
      if (old.trashed_at !== null && !opts.fromTrash) throw inTrash();
      if (!(await bumpRevision(trx, id, expected, { clearTrash: opts.fromTrash }))) throw new StaleRevision();
      await insertRevision(trx, id, kind, expected + 1, actor, fromClean(clean), now);
      await deleteAutosave(trx, id, actor.id);
    },
  });
  return expected + 1;
}

/**
 * Publishing refuses images without alt text. An article that is already public only has to describe the
 * images this change brings in (an old imported article can still get a corrected headline).
 */
export function assertAltText(clean: CleanArticle, before: Pick<AdminArticle, 'status' | 'bodyHtml'> | null): void {
  if (!isPublicStatus(clean.status)) return;
  let missing = imagesMissingAlt(clean.body_html);
  if (before && isPublicStatus(before.status)) {
    const had = new Set(imagesMissingAlt(before.bodyHtml));
    missing = missing.filter((src) => !had.has(src));
  }
  if (missing.length) throw missingAltText([...new Set(missing)]);
}

export function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
