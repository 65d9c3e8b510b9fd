import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/index.js';
import { loadDocuments, NEXT_TABLES, writeDocuments } from '../document.js';
import { engineOf } from '../engine.js';

/** article_search's partitions (migration 0016): one GIN index built on each core of a two-core machine. */
const PARTS = [0, 1] as const;

export interface RebuildProgress {
  done: number;
  total: number;
  indexed: number;
}

export interface RebuildOptions {
  batchSize?: number;
  onProgress?: (p: RebuildProgress) => void;
  /** Stops between two batches (the server closing); the index stays usable, the flag stays set. */
  signal?: AbortSignal;
}

/**
 * Rebuilds the whole index from the articles, in batches of ids, printing progress through onProgress. The
 * site's searches keep working throughout and saves made meanwhile are not lost (see each engine below).
 * Clears the "reindex needed" flag at the end.
 */
export async function rebuildSearchIndex(db: Db, opts: RebuildOptions = {}): Promise<RebuildProgress> {
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 500, 5000));
  const { n } = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const progress: RebuildProgress = { done: 0, total: Number(n), indexed: 0 };
  if (engineOf(db) === 'postgres') await rebuildPostgres(db, batchSize, progress, opts);
  else await rebuildSqlite(db, batchSize, progress, opts);
  await db.deleteFrom('search_state').where('key', '=', 'reindex_needed').execute();
  return progress;
}

const FTS_TABLES = ['article_fts', 'article_strong_fts'] as const;

/**
 * SQLite: each batch is one transaction that replaces its articles' rows, so readers see the old rows or the
 * new, never none, and saves between batches index themselves as usual. FTS5 merges its segments as it goes
 * (automerge); during a rebuild one merge at the end ('optimize') is far cheaper. Rows of articles that no
 * longer exist are dropped at the end.
 */
async function rebuildSqlite(db: Db, batchSize: number, progress: RebuildProgress, opts: RebuildOptions): Promise<void> {
  for (const t of FTS_TABLES) await sql`insert into ${sql.table(t)} (${sql.ref(t)}, rank) values ('automerge', 0)`.execute(db);
  try {
    let last = 0;
    for (;;) {
      if (opts.signal?.aborted) throw new Error('The index rebuild was stopped before it finished.');
      const batch = (await db.selectFrom('articles').select('id').where('id', '>', last).orderBy('id').limit(batchSize).execute()).map((r) => Number(r.id));
      if (batch.length === 0) break;
      last = batch[batch.length - 1]!;
      const indexed = await db.transaction().execute(async (trx) => {
        // Take SQLite's write lock first, so that the texts read next are the latest.
        await sql`delete from article_fts where rowid in (${sql.join(batch)})`.execute(trx);
        const { docs } = await loadDocuments(trx, batch);
        await writeDocuments(trx, batch, docs);
        return docs.length;
      });
      progress.done += batch.length;
      progress.indexed += indexed;
      if (progress.done > progress.total) progress.total = progress.done;
      opts.onProgress?.({ ...progress });
    }
  } finally {
    for (const t of FTS_TABLES) await sql`insert into ${sql.table(t)} (${sql.ref(t)}, rank) values ('automerge', 4)`.execute(db);
  }
  for (const t of FTS_TABLES) {
    await sql`delete from ${sql.table(t)} where rowid not in (select id from articles)`.execute(db);
    await sql`insert into ${sql.table(t)} (${sql.ref(t)}) values ('optimize')`.execute(db);
  }
}

/**
 * PostgreSQL: keeping a GIN index up to date row by row makes a rebuild of 100,000 articles take minutes, so
 * the rebuild writes fresh tables (documents, strong parts) with no text index, indexes them in one go, and
 * puts them in place of the old ones in a short transaction; searches use the old tables until then. Saves
 * made meanwhile write old and new (writeDocuments), batches read their articles under FOR SHARE (a save in
 * progress is waited for, never overwritten with an older text), deletions reach the new tables through their
 * foreign keys, and a last pass indexes any article that is still missing (one whose creation was under way
 * when its batch was read).
 */
