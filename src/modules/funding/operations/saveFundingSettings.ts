// Changes the funding settings given (the others keep theirs). The money side (campaign, currencies, providers
// and their keys) is an administrator's; the appeal's texts are also an editor's (saveAppeal). Pages follow at once.
import type { Ctx } from '../../../platform/context/index.js';
import { badInput } from '../../../platform/http/errors.js';
import { FUNDING_TAG } from './applyMoneyEvent.js';
import { forgetFundingSettings, mergeFunding, readFundingSettings, readSiteAppeal, SITE_APPEAL_KEY, writeFundingSettings, type FundingSettings } from '../settings.js';

export async function saveFundingSettings(ctx: Ctx, patch: unknown): Promise<FundingSettings> {
  const next = await ctx.db.transaction().execute(async (trx) => {
    const merged = mergeFunding(await readFundingSettings(trx, true), patch);
    await writeFundingSettings(trx, merged);
    return merged;
  });
  forgetFundingSettings(ctx.db);
  ctx.invalidate([FUNDING_TAG, 'settings']);
  return next;
}

export interface AppealSettings {
  title: string;
  text: string;
  donateLabel: string;
  articleTitle: string;
  articleText: string;
  showPatrons: boolean;
}

export async function readAppealSettings(ctx: Ctx): Promise<AppealSettings> {
  const [site, s] = await Promise.all([readSiteAppeal(ctx.db), readFundingSettings(ctx.db, true)]);
  return { title: site.title, text: site.text, ...s.appeal };
}

/** The appeal's texts: heading and text (kept with the site settings as site.appeal) and the funding extras. */
export async function saveAppeal(ctx: Ctx, patch: unknown): Promise<AppealSettings> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw badInput('Send the appeal as a JSON object.');
  const { title, text, ...extras } = patch as Record<string, unknown>;
  await ctx.db.transaction().execute(async (trx) => {
    if (title !== undefined || text !== undefined) {
      const current = await readSiteAppeal(trx);
      const t = title === undefined ? current.title : typeof title === 'string' ? title.trim() : null;
      const x = text === undefined ? current.text : typeof text === 'string' ? text.trim() : null;
      if (t === null || t.length > 200) throw badInput('The appeal title must be text of at most 200 characters.', 'title');
      if (x === null || x.length > 2000) throw badInput('The appeal text must be text of at most 2,000 characters.', 'text');
      const value = JSON.stringify({ title: t, text: x });
      await trx.insertInto('settings').values({ key: SITE_APPEAL_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    }
    if (Object.keys(extras).length) {
      const merged = mergeFunding(await readFundingSettings(trx, true), { appeal: extras });
      await writeFundingSettings(trx, merged);
    }
  });
  forgetFundingSettings(ctx.db);
  ctx.invalidate([FUNDING_TAG, 'settings', 'layout']);
  return readAppealSettings(ctx);
}

/** Switches the "Liked this article?" variant of the appeal on or off for one article. */
export async function setArticleAppeal(ctx: Ctx, articleId: number, on: unknown, now = new Date()): Promise<{ articleId: number; variant: boolean }> {
  if (typeof on !== 'boolean') throw badInput('Send {"variant": true} or {"variant": false}.', 'variant');
  const a = await ctx.db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
  if (!a) throw badInput(`There is no article ${articleId}.`, 'articleId');
  if (on) {
    await ctx.db.insertInto('funding_article_appeals').values({ article_id: articleId, updated_at: now.toISOString() }).onConflict((oc) => oc.column('article_id').doNothing()).execute();
  } else {
    await ctx.db.deleteFrom('funding_article_appeals').where('article_id', '=', articleId).execute();
  }
  ctx.invalidate([`article:${articleId}`]);
  return { articleId, variant: on };
}
