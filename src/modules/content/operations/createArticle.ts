import type { Ctx } from '../../../platform/context/index.js';
import { conflict } from '../../../platform/http/errors.js';
import { cleanArticle, type ArticleInput } from './articleInput.js';
import { writeArticleLinks } from './writeArticleLinks.js';
import { plannedPath, publicPath } from './visibility.js';
import { reindexArticle } from '../../search/index.js';

/** `within` runs inside the transaction once the row and its links are written (the editorial admin records
 * the first revision there); what it throws rolls the whole creation back. */
export async function createArticle(
  ctx: Ctx,
  input: ArticleInput,
  now = new Date().toISOString(),
  opts: { within?: (trx: Ctx['db'], id: number) => Promise<void> } = {},
): Promise<{ id: number; path: string | null }> {
  const a = cleanArticle(input, now);
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertSlugFree(trx, a.month_key, a.slug, null);
    const row = await trx
      .insertInto('articles')
      .values({
        slug: a.slug,
        kicker: a.kicker,
        headline: a.headline,
        standfirst: a.standfirst,
        body_html: a.body_html,
        status: a.status,
        month_key: a.month_key,
        published_at: a.published_at,
        updated_at: now,
        created_at: now,
        primary_tag_id: a.primaryTagId,
        word_count: a.word_count,
        sticky: a.sticky ? 1 : 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await writeArticleLinks(trx, id, a.authorIds, a.tagIds);
    if (opts.within) await opts.within(trx, id);
    await reindexArticle(trx, id);
    // A new article at a URL that once redirected or was gone takes the URL back.
    const path = plannedPath(a);
    if (path) await trx.deleteFrom('redirects').where('from_path', '=', path).execute();
    return id;
  });
  if (publicPath(a, now) || a.status === 'scheduled') ctx.invalidate(['lists', 'layout', `article:${id}`]);
  return { id, path: plannedPath(a) };
}

export async function assertSlugFree(trx: Ctx['db'], monthKey: string | null, slug: string, exceptId: number | null): Promise<void> {
  if (!monthKey) return;
  let q = trx.selectFrom('articles').select('id').where('month_key', '=', monthKey).where('slug', '=', slug);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) {
    throw conflict(`Another article published in ${monthKey} already uses the slug "${slug}". Choose another slug.`, 'slug');
  }
}
