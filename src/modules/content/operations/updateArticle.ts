import type { Ctx } from '../../../platform/context/index.js';
import { notFound } from '../../../platform/http/errors.js';
import type { Article } from '../tables.js';
import { cleanArticle, type ArticleInput } from './articleInput.js';
import { writeArticleLinks } from './writeArticleLinks.js';
import { assertSlugFree } from './createArticle.js';
import { isPending, plannedPath, publicPath } from './visibility.js';
import { reindexArticle } from '../../search/index.js';

/** Saves an article. A public article whose slug or date changes leaves a 301 from its old URL.
 * `within` runs inside the transaction once the old row is read (the editorial admin checks and records
 * revisions there); what it throws rolls the whole save back. */
export async function updateArticle(
  ctx: Ctx,
  id: number,
  input: ArticleInput,
  now = new Date().toISOString(),
  opts: { within?: (trx: Ctx['db'], old: Article) => Promise<void> } = {},
): Promise<{ id: number; path: string | null }> {
  const a = cleanArticle(input, now);
  const touched = await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound(`There is no article ${id}.`);
    if (opts.within) await opts.within(trx, old);
    await assertSlugFree(trx, a.month_key, a.slug, id);
    await trx
      .updateTable('articles')
      .set({
        slug: a.slug,
        kicker: a.kicker,
        headline: a.headline,
        standfirst: a.standfirst,
        body_html: a.body_html,
        status: a.status,
        month_key: a.month_key,
        published_at: a.published_at,
        updated_at: now,
        primary_tag_id: a.primaryTagId,
        word_count: a.word_count,
        ...(a.sticky === undefined ? {} : { sticky: a.sticky ? 1 : 0 }),
      })
      .where('id', '=', id)
      .execute();
    await writeArticleLinks(trx, id, a.authorIds, a.tagIds);
    await reindexArticle(trx, id);

    const oldPath = publicPath(old, now);
    const newPath = plannedPath(a);
    if (newPath) await trx.deleteFrom('redirects').where('from_path', '=', newPath).execute();
    if (oldPath && newPath && oldPath !== newPath) {
      // Point earlier redirects straight at the new place: no chains.
      await trx.updateTable('redirects').set({ to_path: newPath, status: 301 }).where('to_path', '=', oldPath).execute();
      await trx.deleteFrom('redirects').where('from_path', '=', oldPath).execute();
      await trx.insertInto('redirects').values({ from_path: oldPath, to_path: newPath, status: 301, created_at: now }).execute();
    }
    // Every page carries the archive counts and expires at the next scheduled time: only an edit that changes
    // those (the article enters, leaves or changes month, or a schedule is involved) touches other articles' pages.
    const nowPublic = publicPath(a, now);
    const layout = (oldPath ? old.month_key : null) !== (nowPublic ? a.month_key : null) || isPending(old, now) || isPending(a, now);
    return { wasPublic: oldPath !== null || old.status === 'scheduled', isPublic: newPath !== null, layout };
  });
  if (touched.wasPublic || touched.isPublic) ctx.invalidate(touched.layout ? ['lists', 'layout', `article:${id}`] : ['lists', `article:${id}`]);
  return { id, path: plannedPath(a) };
}
