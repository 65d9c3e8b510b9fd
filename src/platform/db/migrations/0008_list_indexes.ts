// Lists, counts and the archive sidebar read status, dates, trash and month of many articles. In a row those
// come after body_html, so without an index holding them apart each row read walks the body's pages
// (measured on 10,000 articles: archive months 65–160 ms → under 5 ms).
// article_related keeps each article's related articles, computed by a job after a change rather than while a
// reader waits for the page (finding them scores the whole archive: over 100 ms on 10,000 articles).
import type { Kysely } from 'kysely';
import { refType, timeType } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('articles_visible_list_idx')
    .on('articles')
    .columns(['status', 'published_at', 'trashed_at', 'month_key', 'id'])
    .execute();
  await db.schema
    .createTable('article_related')
    .addColumn('article_id', refType(db), (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('ids', 'text', (c) => c.notNull())
    .addColumn('computed_at', timeType(db), (c) => c.notNull())
    .execute();
}