async function rebuildPostgres(db: Db, batchSize: number, progress: RebuildProgress, opts: RebuildOptions): Promise<void> {
  await dropNext(db);
  // The three tables appear together (one transaction): a save that sees the first writes to all of them.
  // toast_tuple_target: every vector is stored apart from its row, as in migration 0013.
  await db.transaction().execute(async (trx) => {
    // In partitions by a hash of the id (migration 0016), so that their GIN indexes build on both cores.
    await sql`create table article_search_next (
      article_id bigint not null references articles (id) on delete cascade,
      document tsvector not null,
      constraint article_search_next_pkey primary key (article_id)
    ) partition by hash (article_id)`.execute(trx);
    for (const p of PARTS) {
      await sql.raw(`create table article_search_next_p${p} partition of article_search_next
        for values with (modulus ${PARTS.length}, remainder ${p}) with (toast_tuple_target = 128)`).execute(trx);
    }
    await sql`create table article_search_strong_next (
      article_id bigint primary key references articles (id) on delete cascade,
      strong tsvector not null
    )`.execute(trx);
    // The newest articles' rows again (migration 0014): writeDocuments fills it as it fills the others.
    await sql`create table article_search_recent_next (
      article_id bigint primary key references articles (id) on delete cascade,
      document tsvector not null
    ) with (toast_tuple_target = 128)`.execute(trx);
  });
  let swapped = false;
  try {
    // Two writers: while PostgreSQL turns one batch into vectors, this process reads and prepares the next.
    let last = 0;
    let fetching: Promise<number[]> = Promise.resolve([]);
    const nextBatch = () =>
      (fetching = fetching.then(async () => {
        const batch = (await db.selectFrom('articles').select('id').where('id', '>', last).orderBy('id').limit(batchSize).execute()).map((r) => Number(r.id));
        if (batch.length) last = batch[batch.length - 1]!;
        return batch;
      }));
    const writer = async () => {
      for (;;) {
        if (opts.signal?.aborted) throw new Error('The index rebuild was stopped before it finished.');
        const batch = await nextBatch();
        if (batch.length === 0) return;
        const indexed = await db.transaction().execute(async (trx) => {
          await sql`select id from articles where id in (${sql.join(batch)}) for share`.execute(trx);
          const { docs } = await loadDocuments(trx, batch);
          await writeDocuments(trx, batch, docs, NEXT_TABLES);
          return docs.length;
        });
        progress.done += batch.length;
        progress.indexed += indexed;
        if (progress.done > progress.total) progress.total = progress.done;
        opts.onProgress?.({ ...progress });
      }
    };
    await Promise.all([writer(), writer()]);
    // PostgreSQL builds a GIN index on one core (about a minute for 100,000 articles' documents): each
    // partition's on a connection of its own, the small tables' beside them, then the partitioned table's
    // index made of the two.
    const build = (statements: RawBuilder<unknown>[]) =>
      db.transaction().execute(async (trx) => {
        await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
        for (const s of statements) await s.execute(trx);
      });
    const partIndex = (p: number) => sql.raw(`create index article_search_next_p${p}_document_idx on article_search_next_p${p} using gin (document)`);
    await Promise.all([
      build([partIndex(0), sql`create index article_search_strong_next_strong_idx on article_search_strong_next using gin (strong)`]),
      build([partIndex(1), sql`create index article_search_recent_next_document_idx on article_search_recent_next using gin (document)`]),
    ]);
    await sql`create index article_search_next_document_idx on only article_search_next using gin (document)`.execute(db);
    for (const p of PARTS) await sql.raw(`alter index article_search_next_document_idx attach partition article_search_next_p${p}_document_idx`).execute(db);
    await db.transaction().execute(async (trx) => {
      // In the order saves take them (article_search, then the new table): waits for saves, never deadlocks.
      await sql`lock table article_search, article_search_strong, article_search_recent, article_search_next, article_search_strong_next, article_search_recent_next in access exclusive mode`.execute(trx);
      await sql`drop table article_search`.execute(trx);
      await sql`drop table article_search_strong`.execute(trx);
      await sql`drop table article_search_recent`.execute(trx);
      await sql`alter table article_search_next rename to article_search`.execute(trx);
      await sql`alter index article_search_next_pkey rename to article_search_pkey`.execute(trx);
      await sql`alter index article_search_next_document_idx rename to article_search_document_idx`.execute(trx);
      await sql`alter table article_search rename constraint article_search_next_article_id_fkey to article_search_article_id_fkey`.execute(trx);
      for (const p of PARTS) {
        await sql.raw(`alter table article_search_next_p${p} rename to article_search_p${p}`).execute(trx);
        await sql.raw(`alter index article_search_next_p${p}_pkey rename to article_search_p${p}_pkey`).execute(trx);
        await sql.raw(`alter index article_search_next_p${p}_document_idx rename to article_search_p${p}_document_idx`).execute(trx);
        await sql.raw(`alter table article_search_p${p} rename constraint article_search_next_article_id_fkey to article_search_article_id_fkey`).execute(trx);
      }
      await sql`alter table article_search_strong_next rename to article_search_strong`.execute(trx);
      await sql`alter index article_search_strong_next_pkey rename to article_search_strong_pkey`.execute(trx);
      await sql`alter index article_search_strong_next_strong_idx rename to article_search_strong_idx`.execute(trx);
      await sql`alter table article_search_strong rename constraint article_search_strong_next_article_id_fkey to article_search_strong_article_id_fkey`.execute(trx);
      await sql`alter table article_search_recent_next rename to article_search_recent`.execute(trx);
      await sql`alter index article_search_recent_next_pkey rename to article_search_recent_pkey`.execute(trx);
      await sql`alter index article_search_recent_next_document_idx rename to article_search_recent_document_idx`.execute(trx);
      await sql`alter table article_search_recent rename constraint article_search_recent_next_article_id_fkey to article_search_recent_article_id_fkey`.execute(trx);
    });
    swapped = true;
  } finally {
    if (!swapped) await dropNext(db);
  }
  const missing = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '!=', 'draft')
    .where('trashed_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('article_search').select('article_search.article_id').whereRef('article_search.article_id', '=', 'articles.id'))))
    .execute();
  for (const { id } of missing) {
    await db.transaction().execute(async (trx) => {
      const { docs } = await loadDocuments(trx, [Number(id)]);
      await writeDocuments(trx, [Number(id)], docs);
    });
  }
  // Fresh statistics, so that the planner takes the GIN index (and knows how many articles there are); and
  // the new table's rows marked as committed and all-visible now, rather than by the first searches.
  // The documents' table on one connection, the rest on another (as the indexes above).
  await Promise.all([
    sql`vacuum (analyze, process_toast false) article_search`.execute(db),
    (async () => {
      await sql`vacuum (analyze, process_toast false) article_search_strong, article_search_recent`.execute(db);
      await sql`analyze articles`.execute(db);
    })(),
  ]);
}

async function dropNext(db: Db): Promise<void> {
  await sql`drop table if exists article_search_next`.execute(db);
  await sql`drop table if exists article_search_strong_next`.execute(db);
  await sql`drop table if exists article_search_recent_next`.execute(db);
}
