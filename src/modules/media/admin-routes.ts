// /api/admin/media: upload, list, read, describe and delete images. Staff who may upload media only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { Ctx } from '../../platform/context/index.js';
import { AppError, badInput, notFound } from '../../platform/http/errors.js';
import { atLeast, can, requireStaff } from '../editorial/index.js';
import type { ImageLimits } from './images.js';
import type { MediaStore } from './store.js';
import { getMedia, listMedia, mediaUrl, type Media, type MediaVariant } from './queries.js';
import { imageHtml } from './html.js';
import { uploadImage } from './operations/uploadImage.js';
import { updateMedia } from './operations/updateMedia.js';
import { deleteMedia } from './operations/deleteMedia.js';

export interface AdminMediaDeps {
  ctx: Ctx;
  store: MediaStore;
  limits: ImageLimits;
}

const ID = /^[1-9]\d{0,15}$/;
const PAGE = /^[1-9]\d{0,5}$/;
const TEXT_FIELDS = ['alt', 'caption', 'credit'] as const;

/** The JSON an admin client gets for an image: its files with URLs, and the HTML to put in an article. */
export function mediaJson(m: Media) {
  const file = (v: MediaVariant) => ({ ...v, url: mediaUrl(m.key, v.file) });
  return {
    id: m.id,
    key: m.key,
    url: mediaUrl(m.key, m.variants.full.file),
    originalFilename: m.originalFilename,
    mime: m.mime,
    width: m.width,
    height: m.height,
    bytes: m.bytes,
    alt: m.alt,
    caption: m.caption,
    credit: m.credit,
    uploadedBy: m.uploadedBy,
    createdAt: m.createdAt,
    variants: { full: file(m.variants.full), avif: m.variants.avif.map(file), webp: m.variants.webp.map(file) },
    html: imageHtml(m),
  };
}

async function mayUpload(req: FastifyRequest): Promise<void> {
  if (!can(req.staff, 'media.upload')) throw new AppError('BROADSIDE_E_FORBIDDEN', 'Your role may not manage the media library; ask an editor.');
}

function idOf(req: FastifyRequest): number {
  const raw = (req.params as { id: string }).id;
  if (!ID.test(raw)) throw notFound(`There is no image ${raw} in the media library.`);
  return Number(raw);
}

export function registerAdminMediaRoutes(app: FastifyInstance, deps: AdminMediaDeps): void {
  const { ctx, store, limits } = deps;
  // Its own scope, so multipart parsing applies to these routes only.
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: limits.maxBytes, files: 1, fields: TEXT_FIELDS.length, fieldSize: 4096, parts: TEXT_FIELDS.length + 1, headerPairs: 50 },
    });
    // Checked on arrival, before any of the body is read.
    const guard = { onRequest: [requireStaff('contributor'), mayUpload] };
    scope.addHook('onSend', async (_req, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });

    scope.post('/api/admin/media', guard, async (req, reply) => {
      if (!req.isMultipart()) throw badInput('Send the image as multipart/form-data, in one file field named "file".', 'file');
      let part;
      try {
        part = await req.file();
      } catch (err) {
        throw multipartError(err, limits);
      }
      if (!part) throw badInput('No file was sent. Send the image in a file field named "file".', 'file');
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw badInput(`The image must be sent in a field named "file" (got "${part.fieldname}").`, 'file');
      }
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch (err) {
        throw multipartError(err, limits);
      }
      // Alt text, caption and credit may come as text fields before the file.
      const text: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
      for (const f of TEXT_FIELDS) {
        const field = part.fields[f];
        if (field && !Array.isArray(field) && field.type === 'field') text[f] = String(field.value);
      }
      const m = await uploadImage(ctx, store, { buffer, filename: part.filename, uploadedBy: req.staff!.id, ...text }, limits);
      return reply.code(201).send(mediaJson(m));
    });

    scope.get('/api/admin/media', guard, async (req) => {
      const query = req.query as Record<string, unknown>;
      const page = query.page === undefined || query.page === '' ? 1 : typeof query.page === 'string' && PAGE.test(query.page) ? Number(query.page) : 0;
      if (!page) throw badInput('page must be a whole number from 1.', 'page');
      const q = query.q ?? '';
      if (typeof q !== 'string') throw badInput('q must be given once, as text.', 'q');
      if (q.length > 200) throw badInput('q must be at most 200 characters.', 'q');
      const result = await listMedia(ctx.db, { page, q });
      return { ...result, items: result.items.map(mediaJson) };
    });

    // Images may be in anyone's articles: changing or removing someone else's is an editor's call.
    async function ownOrEditor(req: FastifyRequest, id: number, message: string): Promise<void> {
      if (!atLeast(req.staff!.role, 'editor') && (await getMedia(ctx.db, id)).uploadedBy !== req.staff!.id) {
        throw new AppError('BROADSIDE_E_FORBIDDEN', message);
      }
    }

    scope.get('/api/admin/media/:id', guard, async (req) => mediaJson(await getMedia(ctx.db, idOf(req))));

    scope.patch('/api/admin/media/:id', guard, async (req) => {
      const id = idOf(req);
      const body = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badInput('Send a JSON object with alt, caption or credit.');
      await ownOrEditor(req, id, 'Only an editor may change the alt text, caption or credit of an image someone else uploaded.');
      return mediaJson(await updateMedia(ctx, id, body as Record<string, string>));
    });

    scope.delete('/api/admin/media/:id', guard, async (req, reply: FastifyReply) => {
      const id = idOf(req);
      await ownOrEditor(req, id, 'Only an editor may delete an image someone else uploaded.');
      await deleteMedia(ctx, store, id);
      return reply.code(204).send();
    });
  });
}

function multipartError(err: unknown, limits: ImageLimits): unknown {
  const code = (err as { code?: string })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('BROADSIDE_E_TOO_LARGE', `The file is larger than the ${Math.round((limits.maxBytes / (1024 * 1024)) * 10) / 10} MB allowed. Make it smaller and upload it again.`, 'file');
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return badInput('Send one file, in a field named "file" (with alt, caption and credit fields at most).', 'file');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PROTO_VIOLATION' || /multipart|boundary/i.test((err as Error)?.message ?? '')) {
    return badInput('The upload could not be read as multipart/form-data. Send the image in one file field named "file".', 'file');
  }
  return err;
}
