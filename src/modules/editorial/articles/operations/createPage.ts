import type { Ctx } from '../../../../platform/context/index.js';
import { conflict } from '../../../../platform/http/errors.js';
import { savePage } from '../../../content/operations/savePage.js';
import { slugify } from '../../../content/slug.js';
import { requireCan, type Actor } from '../access.js';
import type { PageFields } from './pageRules.js';

/** A new page; a slug already taken is refused (409) rather than overwritten. */
export async function createPage(ctx: Ctx, actor: Actor, input: PageFields, now = new Date().toISOString()): Promise<number> {
  requireCan(actor, 'taxonomy.manage');
  const slug = input.slug?.trim().toLowerCase() || slugify(input.title ?? '');
  if (await ctx.db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst()) {
    throw conflict(`A page with the slug "${slug}" already exists.`, 'slug');
  }
  return savePage(ctx, { title: input.title, slug, bodyHtml: input.bodyHtml ?? '', status: input.status ?? 'draft', position: input.position ?? 0 }, now);
}
