// Row types of the content module's tables. Times are ISO 8601 UTC strings on both engines.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type ArticleStatus = 'draft' | 'scheduled' | 'published';

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  created_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  is_region: number; // 0 or 1 on both engines
  created_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  kicker: string;
  headline: string;
  standfirst: string;
  body_html: string;
  status: ArticleStatus;
  /** 'YYYY-MM' of published_at: slugs are unique within it. Null until a date is set. */
  month_key: string | null;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  primary_tag_id: number | null;
  word_count: number;
  /** Counts saves: an editor's save names the revision it started from (editorial articles admin). */
  revision: Generated<number>;
  /** Set while the article is in the trash: never public then. */
  trashed_at: string | null;
  /** 1: shown first on the home page's first page (WordPress's sticky posts); 0 otherwise. */
  sticky: Generated<number>;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface PagesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  body_html: string;
  status: 'draft' | 'published';
  position: number;
  updated_at: string;
  created_at: string;
}

export interface RedirectsTable {
  id: Generated<number>;
  from_path: string;
  /** Null with status 410: the thing is gone for good. */
  to_path: string | null;
  status: number;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ContentTables {
  authors: AuthorsTable;
  tags: TagsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  pages: PagesTable;
  redirects: RedirectsTable;
  settings: SettingsTable;
}

export type Article = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type Author = Selectable<AuthorsTable>;
export type Tag = Selectable<TagsTable>;
export type Page = Selectable<PagesTable>;
