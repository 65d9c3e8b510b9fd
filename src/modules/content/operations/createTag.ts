import type { Ctx } from '../../../platform/context/index.js';
import { badInput, conflict } from '../../../platform/http/errors.js';
import { checkSlug, slugify } from '../slug.js';

export async function createTag(
  ctx: Ctx,
  input: { name: string; slug?: string; description?: string; isRegion?: boolean },
  now = new Date().toISOString(),
): Promise<number> {
  const name = input.name.trim();
  if (!name || name.length > 120) throw badInput('A tag needs a name of 1 to 120 characters.', 'name');
  const slug = input.slug?.trim() || slugify(name);
  if (!checkSlug(slug)) throw badInput('The slug may hold only lowercase letters, digits and single hyphens.', 'slug');
  if (await ctx.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst()) {
    throw conflict(`A tag with the slug "${slug}" already exists.`, 'slug');
  }
  const row = await ctx.db
    .insertInto('tags')
    .values({ slug, name, description: (input.description ?? '').trim(), is_region: input.isRegion ? 1 : 0, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.invalidate(['layout']);
  return Number(row.id);
}
