// The importers module's only door: `broadside import wordpress` (a streaming WXR import that can be repeated
// and interrupted), `broadside export` (WXR or JSON, with pluggable sections), the admin's upload of an export
// carried out by a job, and 301s from a WordPress site's old addresses (permalinks live in `redirects`; this
// module answers the ?p=, ?page_id=, ?cat= … forms, which carry their meaning in the query string).
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { MediaStore } from '../media/index.js';
import { findRedirect } from '../content/queries.js';
import { legacyQueryKey } from './wordpress/urls.js';
import { registerImportRoutes } from './admin-routes.js';
import { IMPORT_JOB, runImportJob } from './job.js';

export { importWordPress, type ImportOptions, type ImportProgress } from './wordpress/importWordPress.js';
export { summaryText, type ImportReport, type Tally } from './wordpress/report.js';
export { WxrError } from './wxr/parser.js';
export { exportSite, EXPORT_FORMATS, type ExportFormat, type ExportOptions } from './export/exportSite.js';
export { registerExportSection, exportSections, type ExportSection } from './export/sections.js';
export { importCommand, exportCommand, IMPORT_USAGE, EXPORT_USAGE } from './cli.js';
export { getRun, listRuns, type ImportRun } from './runs.js';
export { IMPORT_JOB } from './job.js';
export { importersApiDocs } from './docs.js';
export type { ImportersTables } from './tables.js';

/** True for addresses in WordPress's query form (/?p=12): the page cache must not answer them with the home page. */
export function isLegacyQueryUrl(url: string | undefined): boolean {
  return !!url && url.includes('?') && legacyQueryKey(url) !== null;
}

export interface ImportersDeps {
  ctx: Ctx;
  jobs: JobRunner;
  dataDir: string;
  mediaStore?: MediaStore | null;
}

export function registerImporters(app: FastifyInstance, deps: ImportersDeps): void {
  registerImportRoutes(app, { ctx: deps.ctx, dataDir: deps.dataDir });
  deps.jobs.register<{ runId: number }>(IMPORT_JOB, (payload, ctx, job) => runImportJob(ctx, payload, job, { mediaStore: deps.mediaStore ?? null }));
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const url = req.raw.url;
    if (!url || !url.includes('?')) return;
    const key = legacyQueryKey(url);
    if (!key) return;
    const r = await findRedirect(deps.ctx.db, key);
    if (r?.status === 301 && r.to_path) return reply.redirect(r.to_path, 301);
  });
}
