import type { Ctx } from '../../../../platform/context/index.js';
import { badInput, conflict, notFound } from '../../../../platform/http/errors.js';
import { checkSlug } from '../../../content/slug.js';
import { requireCan, type Actor } from '../access.js';
import { clearRedirect, leaveRedirect } from './redirectRows.js';

export interface TagPatch {
  name?: string;
  slug?: string;
  description?: string;
  isRegion?: boolean;
}

/** Renames or re-describes a tag. A new slug leaves a 301 from /tag/old/ (and its feeds) to the new URL. */
export async function updateTag(ctx: Ctx, actor: Actor, id: number, patch: TagPatch, now = new Date().toISOString()): Promise<void> {
  requireCan(actor, 'taxonomy.manage');
  const name = patch.name?.trim();
  if (patch.name !== undefined && (!name || name.length > 120)) throw badInput('A tag needs a name of 1 to 120 characters.', 'name');
  const slug = patch.slug?.trim().toLowerCase();
  if (slug !== undefined && !checkSlug(slug)) throw badInput('The slug may hold only lowercase letters, digits and single hyphens.', 'slug');
  const description = patch.description?.trim();
  if (description !== undefined && description.length > 2000) throw badInput('The description is longer than 2,000 characters.', 'description');

  await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound(`There is no tag ${id}.`);
    if (slug !== undefined && slug !== old.slug) {
      if (await trx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst()) {
        throw conflict(`A tag with the slug "${slug}" already exists.`, 'slug');
      }
      for (const suffix of ['', 'feed/', 'feed/atom/']) await leaveRedirect(trx, `/tag/${old.slug}/${suffix}`, `/tag/${slug}/${suffix}`, now);
      await clearRedirect(trx, `/tag/${slug}/`);
    }
    await trx
      .updateTable('tags')
      .set({
        ...(name !== undefined ? { name } : {}),
        ...(slug !== undefined ? { slug } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(patch.isRegion !== undefined ? { is_region: patch.isRegion ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .execute();
  });
  // Tag names show on article pages and lists, regions in every page's sidebar.
  ctx.invalidate(['layout', 'lists', `tag:${id}`]);
}
