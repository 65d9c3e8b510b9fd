// One migration set for both engines. Kysely runs a batch in one transaction on both (transactional DDL),
// so a failed migration leaves the schema as it was.
import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as m0001 from './migrations/0001_content.js';

export const migrations: Record<string, Migration> = {
  '0001_content': m0001,
};

export class MigrationFailed extends Error {
  constructor(readonly migration: string | undefined, cause: unknown) {
    super(`Migration ${migration ?? '(unknown)'} failed and was rolled back: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'MigrationFailed';
  }
}

export async function migrateToLatest(db: Kysely<any>, set: Record<string, Migration> = migrations): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => set };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationFailed(failed?.migrationName, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
