// Ids for rows a bulk write is about to insert, taken before the insert so that rows can refer to each other
// (a reply to its parent) within one multi-row statement. PostgreSQL: from the table's identity sequence, safe
// with any number of writers. SQLite: past the highest id ever given (AUTOINCREMENT's sqlite_sequence); the
// caller's transaction must already hold the write lock (have written) so that no one else inserts meanwhile.
import { sql } from 'kysely';
import type { Db, Engine } from './index.js';

export async function reserveIds(trx: Db, engine: Engine, table: string, n: number): Promise<number[]> {
  if (n <= 0) return [];
  if (engine === 'postgres') {
    const r = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${n})`.execute(trx);
    return r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
  }
  const r = await sql<{ top: number | null }>`select max(v) as top from (
      select max(id) as v from ${sql.table(table)}
      union all select seq as v from sqlite_sequence where name = ${table}
    )`.execute(trx);
  const from = Number(r.rows[0]?.top ?? 0) + 1;
  return Array.from({ length: n }, (_, i) => from + i);
}

/** Takes SQLite's write lock now (a write that changes nothing); a no-op on PostgreSQL. */
export async function lockForWriting(trx: Db, engine: Engine): Promise<void> {
  if (engine === 'sqlite') await sql`update sqlite_sequence set seq = seq where 0`.execute(trx);
}
