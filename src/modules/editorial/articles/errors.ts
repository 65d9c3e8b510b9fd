// Errors whose JSON answer carries more than a code and a message: the refused save's current article, the
// images that still need alt text. routes.ts sends them; everything else goes to the app's error handler.
import { AppError, type ErrorCode } from '../../../platform/http/errors.js';
import type { AdminArticle } from './queries.js';

export class DetailedError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    field: string | undefined,
    /** Extra members of the `error` object. */
    readonly errorExtra: Record<string, unknown> = {},
    /** Extra members beside `error`. */
    readonly bodyExtra: Record<string, unknown> = {},
  ) {
    super(code, message, field);
  }
}

export function missingAltText(images: string[]): DetailedError {
  const list = images.map((s) => s || '(an image without a source)').join(', ');
  return new DetailedError(
    'BROADSIDE_E_BAD_INPUT',
    `${images.length === 1 ? 'An image has' : `${images.length} images have`} no alt text. Describe ${images.length === 1 ? 'it' : 'each'} for readers who cannot see it, then publish: ${list}`,
    'bodyHtml',
    { images },
  );
}

export function articleConflict(loadedRevision: number, current: AdminArticle): DetailedError {
  return new DetailedError(
    'BROADSIDE_E_CONFLICT',
    `Someone else saved this article since you opened it (you started from revision ${loadedRevision}; it is now at revision ${current.revision}). ` +
      'Your version was not lost: it is kept in the revision history. Compare the two, merge your changes into the current version, and save again.',
    'revision',
    {},
    { current },
  );
}

/** Thrown inside a save's transaction when the revision moved on under it; turned into articleConflict outside. */
export class StaleRevision extends Error {
  constructor() {
    super('stale revision');
  }
}
