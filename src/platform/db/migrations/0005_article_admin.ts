// The editorial admin for articles: a revision counter and a trash on articles, the revision history
// (saves, autosaves, refused conflicting saves, restores) and the Content API's keys.
import { sql, type Kysely } from 'kysely';
import { idColumn, refType, timeType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  const ref = refType(db);

  // The revision an editor loaded travels back with the save: a stale one is refused, never overwrites.
  await db.schema.alterTable('articles').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('articles').addColumn('trashed_at', time).execute();
  await db.schema.createIndex('articles_trashed_idx').on('articles').column('trashed_at').execute();

  await db.schema
    .createTable('revisions')
    .addColumn(...idColumn(db))
    .addColumn('article_id', ref, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('save', 'autosave', 'conflict', 'restore')`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    // The staff user who wrote it (no foreign key: the history outlives accounts), and their name then.
    .addColumn('author_user_id', ref)
    .addColumn('author_name', 'text', (c) => c.notNull().defaultTo(''))
    // JSON: headline, kicker, standfirst, body_html, slug, tags, primary_tag_id, authors, status, published_at.
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('revisions_article_idx').on('revisions').columns(['article_id', 'id']).execute();
  await db.schema.createIndex('revisions_autosave_idx').on('revisions').columns(['article_id', 'kind', 'author_user_id']).execute();

  await db.schema
    .createTable('api_keys')
    .addColumn(...idColumn(db))
    .addColumn('name', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the key: the key itself is shown once, at creation, and never stored.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    // The key's first characters, so that a person can tell keys apart in the list.
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_used_at', time)
    .addColumn('revoked_at', time)
    .execute();
}
