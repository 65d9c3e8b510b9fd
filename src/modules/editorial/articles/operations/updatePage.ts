import type { Ctx } from '../../../../platform/context/index.js';
import { badInput, conflict, notFound } from '../../../../platform/http/errors.js';
import { sanitizeHtml } from '../../../../platform/html/sanitizer.js';
import { requireCan, type Actor } from '../access.js';
import { checkPageSlug, type PageFields } from './pageRules.js';
import { clearRedirect, leaveRedirect } from './redirectRows.js';

/** Edits a page. A published page whose slug changes leaves a 301 from its old URL. */
export async function updatePage(ctx: Ctx, actor: Actor, id: number, patch: Partial<PageFields>, now = new Date().toISOString()): Promise<void> {
  requireCan(actor, 'taxonomy.manage');
  const title = patch.title?.trim();
  if (patch.title !== undefined && (!title || title.length > 200)) throw badInput('A page needs a title of 1 to 200 characters.', 'title');
  const slug = patch.slug?.trim().toLowerCase();
  if (slug !== undefined) checkPageSlug(slug);
  await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound(`There is no page ${id}.`);
    if (slug !== undefined && slug !== old.slug) {
      if (await trx.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst()) {
        throw conflict(`A page with the slug "${slug}" already exists.`, 'slug');
      }
      if (old.status === 'published') await leaveRedirect(trx, `/${old.slug}/`, `/${slug}/`, now);
      await clearRedirect(trx, `/${slug}/`);
    }
    await trx
      .updateTable('pages')
      .set({
        ...(title !== undefined ? { title } : {}),
        ...(slug !== undefined ? { slug } : {}),
        ...(patch.bodyHtml !== undefined ? { body_html: sanitizeHtml(patch.bodyHtml) } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  });
  ctx.invalidate(['layout', `page:${id}`]);
}
