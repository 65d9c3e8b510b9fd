// import_map: what each imported thing became here, read and written inside the import's transactions.
import type { Db } from '../../platform/db/index.js';
import type { MapKind } from './tables.js';

export interface MapRow {
  source: string;
  kind: MapKind;
  wp_id: string;
  local_id: number | null;
  hash: string;
  revision: number | null;
  extra: string | null;
}

function row(r: MapRow & { updated_at?: string }): MapRow {
  return { ...r, local_id: r.local_id === null ? null : Number(r.local_id), revision: r.revision === null ? null : Number(r.revision) };
}

export async function mapGet(db: Db, source: string, kind: MapKind, wpId: string): Promise<MapRow | null> {
  const r = await db.selectFrom('import_map').selectAll().where('source', '=', source).where('kind', '=', kind).where('wp_id', '=', wpId).executeTakeFirst();
  return r ? row(r) : null;
}

export async function mapGetMany(db: Db, source: string, kind: MapKind, wpIds: string[]): Promise<Map<string, MapRow>> {
  const out = new Map<string, MapRow>();
  const ids = [...new Set(wpIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('import_map').selectAll().where('source', '=', source).where('kind', '=', kind).where('wp_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.wp_id, row(r));
  }
  return out;
}

export async function mapPut(db: Db, rows: MapRow[], now: string): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400).map((r) => ({ ...r, updated_at: now }));
    await db
      .insertInto('import_map')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['source', 'kind', 'wp_id']).doUpdateSet((eb) => ({
          local_id: eb.ref('excluded.local_id'),
          hash: eb.ref('excluded.hash'),
          revision: eb.ref('excluded.revision'),
          extra: eb.ref('excluded.extra'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
