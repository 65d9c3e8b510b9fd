// Column types that differ between engines. Migrations use these and never import module code.
import { sql, type Kysely, type ColumnDefinitionBuilder, PostgresAdapter } from 'kysely';
import type { ColumnDataType, Expression } from 'kysely';

type DataTypeExpression = ColumnDataType | Expression<any>;

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Auto-increment integer primary key. */
export function idColumn(db: Kysely<any>): ['id', DataTypeExpression, (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return isPostgres(db)
    ? ['id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()]
    : ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

/** A UTC instant: timestamptz on PostgreSQL, ISO 8601 text on SQLite. */
export function timeType(db: Kysely<any>) {
  return isPostgres(db) ? sql`timestamptz` : sql`text`;
}

/** Foreign key column type matching idColumn. */
export function refType(db: Kysely<any>) {
  return isPostgres(db) ? sql`bigint` : sql`integer`;
}
