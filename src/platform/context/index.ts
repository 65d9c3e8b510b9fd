// What operations need from the platform: the database, and a way to say which cached pages a change touched.
import type { Db, Engine } from '../db/index.js';

export interface Ctx {
  db: Db;
  engine: Engine;
  /** Called after a commit with the cache tags the change touched. */
  invalidate(tags: string[]): void;
}

export function plainCtx(db: Db, engine: Engine): Ctx {
  return { db, engine, invalidate: () => {} };
}
