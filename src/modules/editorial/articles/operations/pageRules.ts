// Page rules shared by the page operations.
import { badInput } from '../../../../platform/http/errors.js';
import { checkSlug } from '../../../content/slug.js';

export interface PageFields {
  title: string;
  slug?: string;
  bodyHtml?: string;
  status?: 'draft' | 'published';
  position?: number;
}

// The same rule content's savePage applies (kept in step with it): these slugs are the site's own URLs.
const RESERVED = ['page', 'tag', 'author', 'feed', 'admin', 'api', 'assets', 'search', 'comments', 'webhooks'];

export function checkPageSlug(slug: string): void {
  if (!checkSlug(slug)) throw badInput('The slug may hold only lowercase letters, digits and single hyphens.', 'slug');
  if (/^\d{4}$/.test(slug) || RESERVED.includes(slug)) throw badInput(`"${slug}" is kept for the site's own URLs; choose another slug.`, 'slug');
}
