// Dates: stored as ISO 8601 UTC; shown in UTC so every reader sees the date the outlet published.
const long = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const monthYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

export function toIso(input: string | Date): string | null {
  const d = input instanceof Date ? input : new Date(input);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function monthKeyOf(iso: string): string {
  return iso.slice(0, 7);
}

// Intl formatting costs a few microseconds a date, and a result page shows ten: each day is formatted once.
const dayNames = new Map<string, string>();

export function formatDate(iso: string): string {
  // The day in UTC is the ISO string's first ten characters, when it is one (as stored).
  const day = /^\d{4}-\d{2}-\d{2}T/.test(iso) && iso.endsWith('Z') ? iso.slice(0, 10) : null;
  if (day === null) return long.format(new Date(iso));
  let name = dayNames.get(day);
  if (name === undefined) {
    name = long.format(new Date(iso));
    if (dayNames.size >= 50_000) dayNames.clear();
    dayNames.set(day, name);
  }
  return name;
}

/** '2015-05' → 'May 2015' */
// Every page's archive sidebar names each month: formatted once each, not on every render.
const monthNames = new Map<string, string>();

export function formatMonthKey(key: string): string {
  let name = monthNames.get(key);
  if (name === undefined) {
    name = monthYear.format(new Date(`${key}-01T00:00:00Z`));
    if (monthNames.size < 10_000) monthNames.set(key, name);
  }
  return name;
}

export function articlePath(monthKey: string, slug: string): string {
  return `/${monthKey.slice(0, 4)}/${monthKey.slice(5, 7)}/${slug}/`;
}
