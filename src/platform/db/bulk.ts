// Multi-row INSERTs for bulk writers (the WordPress import), without the query builder: Kysely builds and
// compiles a tree for every value, which for a 400-row statement of 17 columns costs more than SQLite takes
// to insert the rows. The statement's text is made once per shape (table, columns, row count, engine), so
// SQLite's statement cache (index.ts) prepares it once too. Values are bound as they are, as Kysely binds them.
import { CompiledQuery, type Insertable } from 'kysely';
import type { Database } from './schema.js';
import type { Db, Engine } from './index.js';

const texts = new Map<string, string>();

function statement(engine: Engine, table: string, columns: string[], rows: number): string {
  const key = `${engine}\u0000${table}\u0000${columns.join(',')}\u0000${rows}`;
  let text = texts.get(key);
  if (text === undefined) {
    const quoted = columns.map((c) => `"${c}"`).join(', ');
    let n = 0;
    const tuple = () => `(${columns.map(() => (engine === 'postgres' ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into "${table}" (${quoted}) values ${Array.from({ length: rows }, tuple).join(', ')}`;
    if (texts.size > 200) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/**
 * Inserts the rows, `perStatement` at a time. Every row must have the same columns as the first, none of them
 * undefined (a column left out would be a column's default in Kysely; here it is a mistake, and refused).
 */
export async function insertRows<T extends keyof Database & string>(db: Db, engine: Engine, table: T, rows: Insertable<Database[T]>[], perStatement: number): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    for (const row of chunk) {
      const r = row as Record<string, unknown>;
      for (const c of columns) {
        const v = r[c];
        if (v === undefined) throw new Error(`insertRows(${table}): the column ${c} has no value in a row`);
        params.push(v);
      }
      if (Object.keys(r).length !== columns.length) throw new Error(`insertRows(${table}): the rows do not all have the same columns`);
    }
    await db.executeQuery(CompiledQuery.raw(statement(engine, table, columns, chunk.length), params));
  }
}
