// The JSON API client: same-origin cookies, the CSRF token on every unsafe request, errors as ApiError.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401 (the session ended elsewhere): the app shows the sign-in screen. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Don't treat a 401 as "signed out" (the sign-in and session probes themselves). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorFrom(status: number, body: unknown): ApiError {
  const e = (body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : null) as
    | { code?: string; message?: string; field?: string }
    | null;
  if (e && typeof e === 'object') {
    return new ApiError(status, e.code ?? 'BROADSIDE_E_UNKNOWN', e.message || `The server answered ${status}.`, e.field, body);
  }
  const fallback =
    status === 429
      ? 'Too many attempts. Wait a minute, then try again.'
      : status >= 500
        ? 'The server had a problem. Try again in a moment.'
        : status === 404
          ? 'Not found. It may have been deleted.'
          : `The server answered ${status}.`;
  return new ApiError(status, status === 429 ? 'BROADSIDE_E_RATE_LIMITED' : 'BROADSIDE_E_UNKNOWN', fallback, undefined, body);
}

async function send<T>(method: Method, path: string, init: RequestInit, opts: RequestOptions): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);
  let res: Response;
  try {
    res = await fetch(path, { ...init, method, headers, credentials: 'same-origin', signal: opts.signal ?? null });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'BROADSIDE_E_OFFLINE', 'Could not reach the server. Check your connection and try again.');
  }
  const body = await parse(res);
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) onUnauthenticated?.();
    throw errorFrom(res.status, body);
  }
  return body as T;
}

export function api<T = unknown>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {};
  if (method !== 'GET' && method !== 'DELETE') {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  } else if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return send<T>(method, path, init, opts);
}

export const get = <T = unknown>(path: string, opts?: RequestOptions) => api<T>('GET', path, undefined, opts);
export const post = <T = unknown>(path: string, body?: unknown, opts?: RequestOptions) => api<T>('POST', path, body, opts);
export const put = <T = unknown>(path: string, body?: unknown, opts?: RequestOptions) => api<T>('PUT', path, body, opts);
export const patch = <T = unknown>(path: string, body?: unknown, opts?: RequestOptions) => api<T>('PATCH', path, body, opts);
export const del = <T = unknown>(path: string, opts?: RequestOptions) => api<T>('DELETE', path, undefined, opts);

/** GETs started before the first render (main.tsx): the boot requests, and the article an editor address names. */
const early = new Map<string, Promise<unknown>>();

/** Starts a GET now, for getEarly to take later (401 is not treated as "signed out" here). */
export function prefetch(path: string): void {
  if (early.has(path)) return;
  const p = send('GET', path, {}, { quiet401: true });
  p.catch(() => undefined);
  early.set(path, p);
}

/** A GET answered by the prefetch of the same path, once, when there is one; a failed prefetch is asked again. */
export function getEarly<T = unknown>(path: string, opts?: RequestOptions): Promise<T> {
  const p = early.get(path);
  if (!p) return get<T>(path, opts);
  early.delete(path);
  return (p as Promise<T>).catch(() => get<T>(path, opts));
}

/** Multipart upload of one file as field `file`. */
export function upload<T = unknown>(path: string, file: File, extra: Record<string, string> = {}): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  form.append('file', file);
  return send<T>('POST', path, { body: form }, {});
}

/** ?a=1&b=2 from an object, skipping empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
