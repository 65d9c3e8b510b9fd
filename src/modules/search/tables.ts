// Row types of the search module's tables (migration 0006_search). One engine has each index table:
// `article_fts` and `article_strong_fts` (SQLite FTS5, contentless, rowid = article id) or `article_search`
// (PostgreSQL tsvector).
export interface ArticleFtsTable {
  rowid: number;
  headline: string;
  kicker: string;
  standfirst: string;
  body: string;
  tags: string;
  authors: string;
}

/** Migration 0013: the strong fields alone (SQLite), for ranking very common words quickly. */
export interface ArticleStrongFtsTable {
  rowid: number;
  headline: string;
  kicker: string;
  standfirst: string;
  tags: string;
}

export interface ArticleSearchTable {
  article_id: number;
  /** tsvector: A headline, B kicker, standfirst and tags, C body, D authors. Written only through SQL. */
  document: unknown;
}

/** Migration 0013: the A and B parts of article_search.document alone, in rows of their own (PostgreSQL). */
export interface ArticleSearchStrongTable {
  article_id: number;
  strong: unknown;
}

/** Migration 0014: article_search's rows of the newest articles (ids within RECENT_IDS of the highest), PostgreSQL. */
export interface ArticleSearchRecentTable {
  article_id: number;
  document: unknown;
}

export interface SearchStateTable {
  key: string;
  value: string;
}

/** Migration 0008: each article's related articles, as a JSON array of ids, best first. */
export interface ArticleRelatedTable {
  article_id: number;
  ids: string;
  computed_at: string;
}

export interface SearchTables {
  article_related: ArticleRelatedTable;
  article_fts: ArticleFtsTable;
  article_strong_fts: ArticleStrongFtsTable;
  article_search: ArticleSearchTable;
  article_search_strong: ArticleSearchStrongTable;
  article_search_recent: ArticleSearchRecentTable;
  search_state: SearchStateTable;
}
