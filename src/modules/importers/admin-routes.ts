// /api/admin/imports: an administrator uploads a WordPress export; it is saved under the data directory and a
// job imports it (the durable queue: the run survives a restart). The admin polls the run for its progress.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { Ctx } from '../../platform/context/index.js';
import { AppError, badInput, notFound } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/jobs/index.js';
import { requireStaff } from '../editorial/index.js';
import { kickerPattern } from './convert/text.js';
import { createRun, getRun, listRuns, type RunOptions } from './runs.js';
import { IMPORT_JOB } from './job.js';

export interface ImportRouteDeps {
  ctx: Ctx;
  dataDir: string;
  /** Largest export accepted, in bytes. */
  maxBytes?: number;
}

const ID = /^[1-9]\d{0,15}$/;
const FIELDS = ['dryRun', 'splitKicker', 'kickerPattern', 'regions'] as const;

export function registerImportRoutes(app: FastifyInstance, deps: ImportRouteDeps): void {
  const { ctx } = deps;
  const maxBytes = deps.maxBytes ?? 4 * 1024 * 1024 * 1024;
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: FIELDS.length, fieldSize: 1024, parts: FIELDS.length + 1, headerPairs: 50 } });
    const guard = { onRequest: [requireStaff('administrator')] };
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });

    scope.post('/api/admin/imports', guard, async (req: FastifyRequest, reply) => {
      if (!req.isMultipart()) throw badInput('Send the export as multipart/form-data, in a file field named "file" (options first).', 'file');
      const fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
      const dir = join(deps.dataDir, 'imports');
      await mkdir(dir, { recursive: true });
      let saved: { path: string; name: string } | null = null;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'field') {
            if ((FIELDS as readonly string[]).includes(part.fieldname)) fields[part.fieldname as (typeof FIELDS)[number]] = String(part.value);
            continue;
          }
          if (part.fieldname !== 'file' || saved) {
            part.file.resume();
            throw badInput('Send one export, in a file field named "file".', 'file');
          }
          const path = join(dir, `upload-${randomBytes(12).toString('hex')}.xml`);
          saved = { path, name: (part.filename || 'export.xml').replace(/[^\w.\- ]+/g, '_').slice(0, 200) };
          await pipeline(part.file, createWriteStream(path, { flags: 'wx' }));
          if (part.file.truncated) throw new AppError('BROADSIDE_E_TOO_LARGE', `The export is larger than ${Math.round(maxBytes / 1048576)} MB; import it with the command line instead (broadside import wordpress).`, 'file');
        }
        if (!saved) throw badInput('No file was sent. Choose the WordPress export (an .xml file).', 'file');
        const options: RunOptions = { dryRun: fields.dryRun === 'true' || fields.dryRun === '1', regions: (fields.regions ?? '').split(',').map((s) => s.trim()).filter(Boolean).slice(0, 200) };
        if (fields.splitKicker === 'true' || fields.splitKicker === '1') {
          const pattern = fields.kickerPattern?.trim();
          if (pattern) {
            try {
              kickerPattern(pattern);
            } catch (err) {
              throw badInput((err as Error).message.replace('--split-kicker pattern', 'kicker pattern'), 'kickerPattern');
            }
          }
          options.splitKicker = pattern || true;
        }
        const file = saved;
        const id = await ctx.db.transaction().execute(async (trx) => {
          const runId = await createRun(trx, { fileName: file.name, filePath: file.path, options, createdBy: req.staff!.id, status: 'queued' });
          await enqueue(trx, IMPORT_JOB, { runId }, { maxAttempts: 3 });
          return runId;
        });
        return reply.code(202).send({ run: await getRun(ctx.db, id) });
      } catch (err) {
        if (saved) await rm(saved.path, { force: true });
        const e = err as Error & { code?: string };
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('BROADSIDE_E_TOO_LARGE', `The export is larger than ${Math.round(maxBytes / 1048576)} MB.`, 'file');
        throw err;
      }
    });

    scope.get('/api/admin/imports', guard, async () => ({ runs: (await listRuns(ctx.db)).map(publicRun) }));

    scope.get('/api/admin/imports/:id', guard, async (req) => {
      const raw = (req.params as { id: string }).id;
      const run = ID.test(raw) ? await getRun(ctx.db, Number(raw)) : null;
      if (!run) throw notFound(`There is no import ${raw}.`);
      return { run: publicRun(run) };
    });
  });
}

/** A run as the admin sees it: the report's long lists are cut (the CLI's JSON report has them whole). */
function publicRun(run: Awaited<ReturnType<typeof getRun>> & object) {
  const r = run.report;
  return {
    ...run,
    report: r ? { ...r, warnings: r.warnings.slice(0, 200), filesLeftInPlace: r.filesLeftInPlace.slice(0, 200), sticky: r.sticky.slice(0, 200) } : null,
  };
}
