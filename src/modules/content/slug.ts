// URL slugs: lowercase ASCII words joined by hyphens; accents folded, everything else dropped.
export function slugify(text: string, max = 80): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, max).replace(/-+$/, '');
}

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= 200 && SLUG_RE.test(slug);
}
