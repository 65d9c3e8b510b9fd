// Module settings kept as one JSON object a module in the `settings` table: read through a short memo (every
// request may read them; they change rarely), and parsed value by value over the defaults, so that a stored
// value that no longer validates (after an upgrade, say) falls back to its default and spoils nothing else.
import type { Db } from './db/index.js';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface StoredSettings<T> {
  /** The settings, at most ttlMs old (fresh: read the row now). */
  read(db: Db, fresh?: boolean): Promise<T>;
  /** Writes the whole object (in the caller's transaction, if `db` is one). */
  write(db: Db, value: T): Promise<void>;
  /** Forgets this process's copy: the next read goes to the database. */
  forget(db: Db): void;
}

export function storedSettings<T>(key: string, defaults: T, merge: (current: T, patch: Record<string, unknown>) => T, ttlMs = 5000): StoredSettings<T> {
  const memo = new WeakMap<Db, { value: T; at: number }>();
  const parse = (raw: string | undefined): T => {
    if (!raw) return defaults;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      return defaults;
    }
    if (!isObject(obj)) return defaults;
    let s = defaults;
    for (const [k, v] of Object.entries(obj)) {
      try {
        s = merge(s, { [k]: v });
      } catch {
        /* a stored value that no longer validates keeps its default */
      }
    }
    return s;
  };
  return {
    async read(db, fresh = false) {
      const m = memo.get(db);
      if (!fresh && m && Date.now() - m.at < ttlMs) return m.value;
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      const value = parse(row?.value);
      memo.set(db, { value, at: Date.now() });
      return value;
    },
    async write(db, value) {
      const json = JSON.stringify(value);
      await db.insertInto('settings').values({ key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
    },
    forget(db) {
      memo.delete(db);
    },
  };
}
