// Who may do what to an article, asked of the editorial module's can(). Operations call these, so the rules
// hold the same for a single request, a bulk action or a future caller.
import { AppError } from '../../../platform/http/errors.js';
import { can, type Action, type Staff } from '../index.js';

/** The person doing something: the signed-in staff member. */
export type Actor = Pick<Staff, 'id' | 'name' | 'role' | 'authorId'>;

export const forbidden = (message: string) => new AppError('BROADSIDE_E_FORBIDDEN', message);

const WHAT: Partial<Record<Action, string>> = {
  'article.create': 'write articles',
  'article.edit': 'edit this article (it is not one of yours)',
  'article.publish': 'publish, schedule or unpublish this article',
  'article.delete': 'move this article to the trash, restore it or delete it',
  'taxonomy.manage': 'manage tags, authors and pages',
  'settings.manage': 'change the site settings or Content API keys',
  'users.manage': 'manage staff accounts',
};

export function requireCan(actor: Actor, action: Action, subject?: { authorIds: readonly number[] }): void {
  if (!can(actor, action, subject)) throw forbidden(`Your role (${actor.role}) may not ${WHAT[action] ?? action}.`);
}

/** Editors and above see every article; contributors and authors only those under their own byline. */
export function seesAll(actor: Actor): boolean {
  return can(actor, 'article.edit', { authorIds: [] });
}

export function isPublicStatus(status: string): boolean {
  return status === 'published' || status === 'scheduled';
}
