// Roles, their order, and what each may do. Everything that asks "may this person…?" asks can().
import { ROLES, type Role } from './tables.js';

export { ROLES, type Role };

/** The signed-in staff member, as routes see it (request.staff). */
export interface Staff {
  id: number;
  name: string;
  email: string;
  role: Role;
  authorId: number;
}

export type Action =
  | 'article.create'
  | 'article.edit'
  | 'article.publish'
  | 'article.delete'
  | 'comments.moderate'
  | 'users.manage'
  | 'settings.manage'
  | 'money.manage'
  | 'media.upload'
  | 'taxonomy.manage';

/** What an article-level check needs to know: whose byline the article carries. */
export interface ArticleSubject {
  authorIds: readonly number[];
}

const RANK: Record<Role, number> = { contributor: 1, author: 2, editor: 3, administrator: 4, owner: 5 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `min` or above it. */
export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

function owns(staff: Pick<Staff, 'authorId'>, subject: ArticleSubject | undefined): boolean {
  return !!subject && Array.isArray(subject.authorIds) && subject.authorIds.includes(staff.authorId);
}

/**
 * May `staff` do `action` (to `subject`)?
 * - contributor: writes drafts and edits their own; never publishes or deletes.
 * - author: also publishes, deletes and uploads media for their own articles.
 * - editor: edits, publishes and deletes every article, moderates comments, manages tags.
 * - administrator: also users, settings and money. owner: everything an administrator may.
 * An article check without a subject (unknown byline) is refused for anyone below editor.
 */
export function can(staff: Pick<Staff, 'role' | 'authorId'> | null | undefined, action: Action, subject?: ArticleSubject): boolean {
  if (!staff || !isRole(staff.role)) return false;
  const r = staff.role;
  switch (action) {
    case 'article.create':
      return true;
    case 'article.edit':
      return atLeast(r, 'editor') || owns(staff, subject);
    case 'article.publish':
    case 'article.delete':
      return atLeast(r, 'editor') || (r === 'author' && owns(staff, subject));
    case 'media.upload':
      return atLeast(r, 'author');
    case 'comments.moderate':
    case 'taxonomy.manage':
      return atLeast(r, 'editor');
    case 'users.manage':
    case 'settings.manage':
    case 'money.manage':
      return atLeast(r, 'administrator');
    default:
      return false;
  }
}
