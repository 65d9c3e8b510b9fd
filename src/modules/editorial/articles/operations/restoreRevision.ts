import type { Ctx } from '../../../../platform/context/index.js';
import { cleanArticle } from '../../../content/operations/articleInput.js';
import { isPublicStatus, requireCan, type Actor } from '../access.js';
import { StaleRevision } from '../errors.js';
import { toInput, type ArticleFields } from '../fields.js';
import { getArticle, getRevision, type AdminArticle } from '../queries.js';
import { assertAltText, commitArticle, inTrash, sameIds } from './commitArticle.js';
import { changedMeanwhile } from './publishArticle.js';

/** What a restore brings back: the words, the URL slug, tags and bylines; never the status, the date or stickiness. */
const CONTENT_FIELDS = ['headline', 'kicker', 'standfirst', 'bodyHtml', 'slug', 'tagIds', 'primaryTagId', 'authorIds'] as const;

/**
 * Brings an earlier revision's content back as a new save (kind 'restore'). The article stays as public or
 * private as it is. Tags or authors deleted since are left out.
 */
export async function restoreRevision(ctx: Ctx, actor: Actor, id: number, revisionId: number, now = new Date().toISOString()): Promise<AdminArticle> {
  const current = await getArticle(ctx.db, id, now);
  requireCan(actor, 'article.edit', { authorIds: current.authorIds });
  if (current.trashedAt) throw inTrash();
  const rev = await getRevision(ctx.db, id, revisionId, actor.id);
  const patch: Partial<ArticleFields> = {};
  for (const k of CONTENT_FIELDS) if (rev.fields[k] !== undefined) (patch as Record<string, unknown>)[k] = rev.fields[k];

  const tagIds = [...(patch.tagIds ?? []), ...(patch.primaryTagId != null ? [patch.primaryTagId] : [])];
  if (tagIds.length) {
    const live = new Set((await ctx.db.selectFrom('tags').select('id').where('id', 'in', tagIds).execute()).map((t) => Number(t.id)));
    if (patch.tagIds) patch.tagIds = patch.tagIds.filter((t) => live.has(t));
    if (patch.primaryTagId != null && !live.has(patch.primaryTagId)) patch.primaryTagId = null;
  }
  if (patch.authorIds?.length) {
    const live = new Set((await ctx.db.selectFrom('authors').select('id').where('id', 'in', patch.authorIds).execute()).map((a) => Number(a.id)));
    patch.authorIds = patch.authorIds.filter((a) => live.has(a));
    if (!patch.authorIds.length) delete patch.authorIds;
  }

  const input = toInput(current, patch);
  const clean = cleanArticle(input, now);
  if (!sameIds(clean.authorIds, current.authorIds)) requireCan(actor, 'article.edit', { authorIds: clean.authorIds });
  if (isPublicStatus(clean.status)) requireCan(actor, 'article.publish', { authorIds: clean.authorIds });
  assertAltText(clean, current);
  try {
    await commitArticle(ctx, actor, id, current.revision, input, clean, 'restore', now);
  } catch (err) {
    if (err instanceof StaleRevision) throw changedMeanwhile();
    throw err;
  }
  return getArticle(ctx.db, id, now, actor.id);
}
