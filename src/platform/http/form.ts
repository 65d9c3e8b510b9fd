// Reading what a browser sent with a form post: a cookie by name, and one text value per field.

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
