// PostgreSQL only: broadside_search_rank() made again from its current text (RANK_FUNCTION, kept in migration
// 0015), for databases that ran 0015 before the function changed. `create or replace` leaves a database that
// already has this text as it was. Since 0015: no JIT compilation inside the function, and the filtered
// branch joins articles on `article_id + 0` so that it reads the GIN index rather than every vector.
// A later change to the function adds a migration like this one.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';
import { RANK_FUNCTION } from './0015_search_rank_function.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(RANK_FUNCTION).execute(db);
}
