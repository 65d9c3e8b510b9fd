// Redirect rows left behind when a tag, author or page moves or goes (articles: content's own operations).
import type { Db } from '../../../../platform/db/index.js';

/** `from` now answers 301 to `to`; older redirects to `from` point straight at `to` (no chains). */
export async function leaveRedirect(trx: Db, from: string, to: string, now: string): Promise<void> {
  if (from === to) return;
  await trx.deleteFrom('redirects').where('from_path', '=', to).execute();
  await trx.updateTable('redirects').set({ to_path: to, status: 301 }).where('to_path', '=', from).execute();
  await trx.deleteFrom('redirects').where('from_path', '=', from).execute();
  await trx.insertInto('redirects').values({ from_path: from, to_path: to, status: 301, created_at: now }).execute();
}

/** `path`, and every URL that redirected to it, answers 410 Gone. */
export async function leaveGone(trx: Db, path: string, now: string): Promise<void> {
  await trx.updateTable('redirects').set({ to_path: null, status: 410 }).where('to_path', '=', path).execute();
  await trx.deleteFrom('redirects').where('from_path', '=', path).execute();
  await trx.insertInto('redirects').values({ from_path: path, to_path: null, status: 410, created_at: now }).execute();
}

/** Something new lives at `path`: whatever redirect was there gives way. */
export async function clearRedirect(trx: Db, path: string): Promise<void> {
  await trx.deleteFrom('redirects').where('from_path', '=', path).execute();
}
