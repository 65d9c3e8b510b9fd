// The filters a search or a listing takes: a date range (from/to, or a year), a tag or region, an author.
// Dates are read as whole periods: from=2024-03 starts on 1 March 2024, to=2024-03 ends with 31 March 2024.
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Database } from '../../platform/db/schema.js';
import { badInput } from '../../platform/http/errors.js';
import { findAuthor, findTag } from '../content/queries.js';
import { checkSlug } from '../content/slug.js';

export interface FilterInput {
  tag?: string | null;
  author?: string | null;
  from?: string | null;
  to?: string | null;
  year?: string | null;
}

export interface ResolvedFilter {
  /** Inclusive ISO instant. */
  from?: string;
  /** Exclusive ISO instant. */
  to?: string;
  tagId?: number;
  authorId?: number;
  /** A tag or author was named that does not exist: nothing can match. */
  impossible?: boolean;
}

/** What the filters named, for showing them (as removable chips). */
export interface FilterLabels {
  tag?: { slug: string; name: string; isRegion: boolean } | { slug: string; missing: true };
  author?: { slug: string; name: string } | { slug: string; missing: true };
  from?: string;
  to?: string;
  year?: string;
}

const DATE = /^([12]\d{3})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const YEAR = /^[12]\d{3}$/;
const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const dayName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

interface Period {
  start: string;
  end: string;
  label: string;
}

/** 2024 | 2024-03 | 2024-03-15 → [start, end) and a label; null when it is not such a date. */
export function readPeriod(s: string): Period | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const [, y, mo, d] = m;
  const year = Number(y);
  if (!mo) return { start: iso(year, 0, 1), end: iso(year + 1, 0, 1), label: String(year) };
  const month = Number(mo) - 1;
  if (!d) return { start: iso(year, month, 1), end: iso(year, month + 1, 1), label: monthName.format(new Date(iso(year, month, 1))) };
  const day = Number(d);
  const date = new Date(Date.UTC(year, month, day));
  if (date.getUTCMonth() !== month) return null; // 31 April, 29 February of a common year
  return { start: iso(year, month, day), end: iso(year, month, day + 1), label: dayName.format(date) };
}

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m, d)).toISOString();
}

/** Checks and resolves the filters; a malformed value is a clear 400 naming its field. */
export async function resolveFilters(db: Db, input: FilterInput): Promise<{ filter: ResolvedFilter; labels: FilterLabels; active: boolean }> {
  const filter: ResolvedFilter = {};
  const labels: FilterLabels = {};
  const clip = (start: string, end: string) => {
    if (!filter.from || start > filter.from) filter.from = start;
    if (!filter.to || end < filter.to) filter.to = end;
  };
  if (input.year) {
    if (!YEAR.test(input.year)) throw badInput('The year must have four digits, such as 2024.', 'year');
    const p = readPeriod(input.year)!;
    clip(p.start, p.end);
    labels.year = p.label;
  }
  if (input.from) {
    const p = readPeriod(input.from);
    if (!p) throw badInput('"From" must be a date written 2024, 2024-03 or 2024-03-15.', 'from');
    clip(p.start, '9999-12-31T00:00:00.000Z');
    labels.from = p.label;
  }
  if (input.to) {
    const p = readPeriod(input.to);
    if (!p) throw badInput('"To" must be a date written 2024, 2024-03 or 2024-03-15.', 'to');
    clip('0000-01-01T00:00:00.000Z', p.end);
    labels.to = p.label;
  }
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw badInput('The dates leave no time between them: "from" must come before "to".', input.from ? 'from' : 'year');
  }
  if (filter.from === '0000-01-01T00:00:00.000Z') delete filter.from;
  if (filter.to === '9999-12-31T00:00:00.000Z') delete filter.to;

  if (input.tag) {
    if (!checkSlug(input.tag)) throw badInput('A tag is named by its address name, such as "northern-iraq".', 'tag');
    const tag = await findTag(db, input.tag);
    if (tag) {
      filter.tagId = tag.id;
      labels.tag = { slug: tag.slug, name: tag.name, isRegion: tag.isRegion };
    } else {
      filter.impossible = true;
      labels.tag = { slug: input.tag, missing: true };
    }
  }
  if (input.author) {
    if (!checkSlug(input.author)) throw badInput('An author is named by their address name, such as "jane-doe".', 'author');
    const author = await findAuthor(db, input.author);
    if (author) {
      filter.authorId = author.id;
      labels.author = { slug: author.slug, name: author.name };
    } else {
      filter.impossible = true;
      labels.author = { slug: input.author, missing: true };
    }
  }
  const active = Boolean(input.year || input.from || input.to || input.tag || input.author);
  return { filter, labels, active };
}

/** The filter as a condition on `articles`, beside queries.visible(). */
export function matchesFilter(f: ResolvedFilter) {
  return (eb: ExpressionBuilder<Database, 'articles'>) => {
    const conds: Expression<SqlBool>[] = [];
    if (f.from) conds.push(eb('articles.published_at', '>=', f.from));
    if (f.to) conds.push(eb('articles.published_at', '<', f.to));
    if (f.tagId !== undefined) {
      const tagId = f.tagId;
      conds.push(eb.exists(eb.selectFrom('article_tags').select('article_tags.tag_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', tagId)));
    }
    if (f.authorId !== undefined) {
      const authorId = f.authorId;
      conds.push(eb.exists(eb.selectFrom('article_authors').select('article_authors.author_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.author_id', '=', authorId)));
    }
    return eb.and(conds);
  };
}
