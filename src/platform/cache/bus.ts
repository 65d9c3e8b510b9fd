// Telling the other processes which cached pages a change touched. Each process keeps its own page cache; a
// change made in one (an editor's save in one app process, a job in `broadside worker`, an import from the
// shell) must reach the others at once, or they serve stale pages. PostgreSQL: NOTIFY on a channel every
// process LISTENs on. SQLite (processes on one machine): rows in cache_events, read every half second.
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { sql } from 'kysely';
import { pgClient, type DbHandle } from '../db/index.js';

export const CHANNEL = 'broadside_cache';
/** NOTIFY payloads must stay under 8,000 bytes: longer lists of tags become "everything". */
const MAX_PAYLOAD = 7000;
const POLL_MS = 500;
/** SQLite rows older than this are removed: every process has read them long before. */
const KEEP_MS = 5 * 60 * 1000;

export const EVERYTHING = '*';

export interface InvalidationBus {
  /** Tells the other processes; never throws (a failure is reported to onError). */
  publish(tags: string[]): Promise<void>;
  /** Starts listening: onTags gets the tags of every change made by another process. */
  listen(onTags: (tags: string[]) => void): Promise<void>;
  close(): Promise<void>;
}

interface Message {
  origin: string;
  tags: string[];
}

function encode(origin: string, tags: string[]): string {
  const text = JSON.stringify({ origin, tags });
  return text.length <= MAX_PAYLOAD ? text : JSON.stringify({ origin, tags: [EVERYTHING] });
}

function decode(text: string): Message | null {
  try {
    const m = JSON.parse(text) as Partial<Message>;
    return typeof m.origin === 'string' && Array.isArray(m.tags) && m.tags.every((t) => typeof t === 'string') ? (m as Message) : null;
  } catch {
    return null;
  }
}

export function openBus(handle: DbHandle, opts: { databaseUrl: string | null; onError?: (err: unknown) => void }): InvalidationBus {
  const origin = randomUUID();
  const onError = opts.onError ?? (() => {});
  if (handle.engine === 'postgres' && opts.databaseUrl) return postgresBus(handle, opts.databaseUrl, origin, onError);
  return sqliteBus(handle, origin, onError);
}

function postgresBus(handle: DbHandle, databaseUrl: string, origin: string, onError: (err: unknown) => void): InvalidationBus {
  let client: Client | null = null;
  let closed = false;
  return {
    async publish(tags) {
      if (!tags.length) return;
      try {
        await sql`select pg_notify(${CHANNEL}, ${encode(origin, tags)})`.execute(handle.db);
      } catch (err) {
        onError(err);
      }
    },
    async listen(onTags) {
      const connect = async (): Promise<void> => {
        const c = pgClient(databaseUrl);
        c.on('notification', (n) => {
          const m = n.channel === CHANNEL && n.payload ? decode(n.payload) : null;
          if (m && m.origin !== origin) onTags(m.tags);
        });
        // A lost connection may have missed changes: everything is dropped, then listening starts again.
        c.on('error', (err) => {
          onError(err);
          client = null;
          void c.end().catch(() => {});
          if (!closed) {
            onTags([EVERYTHING]);
            setTimeout(() => void connect().catch(onError), 1000).unref();
          }
        });
        await c.connect();
        await c.query(`listen ${CHANNEL}`);
        client = c;
      };
      await connect();
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
      client = null;
    },
  };
}

function sqliteBus(handle: DbHandle, origin: string, onError: (err: unknown) => void): InvalidationBus {
  let timer: NodeJS.Timeout | null = null;
  let lastId = 0;
  let lastCleanup = 0;
  return {
    async publish(tags) {
      if (!tags.length) return;
      try {
        const at = new Date().toISOString();
        await handle.db.insertInto('cache_events').values({ origin, tags: encode(origin, tags), created_at: at }).execute();
        if (Date.now() - lastCleanup > KEEP_MS) {
          lastCleanup = Date.now();
          await handle.db.deleteFrom('cache_events').where('created_at', '<', new Date(Date.now() - KEEP_MS).toISOString()).execute();
        }
      } catch (err) {
        onError(err);
      }
    },
    async listen(onTags) {
      // Only what happens from now on: the cache starts empty.
      const top = await handle.db.selectFrom('cache_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
      lastId = Number(top?.id ?? 0);
      let busy = false;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        handle.db
          .selectFrom('cache_events')
          .select(['id', 'origin', 'tags'])
          .where('id', '>', lastId)
          .orderBy('id')
          .execute()
          .then((rows) => {
            for (const r of rows) {
              lastId = Math.max(lastId, Number(r.id));
              const m = r.origin === origin ? null : decode(r.tags);
              if (m) onTags(m.tags);
            }
          })
          .catch(onError)
          .finally(() => (busy = false));
      }, POLL_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
