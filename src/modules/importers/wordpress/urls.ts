// Addresses and dates as WordPress writes them, and the old addresses that answer 301 after an import.
import { slugify, checkSlug } from '../../content/slug.js';

/** The export's site: its address (the map's `source`), path prefix and host names. */
export interface OldSite {
  source: string;
  /** '' at the root, '/blog' for a site under a folder. */
  base: string;
  hosts: Set<string>;
}

export function oldSite(baseBlogUrl: string, baseSiteUrl: string, link: string): OldSite {
  const hosts = new Set<string>();
  let source = '';
  let base = '';
  for (const raw of [baseBlogUrl, baseSiteUrl, link]) {
    const u = parseUrl(raw);
    if (!u) continue;
    hosts.add(u.hostname.toLowerCase());
    if (!source) {
      source = `${u.hostname.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
      base = u.pathname.replace(/\/+$/, '');
    }
  }
  return { source, base, hosts };
}

export function parseUrl(raw: string): URL | null {
  if (!raw || raw.length > 4096) return null;
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** "2011-01-18 07:40:14" in UTC → ISO 8601; null for WordPress's zero date or nonsense. */
export function wpDate(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s.trim());
  if (!m || m[1] === '0000') return null;
  const [y, mo, d, h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  // The usual case, a real time of a real day, written out directly (Date is slow, and exports hold millions).
  if (y >= 1970 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h < 24 && mi < 60 && sec < 60) {
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}.000Z`;
  }
  // Anything else as Date takes it (an hour of 24 is the next day's first), within bounds.
  const t = Date.UTC(y, mo - 1, d, h, mi, sec);
  const date = new Date(t);
  if (Number.isNaN(t) || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999 || date.getUTCMonth() !== mo - 1) return null;
  return date.toISOString();
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** An RSS pubDate ("Tue, 18 Jan 2011 07:40:14 +0000") → ISO 8601, or null. */
export function rssDate(s: string): string | null {
  if (!/\d{4}/.test(s)) return null;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999 ? null : d.toISOString();
}

/** A post_name (percent-encoded when it is not ASCII) → a Broadside slug, or '' when nothing usable is left. */
export function slugFromName(postName: string): string {
  let name = postName.trim();
  try {
    name = decodeURIComponent(name);
  } catch {
    /* kept as written */
  }
  // Names that were mostly not Latin letters lose their meaning when folded: let the title speak instead.
  const latin = (name.match(/[A-Za-z0-9]/g) ?? []).length;
  const letters = (name.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (letters > 0 && latin / letters < 0.5) return '';
  const s = slugify(name, 200);
  return checkSlug(s) ? s : '';
}

export function pickSlug(postName: string, title: string, fallback: string): string {
  const a = slugFromName(postName);
  if (a) return a;
  const b = slugify(title, 80);
  return b.length >= 3 ? b : fallback;
}

/** The path of an old address on the old site (with its query when it is WordPress's ?p= form), or null. */
export function oldPath(site: OldSite, link: string): string | null {
  const u = parseUrl(link);
  if (!u || (site.hosts.size && !site.hosts.has(u.hostname.toLowerCase()))) return null;
  if (u.search) return null;
  return u.pathname;
}

/** The legacy query keys an old address may carry, in the order they are looked at. */
export const LEGACY_KEYS = ['p', 'page_id', 'attachment_id', 'cat', 'tag', 'author', 'm', 'feed'] as const;

/** The redirect key of an address with a WordPress query (/?p=12 → "/?p=12"), or null. Cheap for other URLs. */
export function legacyQueryKey(url: string): string | null {
  const q = url.indexOf('?');
  if (q === -1 || url.length > 2048) return null;
  const path = url.slice(0, q);
  // WordPress answers these at its root (/ or /blog/ when it lived in a folder); Broadside's own pages with a
  // query (/search/?tag=…) are not WordPress addresses.
  if (path !== '/' && (!/^\/[A-Za-z0-9._~-]+\/$/.test(path) || path === '/search/')) return null;
  // Values as sent (still percent-encoded), as the redirects were stored from the export's own addresses.
  const params = new Map<string, string>();
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && !params.has(pair.slice(0, eq))) params.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  for (const k of LEGACY_KEYS) {
    const v = params.get(k);
    if (v === undefined || v === '') continue;
    const ok = k === 'tag' || k === 'feed' ? /^[A-Za-z0-9%._~-]{1,200}$/.test(v) : /^\d{1,19}$/.test(v);
    return ok ? `${path}?${k}=${k === 'feed' || k === 'tag' ? v.toLowerCase() : v}` : null;
  }
  return null;
}

export function queryPath(site: OldSite, key: string, value: string): string {
  return `${site.base}/?${key}=${value}`;
}
