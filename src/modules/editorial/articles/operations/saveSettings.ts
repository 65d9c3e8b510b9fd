// The site settings people change in the admin, in the `settings` table (one key a row, JSON for lists).
import type { Ctx } from '../../../../platform/context/index.js';
import type { Db } from '../../../../platform/db/index.js';
import { badInput } from '../../../../platform/http/errors.js';
import { findMedia } from '../../../media/index.js';
import { requireCan, type Actor } from '../access.js';

export interface SiteSettings {
  title: string;
  description: string;
  logoMediaId: number | null;
  navigation: { label: string; url: string }[];
  appeal: { title: string; text: string };
}

const KEYS = {
  title: 'site.title',
  description: 'site.description',
  logoMediaId: 'site.logo_media_id',
  navigation: 'site.navigation',
  appeal: 'site.appeal',
} as const;

function json<T>(raw: string | undefined, fallback: T): T {
  if (raw === undefined) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export async function readSettings(db: Db): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).execute();
  const m = new Map(rows.map((r) => [r.key, r.value]));
  const logo = m.get(KEYS.logoMediaId);
  const appeal = json<Partial<SiteSettings['appeal']>>(m.get(KEYS.appeal), {});
  const nav = json<unknown>(m.get(KEYS.navigation), []);
  return {
    title: m.get(KEYS.title) ?? '',
    description: m.get(KEYS.description) ?? '',
    logoMediaId: logo && /^\d+$/.test(logo) ? Number(logo) : null,
    navigation: Array.isArray(nav) ? (nav as SiteSettings['navigation']) : [],
    appeal: { title: appeal.title ?? '', text: appeal.text ?? '' },
  };
}

function checkUrl(url: string, field: string): string {
  const u = url.trim();
  if (/^\/(?!\/)[^\s]*$/.test(u)) return u;
  try {
    const p = new URL(u);
    if ((p.protocol === 'https:' || p.protocol === 'http:') && !/\s/.test(u)) return p.href;
  } catch {
    /* reported below */
  }
  throw badInput(`"${url}" is not a link: use a site path such as /about/ or a full https:// address.`, field);
}

/** Changes the settings given (others keep their values); public pages show the change on the next request. */
export async function saveSettings(ctx: Ctx, actor: Actor, patch: Partial<SiteSettings>): Promise<SiteSettings> {
  requireCan(actor, 'settings.manage');
  const values: [string, string][] = [];
  if (patch.title !== undefined) {
    const t = patch.title.trim();
    if (!t || t.length > 200) throw badInput('The site title must be 1 to 200 characters.', 'title');
    values.push([KEYS.title, t]);
  }
  if (patch.description !== undefined) {
    const d = patch.description.trim();
    if (d.length > 500) throw badInput('The description is longer than 500 characters.', 'description');
    values.push([KEYS.description, d]);
  }
  if (patch.logoMediaId !== undefined) {
    if (patch.logoMediaId !== null) {
      const found = await findMedia(ctx.db, patch.logoMediaId);
      if (!found) throw badInput(`There is no image ${patch.logoMediaId} in the media library.`, 'logoMediaId');
    }
    values.push([KEYS.logoMediaId, patch.logoMediaId === null ? '' : String(patch.logoMediaId)]);
  }
  if (patch.navigation !== undefined) {
    if (patch.navigation.length > 20) throw badInput('The navigation holds at most 20 links.', 'navigation');
    const nav = patch.navigation.map((n, i) => {
      const label = n.label.trim();
      if (!label || label.length > 60) throw badInput(`Link ${i + 1} needs a label of 1 to 60 characters.`, `navigation[${i}].label`);
      return { label, url: checkUrl(n.url, `navigation[${i}].url`) };
    });
    values.push([KEYS.navigation, JSON.stringify(nav)]);
  }
  if (patch.appeal !== undefined) {
    const title = patch.appeal.title.trim();
    const text = patch.appeal.text.trim();
    if (title.length > 200) throw badInput('The appeal title is longer than 200 characters.', 'appeal.title');
    if (text.length > 2000) throw badInput('The appeal text is longer than 2,000 characters.', 'appeal.text');
    values.push([KEYS.appeal, JSON.stringify({ title, text })]);
  }
  if (values.length) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const [key, value] of values) {
        await trx.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      }
    });
    ctx.invalidate(['settings', 'layout']);
  }
  return readSettings(ctx.db);
}
