// Validation of an article as an editor or importer submits it; one clear message per bad field.
import { badInput } from '../../../platform/http/errors.js';
import { sanitizeHtml } from '../../../platform/html/sanitizer.js';
import type { ArticleStatus } from '../tables.js';
import { checkSlug, slugify } from '../slug.js';
import { monthKeyOf, toIso } from '../dates.js';

export interface ArticleInput {
  headline: string;
  kicker?: string;
  standfirst?: string;
  bodyHtml?: string;
  slug?: string;
  status: ArticleStatus;
  /** Required for scheduled; defaults to now when publishing. */
  publishedAt?: string | null;
  authorIds: number[];
  primaryTagId?: number | null;
  tagIds?: number[];
  /** First on the home page's first page. Left out: a new article is not sticky, a saved one keeps what it was. */
  sticky?: boolean;
}

export interface CleanArticle {
  headline: string;
  kicker: string;
  standfirst: string;
  body_html: string;
  slug: string;
  status: ArticleStatus;
  published_at: string | null;
  month_key: string | null;
  word_count: number;
  authorIds: number[];
  primaryTagId: number | null;
  tagIds: number[];
  sticky: boolean | undefined;
}

const STATUSES: ArticleStatus[] = ['draft', 'scheduled', 'published'];

export function cleanArticle(input: ArticleInput, now: string): CleanArticle {
  const headline = oneLine(input.headline);
  if (!headline) throw badInput('The headline is empty.', 'headline');
  if (headline.length > 300) throw badInput('The headline is longer than 300 characters.', 'headline');
  const kicker = oneLine(input.kicker ?? '');
  if (kicker.length > 80) throw badInput('The kicker is longer than 80 characters.', 'kicker');
  const standfirst = oneLine(input.standfirst ?? '');
  if (standfirst.length > 1000) throw badInput('The standfirst is longer than 1,000 characters.', 'standfirst');
  if (!STATUSES.includes(input.status)) throw badInput(`Status must be one of ${STATUSES.join(', ')}.`, 'status');

  const slug = input.slug?.trim() ? input.slug.trim().toLowerCase() : slugify(headline);
  if (!checkSlug(slug)) throw badInput('The slug may hold only lowercase letters, digits and single hyphens (at most 200).', 'slug');

  let publishedAt: string | null = null;
  if (input.publishedAt) {
    publishedAt = toIso(input.publishedAt);
    if (!publishedAt) throw badInput(`"${input.publishedAt}" is not a date and time.`, 'publishedAt');
  }
  if (input.status === 'published' && !publishedAt) publishedAt = now;
  if (input.status === 'scheduled' && !publishedAt) throw badInput('A scheduled article needs a publication time.', 'publishedAt');
  // "Published" with a time still to come is scheduled: stored as such, so that the cache learns when it comes out.
  const status: ArticleStatus = input.status === 'published' && publishedAt! > now ? 'scheduled' : input.status;

  const authorIds = [...new Set(input.authorIds)];
  if (authorIds.length === 0) throw badInput('An article needs at least one author.', 'authorIds');
  const primaryTagId = input.primaryTagId ?? null;
  const tagIds = [...new Set([...(primaryTagId !== null ? [primaryTagId] : []), ...(input.tagIds ?? [])])];

  const body = sanitizeHtml(input.bodyHtml ?? '');
  return {
    headline,
    kicker,
    standfirst,
    body_html: body,
    slug,
    status,
    published_at: publishedAt,
    month_key: status === 'draft' || !publishedAt ? null : monthKeyOf(publishedAt),
    word_count: countWords(body),
    authorIds,
    primaryTagId,
    tagIds,
    sticky: input.sticky === undefined ? undefined : input.sticky === true,
  };
}

function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export function countWords(html: string): number {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}
