import type { Ctx } from '../../../platform/context/index.js';
import { badInput, notFound } from '../../../platform/http/errors.js';
import { toMedia, type Media } from '../queries.js';
import { cleanMediaText, TEXT_LIMITS, type MediaTextField } from './mediaText.js';

export type MediaTextUpdate = Partial<Record<MediaTextField, string>>;

/** Changes an image's alt text, caption or credit; fields left out stay as they are. */
export async function updateMedia(ctx: Ctx, id: number, input: MediaTextUpdate): Promise<Media> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw badInput('Send an object with alt, caption or credit.');
  const fields = Object.keys(TEXT_LIMITS) as MediaTextField[];
  const unknown = Object.keys(input).filter((k) => !(fields as string[]).includes(k));
  if (unknown.length) throw badInput(`Only alt, caption and credit can be changed (not ${unknown.join(', ')}).`, unknown[0]);
  const set: MediaTextUpdate = {};
  for (const f of fields) if (input[f] !== undefined) set[f] = cleanMediaText(f, input[f]);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const q = Object.keys(set).length
      ? trx.updateTable('media').set(set).where('id', '=', id).returningAll()
      : trx.selectFrom('media').selectAll().where('id', '=', id);
    return q.executeTakeFirst();
  });
  if (!row) throw notFound(`There is no image ${id} in the media library.`);
  return toMedia(row);
}
