// When a failed job runs again, and what of its error may be stored and logged.

const BASE_MS = 30_000;
const CAP_MS = 60 * 60_000;

/** Delay before the next run after the given number of failed runs (1, 2, …): 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(failures: number): number {
  return Math.min(BASE_MS * 2 ** Math.max(0, failures - 1), CAP_MS);
}

/** The error's message only, with addresses and URL credentials removed: SMTP replies often quote the recipient. */
export function scrubError(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : 'Unknown error';
  const text = raw
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1[credentials]@')
    .replace(/[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+/g, '[address]')
    .trim();
  return (text || 'Unknown error').slice(0, 500);
}
