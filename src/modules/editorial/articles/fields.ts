// The editable fields of an article as a revision keeps them (stored keys), and as the API speaks them.
import type { ArticleStatus } from '../../content/tables.js';
import type { ArticleInput, CleanArticle } from '../../content/operations/articleInput.js';

/** What a revision row's `fields` JSON holds. Autosaves may hold only some of them. */
export interface RevisionFields {
  headline: string;
  kicker: string;
  standfirst: string;
  body_html: string;
  slug: string;
  /** Tag ids in order, the primary tag (if any) first. */
  tags: number[];
  primary_tag_id: number | null;
  /** Author ids in byline order. */
  authors: number[];
  status: ArticleStatus;
  published_at: string | null;
  sticky: boolean;
}

/** The same, as the API names them. */
export interface ArticleFields {
  headline: string;
  kicker: string;
  standfirst: string;
  bodyHtml: string;
  slug: string;
  tagIds: number[];
  primaryTagId: number | null;
  authorIds: number[];
  status: ArticleStatus;
  publishedAt: string | null;
  /** First on the home page's first page (WordPress's "Stick to the top of the front page"). */
  sticky: boolean;
}

export const FIELD_NAMES = ['headline', 'kicker', 'standfirst', 'bodyHtml', 'slug', 'tagIds', 'primaryTagId', 'authorIds', 'status', 'publishedAt', 'sticky'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

const TO_STORED: Record<FieldName, keyof RevisionFields> = {
  headline: 'headline',
  kicker: 'kicker',
  standfirst: 'standfirst',
  bodyHtml: 'body_html',
  slug: 'slug',
  tagIds: 'tags',
  primaryTagId: 'primary_tag_id',
  authorIds: 'authors',
  status: 'status',
  publishedAt: 'published_at',
  sticky: 'sticky',
};

export function fromClean(a: CleanArticle): RevisionFields {
  return {
    headline: a.headline,
    kicker: a.kicker,
    standfirst: a.standfirst,
    body_html: a.body_html,
    slug: a.slug,
    tags: a.tagIds,
    primary_tag_id: a.primaryTagId,
    authors: a.authorIds,
    status: a.status,
    published_at: a.published_at,
    sticky: a.sticky === true,
  };
}

export function storedToApi(f: Partial<RevisionFields>): Partial<ArticleFields> {
  const out: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    const v = f[TO_STORED[name]];
    if (v !== undefined) out[name] = v;
  }
  return out as Partial<ArticleFields>;
}

export function apiToStored(f: Partial<ArticleFields>): Partial<RevisionFields> {
  const out: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    const v = f[name];
    if (v !== undefined) out[TO_STORED[name]] = v;
  }
  return out as Partial<RevisionFields>;
}

export function parseFields(json: string): Partial<RevisionFields> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Partial<RevisionFields>) : {};
  } catch {
    return {};
  }
}

/** An ArticleInput for content's operations: `patch` over `base`. */
export function toInput(base: ArticleFields, patch: Partial<ArticleFields> = {}): ArticleInput {
  const f = { ...base, ...patch };
  return {
    headline: f.headline,
    kicker: f.kicker,
    standfirst: f.standfirst,
    bodyHtml: f.bodyHtml,
    slug: f.slug,
    status: f.status,
    publishedAt: f.publishedAt,
    authorIds: f.authorIds,
    primaryTagId: f.primaryTagId,
    tagIds: f.tagIds,
    sticky: f.sticky,
  };
}
