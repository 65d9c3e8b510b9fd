// Reading what a browser sent with a form post: a cookie by name, one text value per field, and whether it came
// from another site.
import type { FastifyRequest } from 'fastify';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** One text value per field: the first of repeats; anything else is empty. */
export function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x : '';
}

/** Same-site check for a form: a browser sends Origin on a POST; it must name this site. */
export function foreignOrigin(req: FastifyRequest, baseUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    const o = new URL(origin);
    return o.host !== req.headers.host && o.origin !== new URL(baseUrl).origin;
  } catch {
    return true;
  }
}
