import type { Ctx } from '../../../../platform/context/index.js';
import { badInput, conflict, notFound } from '../../../../platform/http/errors.js';
import { can } from '../../index.js';
import { checkSlug } from '../../../content/slug.js';
import { forbidden, type Actor } from '../access.js';
import { clearRedirect, leaveRedirect } from './redirectRows.js';

export interface AuthorPatch {
  name?: string;
  slug?: string;
  bio?: string;
}

/** Edits a byline. Editors edit anyone's; everyone their own. A new slug leaves a 301 from /author/old/. */
export async function updateAuthor(ctx: Ctx, actor: Actor, id: number, patch: AuthorPatch, now = new Date().toISOString()): Promise<void> {
  if (!can(actor, 'taxonomy.manage') && actor.authorId !== id) throw forbidden(`Your role (${actor.role}) may edit only your own author profile.`);
  const name = patch.name?.trim();
  if (patch.name !== undefined && (!name || name.length > 120)) throw badInput('An author needs a name of 1 to 120 characters.', 'name');
  const slug = patch.slug?.trim().toLowerCase();
  if (slug !== undefined && !checkSlug(slug)) throw badInput('The slug may hold only lowercase letters, digits and single hyphens.', 'slug');
  const bio = patch.bio?.trim();
  if (bio !== undefined && bio.length > 5000) throw badInput('The bio is longer than 5,000 characters.', 'bio');

  await ctx.db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound(`There is no author ${id}.`);
    if (slug !== undefined && slug !== old.slug) {
      if (await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst()) {
        throw conflict(`An author with the slug "${slug}" already exists.`, 'slug');
      }
      await leaveRedirect(trx, `/author/${old.slug}/`, `/author/${slug}/`, now);
      await clearRedirect(trx, `/author/${slug}/`);
    }
    await trx
      .updateTable('authors')
      .set({ ...(name !== undefined ? { name } : {}), ...(slug !== undefined ? { slug } : {}), ...(bio !== undefined ? { bio } : {}) })
      .where('id', '=', id)
      .execute();
  });
  // Bylines are on article pages and in every list.
  ctx.invalidate(['layout', 'lists', `author:${id}`]);
}
