import type { Ctx } from '../../../platform/context/index.js';
import { badInput, conflict } from '../../../platform/http/errors.js';
import { checkSlug, slugify } from '../slug.js';

export async function createAuthor(ctx: Ctx, input: { name: string; slug?: string; bio?: string }, now = new Date().toISOString()): Promise<number> {
  const name = input.name.trim();
  if (!name || name.length > 120) throw badInput('An author needs a name of 1 to 120 characters.', 'name');
  const slug = input.slug?.trim() || slugify(name);
  if (!checkSlug(slug)) throw badInput('The slug may hold only lowercase letters, digits and single hyphens.', 'slug');
  if (await ctx.db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst()) {
    throw conflict(`An author with the slug "${slug}" already exists.`, 'slug');
  }
  const row = await ctx.db
    .insertInto('authors')
    .values({ slug, name, bio: (input.bio ?? '').trim(), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.invalidate(['lists']);
  return Number(row.id);
}
