// Writes the demo outlet (our own text, in data.ts). Safe to repeat: existing slugs are left alone.
import type { Ctx } from '../../../platform/context/index.js';
import { createAuthor } from '../operations/createAuthor.js';
import { createTag } from '../operations/createTag.js';
import { createArticle } from '../operations/createArticle.js';
import { savePage } from '../operations/savePage.js';
import { demoArticles, demoAuthors, demoPages, demoSite, demoTags } from './data.js';
import { monthKeyOf } from '../dates.js';

export async function isEmpty(ctx: Ctx): Promise<boolean> {
  const a = await ctx.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  const p = await ctx.db.selectFrom('pages').select('id').limit(1).executeTakeFirst();
  const au = await ctx.db.selectFrom('authors').select('id').limit(1).executeTakeFirst();
  return !a && !p && !au;
}

export async function seedDemo(ctx: Ctx): Promise<{ articles: number; authors: number; tags: number; pages: number }> {
  const count = { articles: 0, authors: 0, tags: 0, pages: 0 };
  for (const [key, value] of [
    ['site.title', demoSite.title],
    ['site.description', demoSite.description],
  ] as const) {
    const exists = await ctx.db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst();
    if (!exists) await ctx.db.insertInto('settings').values({ key, value }).execute();
  }
  const authorIds = new Map<string, number>();
  for (const a of demoAuthors) {
    const row = await ctx.db.selectFrom('authors').select('id').where('slug', '=', a.slug).executeTakeFirst();
    if (row) authorIds.set(a.slug, Number(row.id));
    else {
      authorIds.set(a.slug, await createAuthor(ctx, a));
      count.authors++;
    }
  }
  const tagIds = new Map<string, number>();
  for (const t of demoTags) {
    const row = await ctx.db.selectFrom('tags').select('id').where('slug', '=', t.slug).executeTakeFirst();
    if (row) tagIds.set(t.slug, Number(row.id));
    else {
      tagIds.set(t.slug, await createTag(ctx, { name: t.name, slug: t.slug, description: t.description, isRegion: t.region }));
      count.tags++;
    }
  }
  for (const [i, p] of demoPages.entries()) {
    const row = await ctx.db.selectFrom('pages').select('id').where('slug', '=', p.slug).executeTakeFirst();
    if (!row) {
      await savePage(ctx, { title: p.title, slug: p.slug, bodyHtml: p.bodyHtml, position: i });
      count.pages++;
    }
  }
  for (const a of demoArticles) {
    const row = await ctx.db
      .selectFrom('articles')
      .select('id')
      .where('month_key', '=', monthKeyOf(a.publishedAt))
      .where('slug', '=', a.slug)
      .executeTakeFirst();
    if (row) continue;
    await createArticle(
      ctx,
      {
        headline: a.headline,
        kicker: a.kicker,
        standfirst: a.standfirst,
        bodyHtml: a.bodyHtml,
        slug: a.slug,
        status: 'published',
        publishedAt: a.publishedAt,
        authorIds: a.authors.map((s) => authorIds.get(s)!),
        primaryTagId: tagIds.get(a.primaryTag) ?? null,
        tagIds: a.tags.map((s) => tagIds.get(s)!).filter((x) => x !== undefined),
      },
      a.publishedAt,
    );
    count.articles++;
  }
  ctx.invalidate(['lists', 'layout', 'settings']);
  return count;
}
