// Calls to a provider's API: a time limit, a size limit, and errors that say what a person can do. Nothing a
// provider answers is logged (it may hold a donor's address).
import { AppError } from '../../../platform/http/errors.js';

export class ProviderError extends AppError {
  constructor(
    readonly provider: string,
    message: string,
    readonly httpStatus: number | null = null,
    readonly issue: string | null = null,
  ) {
    super('BROADSIDE_E_UNAVAILABLE', message);
    this.name = 'ProviderError';
  }
}

export interface JsonAnswer {
  status: number;
  body: unknown;
}

export async function callJson(provider: string, url: string, init: RequestInit, timeoutMs = 10_000): Promise<JsonAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new ProviderError(provider, `${provider} could not be reached, so nothing was charged. Try again in a few minutes.`);
  }
  const text = await res.text();
  if (text.length > 1024 * 1024) throw new ProviderError(provider, `${provider} sent an answer we could not read, so nothing was charged.`, res.status);
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ProviderError(provider, `${provider} sent an answer we could not read, so nothing was charged.`, res.status);
  }
  return { status: res.status, body };
}

export { isObject } from '../../../platform/settings.js';

export function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
