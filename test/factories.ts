// Small builders for test content, through the real operations.
import type { Ctx } from '../src/platform/context/index.js';
import { createAuthor } from '../src/modules/content/operations/createAuthor.js';
import { createTag } from '../src/modules/content/operations/createTag.js';
import { createArticle } from '../src/modules/content/operations/createArticle.js';
import type { ArticleInput } from '../src/modules/content/operations/articleInput.js';

let n = 0;

export async function anAuthor(ctx: Ctx, name = `Author ${++n}`): Promise<number> {
  return createAuthor(ctx, { name, bio: `${name} writes about the world.` });
}

export async function aTag(ctx: Ctx, name = `Tag ${++n}`, isRegion = false): Promise<number> {
  return createTag(ctx, { name, isRegion, description: `About ${name}.` });
}

export async function anArticle(ctx: Ctx, input: Partial<ArticleInput> & { authorIds: number[] }, now?: string) {
  const i = ++n;
  return createArticle(
    ctx,
    {
      headline: `Headline number ${i}`,
      kicker: 'Iraq/Syria',
      standfirst: `Standfirst ${i}.`,
      bodyHtml: `<p>Body of article ${i}.</p><h2>First section</h2><p>More text.</p>`,
      status: 'published',
      publishedAt: '2025-05-14T08:00:00Z',
      ...input,
    },
    now,
  );
}
