// Shapes the admin API answers with, and small loaders shared by several screens.
import { get } from './api.ts';

export type ArticleStatus = 'draft' | 'scheduled' | 'published';

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
  /** First on the home page's first page. */
  sticky: boolean;
}

export interface AdminArticle extends ArticleFields {
  id: number;
  revision: number;
  createdAt: string;
  updatedAt: string;
  wordCount: number;
  readingMinutes: number;
  trashedAt: string | null;
  path: string | null;
  autosave: { fields: Partial<ArticleFields>; createdAt: string; revision: number } | null;
}

export interface ArticleSummary {
  id: number;
  headline: string;
  kicker: string;
  status: ArticleStatus;
  slug: string;
  path: string | null;
  authors: { id: number; name: string }[];
  tags: { id: number; name: string }[];
  publishedAt: string | null;
  updatedAt: string;
  revision: number;
  trashedAt: string | null;
  sticky: boolean;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

export interface Tag {
  id: number;
  slug: string;
  name: string;
  description: string;
  isRegion: boolean;
}

export interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string;
}

/** A list answer may be a bare array or an object holding it under its name (or `items`). */
export function listOf<T>(answer: unknown, name: string): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (answer && typeof answer === 'object') {
    const o = answer as Record<string, unknown>;
    const v = o[name] ?? o.items;
    if (Array.isArray(v)) return v as T[];
  }
  return [];
}

/** A single-item answer may be bare or wrapped under its name. */
export function itemOf<T>(answer: unknown, name: string): T {
  if (answer && typeof answer === 'object' && name in (answer as object)) return (answer as Record<string, T>)[name]!;
  return answer as T;
}

function normTag(t: Tag & { is_region?: number | boolean }): Tag {
  return { ...t, isRegion: Boolean(t.isRegion ?? t.is_region) };
}

export async function loadTags(signal?: AbortSignal): Promise<Tag[]> {
  const r = await get(`/api/admin/tags`, signal ? { signal } : {});
  return listOf<Tag>(r, 'tags').map(normTag);
}

export async function loadAuthors(signal?: AbortSignal): Promise<Author[]> {
  const r = await get(`/api/admin/authors`, signal ? { signal } : {});
  return listOf<Author>(r, 'authors');
}

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  published: 'Published',
  trash: 'In the trash',
};

export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}
