// Stable error codes, each with one HTTP status. Routes and the CLI map them in one place.
export type ErrorCode =
  | 'BROADSIDE_E_NOT_FOUND'
  | 'BROADSIDE_E_GONE'
  | 'BROADSIDE_E_BAD_INPUT'
  | 'BROADSIDE_E_CONFLICT'
  | 'BROADSIDE_E_UNAVAILABLE'
  | 'BROADSIDE_E_UNAUTHENTICATED'
  | 'BROADSIDE_E_FORBIDDEN'
  | 'BROADSIDE_E_CSRF'
  | 'BROADSIDE_E_RATE_LIMITED'
  | 'BROADSIDE_E_TOO_LARGE'
  | 'BROADSIDE_E_UNSUPPORTED_MEDIA';

const STATUS: Record<ErrorCode, number> = {
  BROADSIDE_E_NOT_FOUND: 404,
  BROADSIDE_E_GONE: 410,
  BROADSIDE_E_BAD_INPUT: 400,
  BROADSIDE_E_CONFLICT: 409,
  BROADSIDE_E_UNAVAILABLE: 503,
  BROADSIDE_E_UNAUTHENTICATED: 401,
  BROADSIDE_E_FORBIDDEN: 403,
  BROADSIDE_E_CSRF: 403,
  BROADSIDE_E_RATE_LIMITED: 429,
  BROADSIDE_E_TOO_LARGE: 413,
  BROADSIDE_E_UNSUPPORTED_MEDIA: 415,
};

export class AppError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const badInput = (message: string, field?: string) => new AppError('BROADSIDE_E_BAD_INPUT', message, field);
export const conflict = (message: string, field?: string) => new AppError('BROADSIDE_E_CONFLICT', message, field);
export const notFound = (message = 'Not found') => new AppError('BROADSIDE_E_NOT_FOUND', message);
