import type { Ctx } from '../../../platform/context/index.js';
import { notFound } from '../../../platform/http/errors.js';
import type { MediaStore } from '../store.js';
import { toMedia } from '../queries.js';
import { mediaKeys } from './uploadImage.js';

/**
 * Removes an image and all its files. The files go inside the transaction that deletes the row: if one cannot
 * be removed, the row stays (pointing at what is left) and the deletion can simply be tried again.
 */
export async function deleteMedia(ctx: Ctx, store: MediaStore, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('media').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound(`There is no image ${id} in the media library.`);
    for (const key of mediaKeys(toMedia(row))) await store.delete(key);
  });
}
