import type { Ctx } from '../../../../platform/context/index.js';
import { AppError } from '../../../../platform/http/errors.js';
import type { Actor } from '../access.js';
import { DetailedError } from '../errors.js';
import { deleteTrashedArticle } from './deleteTrashedArticle.js';
import { publishArticle } from './publishArticle.js';
import { restoreFromTrash } from './restoreFromTrash.js';
import { trashArticle } from './trashArticle.js';
import { unpublishArticle } from './unpublishArticle.js';

export const BULK_ACTIONS = ['publish', 'unpublish', 'trash', 'restore', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type BulkResult =
  | { id: number; ok: true; status: string | null; trashedAt: string | null }
  | { id: number; ok: false; error: { code: string; message: string; [k: string]: unknown } };

/** One action over many articles, each in its own transaction: one refusal does not undo the others. */
export async function bulkArticles(ctx: Ctx, actor: Actor, ids: number[], action: BulkAction, now = new Date().toISOString()): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      if (action === 'delete') {
        await deleteTrashedArticle(ctx, actor, id, now);
        results.push({ id, ok: true, status: null, trashedAt: null });
        continue;
      }
      const a =
        action === 'publish'
          ? await publishArticle(ctx, actor, id, undefined, now)
          : action === 'unpublish'
            ? await unpublishArticle(ctx, actor, id, now)
            : action === 'trash'
              ? await trashArticle(ctx, actor, id, now)
              : await restoreFromTrash(ctx, actor, id, now);
      results.push({ id, ok: true, status: a.status, trashedAt: a.trashedAt });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const extra = err instanceof DetailedError ? err.errorExtra : {};
      results.push({ id, ok: false, error: { code: err.code, message: err.message, ...extra } });
    }
  }
  return results;
}
