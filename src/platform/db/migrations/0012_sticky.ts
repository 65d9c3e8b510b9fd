// Sticky articles, as WordPress has them: the first page of the home page shows them before the rest.
// 0 or 1 on both engines, as tags.is_region. The index finds the few sticky rows without reading the others.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('articles_sticky_idx').on('articles').columns(['sticky', 'published_at']).execute();
}
