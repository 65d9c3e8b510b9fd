// The search module's only door: full-text search over the archive (SQLite FTS5 or PostgreSQL tsvector),
// the index kept in step with articles inside their own transactions, related articles, the public routes
// and the `search reindex` command.
import type { FastifyInstance } from 'fastify';
import { rebuildSearchIndex } from './operations/rebuildSearchIndex.js';
import { reindexNeeded } from './queries.js';
import { registerSearchRoutes, type SearchRouteDeps } from './routes.js';

export { reindexArticle, indexWrittenArticles, type ArticleToIndex } from './operations/reindexArticle.js';
export { removeFromIndex } from './operations/removeFromIndex.js';
export { rebuildSearchIndex, type RebuildProgress, type RebuildOptions } from './operations/rebuildSearchIndex.js';
export { searchArticles, type SearchRequest, type SearchOutcome, type SearchHit } from './operations/searchArticles.js';
export { findRelated, RELATED_COUNT } from './operations/findRelated.js';
export { storedRelated, relatedForPage, computeRelated, RELATED_JOB } from './operations/storedRelated.js';
export { parseQuery, describeQuery, type ParsedQuery, type Term } from './query.js';
export { RelatedArticles } from './views/related.js';
export { searchCommand } from './cli.js';
export { inProcessSearcher, threadSearcher, type Searcher } from './pool.js';
export { reindexNeeded } from './queries.js';
export type { SearchTables } from './tables.js';

/**
 * Registers /search/, /api/search and /opensearch.xml. When migration 0006 met an archive that was already
 * there, the index is built once in the background when the server gets ready (searches find more and more
 * meanwhile); closing the app stops it between two batches.
 */
export function registerSearch(app: FastifyInstance, deps: SearchRouteDeps): void {
  registerSearchRoutes(app, deps);
  const abort = new AbortController();
  let running: Promise<unknown> | null = null;
  app.addHook('onReady', async () => {
    if (!(await reindexNeeded(deps.ctx.db))) return;
    app.log.info('search: building the index of the existing articles in the background');
    running = rebuildSearchIndex(deps.ctx.db, { signal: abort.signal })
      .then((p) => app.log.info({ articles: p.done, indexed: p.indexed }, 'search: index built'))
      .catch((err) => {
        if (!abort.signal.aborted) app.log.error({ err }, 'search: building the index failed; run `broadside search reindex`');
      });
  });
  app.addHook('onClose', async () => {
    abort.abort();
    await running;
  });
}

export type { SearchRouteDeps };
