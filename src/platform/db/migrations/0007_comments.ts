// Comments under articles, and the per-article override of whether comments are open.
//   comments         one row per comment; author_email is kept for moderation and notification only (never shown);
//                    content_hash finds duplicates; avatar_seed is a salted hash (never the address) for identicons;
//                    notify: 'none' | 'pending' (double opt-in mail sent) | 'confirmed' (mailed on replies).
//   comment_threads  an article's comments opened or closed by hand (no row: open until the auto-close age).
// Settings and the signing secret live in `settings` under keys starting with 'comments.'.
import { sql, type Kysely } from 'kysely';
import { idColumn, refType, timeType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  const time = timeType(db);
  const ref = refType(db);

  await db.schema
    .createTable('comments')
    .addColumn(...idColumn(db))
    .addColumn('article_id', ref, (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', ref, (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'spam', 'trash')`))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('author_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('avatar_seed', 'text', (c) => c.notNull())
    .addColumn('notify', 'text', (c) => c.notNull().defaultTo('none').check(sql`notify in ('none', 'pending', 'confirmed')`))
    .addColumn('held_for', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('status_changed_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_article_status_idx').on('comments').columns(['article_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('comments_status_created_idx').on('comments').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('comments_ip_created_idx').on('comments').columns(['ip', 'created_at']).execute();
  await db.schema.createIndex('comments_email_created_idx').on('comments').columns(['author_email', 'created_at']).execute();
  await db.schema.createIndex('comments_article_hash_idx').on('comments').columns(['article_id', 'content_hash']).execute();
  await db.schema.createIndex('comments_parent_idx').on('comments').column('parent_id').execute();

  await db.schema
    .createTable('comment_threads')
    .addColumn('article_id', ref, (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('open', 'closed')`))
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
}
