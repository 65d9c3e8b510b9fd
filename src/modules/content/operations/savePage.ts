import type { Ctx } from '../../../platform/context/index.js';
import { badInput } from '../../../platform/http/errors.js';
import { sanitizeHtml } from '../../../platform/html/sanitizer.js';
import { checkSlug, slugify } from '../slug.js';

/** Creates or replaces the page with this slug (about, support, contact…). */
export async function savePage(
  ctx: Ctx,
  input: { title: string; slug?: string; bodyHtml: string; status?: 'draft' | 'published'; position?: number },
  now = new Date().toISOString(),
): Promise<number> {
  const title = input.title.trim();
  if (!title || title.length > 200) throw badInput('A page needs a title of 1 to 200 characters.', 'title');
  const slug = input.slug?.trim() || slugify(title);
  if (!checkSlug(slug)) throw badInput('The slug may hold only lowercase letters, digits and single hyphens.', 'slug');
  if (/^\d{4}$/.test(slug) || ['page', 'tag', 'author', 'feed', 'admin', 'api', 'assets', 'search', 'comments', 'webhooks'].includes(slug)) {
    throw badInput(`"${slug}" is kept for the site's own URLs; choose another slug.`, 'slug');
  }
  const values = {
    title,
    body_html: sanitizeHtml(input.bodyHtml),
    status: input.status ?? 'published',
    position: input.position ?? 0,
    updated_at: now,
  };
  const existing = await ctx.db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst();
  let id: number;
  if (existing) {
    await ctx.db.updateTable('pages').set(values).where('id', '=', existing.id).execute();
    id = Number(existing.id);
  } else {
    const row = await ctx.db.insertInto('pages').values({ ...values, slug, created_at: now }).returning('id').executeTakeFirstOrThrow();
    id = Number(row.id);
  }
  ctx.invalidate(['layout', `page:${id}`]);
  return id;
}
