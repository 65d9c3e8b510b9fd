// The media module's only door: the image library (upload, variants, HTML for articles) and its routes.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context/index.js';
import { DEFAULT_LIMITS, type ImageLimits } from './images.js';
import { LocalMediaStore, type MediaStore } from './store.js';
import { registerPublicMediaRoutes } from './routes.js';
import { registerAdminMediaRoutes } from './admin-routes.js';

export type { MediaStore } from './store.js';
export { LocalMediaStore, PUBLIC_PREFIX, PRIVATE_PREFIX } from './store.js';
export type { Media, MediaVariant, MediaVariants, MediaPage } from './queries.js';
export { getMedia, findMedia, listMedia, mediaUrl } from './queries.js';
export { DEFAULT_LIMITS, VARIANT_WIDTHS, type ImageLimits } from './images.js';
export { uploadImage, type UploadInput } from './operations/uploadImage.js';
export { updateMedia, type MediaTextUpdate } from './operations/updateMedia.js';
export { deleteMedia } from './operations/deleteMedia.js';
export { TEXT_LIMITS } from './operations/mediaText.js';
export { imageHtml, imagesMissingAlt, type ImageHtmlOptions } from './html.js';
export { mediaJson } from './admin-routes.js';
export type { MediaTables } from './tables.js';

/** The message the publish step gives while imagesMissingAlt(body) is not empty. */
export const ALT_TEXT_REQUIRED = 'Alt text required before publishing: describe every image for readers who cannot see it.';

export interface MediaDeps {
  ctx: Ctx;
  /** The data directory: files go under <dataDir>/media unless a store is given. */
  dataDir: string;
  /** BROADSIDE_MAX_UPLOAD_MB. */
  maxUploadMb: number;
  store?: MediaStore;
  maxPixels?: number;
}

/** The store the app uses for these settings: <dataDir>/media on the local disk. */
export function mediaStoreFor(dataDir: string): MediaStore {
  return new LocalMediaStore(join(dataDir, 'media'));
}

/** Registers GET /media/:key/:file and /api/admin/media. Returns the store in use. */
export function registerMedia(app: FastifyInstance, deps: MediaDeps): MediaStore {
  const store = deps.store ?? mediaStoreFor(deps.dataDir);
  const limits: ImageLimits = { maxBytes: deps.maxUploadMb * 1024 * 1024, maxPixels: deps.maxPixels ?? DEFAULT_LIMITS.maxPixels };
  registerPublicMediaRoutes(app, { store });
  registerAdminMediaRoutes(app, { ctx: deps.ctx, store, limits });
  return store;
}
