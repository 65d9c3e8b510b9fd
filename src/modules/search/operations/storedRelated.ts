// Related articles are found by a job after a change and kept, so an article page never waits for the
// scoring (findRelated reads the whole archive's index). The page shows what was kept, less anything that has
// stopped being public since.
import type { Ctx } from '../../../platform/context/index.js';
import type { Db } from '../../../platform/db/index.js';
import { enqueue } from '../../../platform/jobs/index.js';
import { visible, type ArticleSummary } from '../../content/queries.js';
import { hydrate } from '../hydrate.js';
import { findRelated, RELATED_COUNT } from './findRelated.js';

export const RELATED_JOB = 'search.related';

/** The kept list, or null when it has not been worked out yet (a job is then queued). */
export async function storedRelated(db: Db, articleId: number, now: string): Promise<ArticleSummary[] | null> {
  const row = await db.selectFrom('article_related').select('ids').where('article_id', '=', articleId).executeTakeFirst();
  if (!row) return null;
  const ids = (JSON.parse(row.ids) as number[]).filter((id) => Number.isInteger(id));
  if (ids.length === 0) return [];
  const live = await db.selectFrom('articles').select('id').where('id', 'in', ids).where(visible(now)).execute();
  const keep = new Set(live.map((r) => Number(r.id)));
  const rows = await hydrate(db, ids.filter((id) => keep.has(id)).slice(0, RELATED_COUNT));
  return rows.map(({ bodyHtml: _, ...a }) => a);
}

/** Related articles for a page: the kept list, or none for now while a job works them out. */
export async function relatedForPage(db: Db, articleId: number, now: string): Promise<ArticleSummary[]> {
  const kept = await storedRelated(db, articleId, now);
  if (kept) return kept;
  await enqueue(db, RELATED_JOB, { articleId });
  return [];
}

/** The job: work the list out, keep it, and let the article's cached page go. */
export async function computeRelated(ctx: Ctx, articleId: number, now = new Date().toISOString()): Promise<void> {
  const exists = await ctx.db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
  if (!exists) return;
  // A few spare, so an article that leaves the site later still leaves enough to show.
  const related = await findRelated(ctx.db, articleId, now, RELATED_COUNT + 2);
  const ids = JSON.stringify(related.map((a) => a.id));
  await ctx.db
    .insertInto('article_related')
    .values({ article_id: articleId, ids, computed_at: now })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ ids, computed_at: now }))
    .execute();
  ctx.invalidate([`article:${articleId}`]);
}
