// Bulk writes for importers: authors, tags, articles and pages arriving by the hundred inside the importer's
// own transaction (one per batch), with the same rules as the editor's path — bodies through the sanitiser,
// slugs checked, "published" in the future stored as scheduled, links, the search index and redirects kept in
// step — but with a few statements per batch instead of a dozen per article.
import type { Db, Engine } from '../../../platform/db/index.js';
import { reserveIds } from '../../../platform/db/ids.js';
import { insertRows } from '../../../platform/db/bulk.js';
import { sanitizeHtml } from '../../../platform/html/sanitizer.js';
import { indexWrittenArticles } from '../../search/index.js';
import { checkSlug, slugify } from '../slug.js';
import { monthKeyOf } from '../dates.js';
import { countWords } from './articleInput.js';
import { plannedPath } from './visibility.js';
import type { ArticleStatus } from '../tables.js';
import type { ExportedPage } from '../exportContent.js';

/** Slugs a page may not take: the site's own first path segments (as savePage refuses them). */
export const RESERVED_PAGE_SLUGS = ['page', 'tag', 'author', 'feed', 'admin', 'api', 'assets', 'search', 'comments', 'webhooks', 'media', 'category'];

export function pageSlugAllowed(slug: string): boolean {
  return checkSlug(slug) && !/^\d{4}$/.test(slug) && !RESERVED_PAGE_SLUGS.includes(slug);
}

/** Finds the author with this slug or makes one; `id` names the one an earlier import made (kept as is). */
export async function importAuthor(
  trx: Db,
  a: { id: number | null; slug: string; name: string; bio?: string },
  now: string,
): Promise<{ id: number; slug: string; created: boolean }> {
  if (a.id !== null) {
    const known = await trx.selectFrom('authors').select(['id', 'slug']).where('id', '=', a.id).executeTakeFirst();
    if (known) {
      await trx.updateTable('authors').set(a.bio ? { name: a.name, bio: a.bio } : { name: a.name }).where('id', '=', a.id).execute();
      return { id: a.id, slug: known.slug, created: false };
    }
  }
  const slug = checkSlug(a.slug) ? a.slug : slugify(a.name) || 'author';
  const found = await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
  if (found) return { id: Number(found.id), slug, created: false };
  const row = await trx.insertInto('authors').values({ slug, name: a.name, bio: a.bio ?? '', created_at: now }).returning('id').executeTakeFirstOrThrow();
  return { id: Number(row.id), slug, created: true };
}

/** Finds the tag with this slug or makes one. A tag asked for as a region becomes one (never the reverse). */
export async function importTag(
  trx: Db,
  t: { id: number | null; slug: string; name: string; description?: string; isRegion?: boolean },
  now: string,
): Promise<{ id: number; slug: string; created: boolean }> {
  let id: number | null = null;
  let slug = checkSlug(t.slug) ? t.slug : slugify(t.name) || 'tag';
  if (t.id !== null) {
    const known = await trx.selectFrom('tags').select(['id', 'slug']).where('id', '=', t.id).executeTakeFirst();
    if (known) {
      id = t.id;
      slug = known.slug;
    }
  }
  if (id === null) {
    const found = await trx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
    if (found) id = Number(found.id);
  }
  if (id !== null) {
    const set: { name: string; description?: string; is_region?: number } = { name: t.name };
    if (t.description) set.description = t.description;
    if (t.isRegion) set.is_region = 1;
    await trx.updateTable('tags').set(set).where('id', '=', id).execute();
    return { id, slug, created: false };
  }
  const row = await trx
    .insertInto('tags')
    .values({ slug, name: t.name, description: t.description ?? '', is_region: t.isRegion ? 1 : 0, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), slug, created: true };
}

export interface ImportArticle {
  /** The article an earlier import made (updated in place), or null for a new one. */
  id: number | null;
  slug: string;
  kicker: string;
  headline: string;
  standfirst: string;
  /** Any HTML: it goes through the sanitiser here. */
  bodyHtml: string;
  status: ArticleStatus;
  publishedAt: string | null;
  trashedAt: string | null;
  createdAt: string;
  updatedAt: string;
  authorIds: number[];
  tagIds: number[];
  primaryTagId: number | null;
  /** First on the home page's first page (WordPress's sticky posts). */
  sticky: boolean;
}

export interface ImportedArticle {
  id: number;
  slug: string;
  /** Its public address once it is (or becomes) public; null for drafts. */
  path: string | null;
  revision: number;
  status: ArticleStatus;
  publishedAt: string | null;
}

/**
 * Writes a batch of articles in the caller's transaction: new ones in one statement, earlier imports updated
 * (their revision counted up, so that an editor's stale save is refused as a conflict). A slug already taken in
 * its month by another article gets a suffix. Returns each article's id and address, in input order.
 */
export async function importArticles(trx: Db, engine: Engine, rows: ImportArticle[], now: string): Promise<ImportedArticle[]> {
  if (rows.length === 0) return [];
  const clean = rows.map((r) => {
    const body = sanitizeHtml(r.bodyHtml);
    let status: ArticleStatus = r.status;
    // A draft keeps a date it was given (as the editor's path does) but has no month, so no address.
    const publishedAt = r.status === 'draft' ? r.publishedAt : (r.publishedAt ?? now);
    if (status === 'published' && publishedAt! > now) status = 'scheduled';
    if (status === 'scheduled' && publishedAt! <= now) status = 'published';
    return {
      ...r,
      slug: checkSlug(r.slug) ? r.slug : slugify(r.headline) || 'article',
      status,
      publishedAt,
      monthKey: publishedAt && status !== 'draft' ? monthKeyOf(publishedAt) : null,
      body,
      words: countWords(body),
    };
  });

  // Slugs are unique within a month: take a suffix where another article has this one.
  const slugs = [...new Set(clean.filter((c) => c.monthKey).map((c) => c.slug))];
  const taken = new Map<string, number>();
  for (let i = 0; i < slugs.length; i += 500) {
    const found = await trx.selectFrom('articles').select(['id', 'month_key', 'slug']).where('slug', 'in', slugs.slice(i, i + 500)).where('month_key', 'is not', null).execute();
    for (const f of found) taken.set(`${f.month_key}/${f.slug}`, Number(f.id));
  }
  for (const c of clean) {
    if (!c.monthKey) continue;
    let slug = c.slug;
    for (let n = 2; ; n++) {
      const holder = taken.get(`${c.monthKey}/${slug}`);
      if (holder === undefined || holder === c.id) break;
      slug = `${c.slug.slice(0, 190)}-${n}`;
      if (n > 1000) throw new Error(`Could not find a free slug for "${c.slug}" in ${c.monthKey}.`);
    }
    c.slug = slug;
    taken.set(`${c.monthKey}/${slug}`, c.id ?? -1);
  }

  const fresh = clean.filter((c) => c.id === null);
  const ids = await reserveIds(trx, engine, 'articles', fresh.length);
  fresh.forEach((c, i) => (c.id = ids[i]!));
  // The columns an import sets, on a new row and on one updated in place alike.
  const columns = (c: (typeof clean)[number]) => ({
    slug: c.slug,
    kicker: c.kicker,
    headline: c.headline,
    standfirst: c.standfirst,
    body_html: c.body,
    status: c.status,
    month_key: c.monthKey,
    published_at: c.publishedAt,
    updated_at: c.updatedAt,
    primary_tag_id: c.primaryTagId,
    word_count: c.words,
    trashed_at: c.trashedAt,
    sticky: c.sticky ? 1 : 0,
  });
  const values = fresh.map((c) => ({ id: c.id!, ...columns(c), created_at: c.createdAt }));
  await insertRows(trx, engine, 'articles', values, 100);

  const isFresh = new Set(fresh);
  const revisions = new Map<number, number>();
  for (const c of clean) {
    if (isFresh.has(c)) {
      revisions.set(c.id!, 1);
      continue;
    }
    const row = await trx
      .updateTable('articles')
      .set((eb) => ({ ...columns(c), revision: eb('revision', '+', 1) }))
      .where('id', '=', c.id!)
      .returning('revision')
      .executeTakeFirstOrThrow();
    revisions.set(c.id!, Number(row.revision));
  }

  const updated = clean.filter((c) => !isFresh.has(c)).map((c) => c.id!);
  if (updated.length) {
    await trx.deleteFrom('article_authors').where('article_id', 'in', updated).execute();
    await trx.deleteFrom('article_tags').where('article_id', 'in', updated).execute();
  }
  const authorRows = clean.flatMap((c) => [...new Set(c.authorIds)].map((author_id, position) => ({ article_id: c.id!, author_id, position })));
  const tagRows = clean.flatMap((c) =>
    [...new Set([...(c.primaryTagId !== null ? [c.primaryTagId] : []), ...c.tagIds])].map((tag_id, position) => ({ article_id: c.id!, tag_id, position })),
  );
  await insertRows(trx, engine, 'article_authors', authorRows, 500);
  await insertRows(trx, engine, 'article_tags', tagRows, 500);

  const result: ImportedArticle[] = clean.map((c) => ({
    id: c.id!,
    slug: c.slug,
    path: plannedPath({ status: c.status, month_key: c.monthKey, slug: c.slug, published_at: c.publishedAt }),
    revision: revisions.get(c.id!)!,
    status: c.status,
    publishedAt: c.publishedAt,
  }));
  // An article at a URL that once redirected or was gone takes the URL back.
  const paths = result.map((r) => r.path).filter((p): p is string => p !== null);
  for (let i = 0; i < paths.length; i += 500) await trx.deleteFrom('redirects').where('from_path', 'in', paths.slice(i, i + 500)).execute();
  // Indexed from what was just written, with the names of its tags and authors (in the order of their rows).
  const tagName = await namesOf(trx, 'tags', tagRows.map((r) => r.tag_id));
  const authorName = await namesOf(trx, 'authors', authorRows.map((r) => r.author_id));
  const tagsOf = groupBy(tagRows, (r) => r.article_id, (r) => tagName.get(r.tag_id) ?? '');
  const authorsOf = groupBy(authorRows, (r) => r.article_id, (r) => authorName.get(r.author_id) ?? '');
  await indexWrittenArticles(
    trx,
    clean.map((c) => ({
      id: c.id!,
      status: c.status,
      trashed_at: c.trashedAt,
      headline: c.headline,
      kicker: c.kicker,
      standfirst: c.standfirst,
      body_html: c.body,
      tags: tagsOf.get(c.id!) ?? [],
      authors: authorsOf.get(c.id!) ?? [],
    })),
  );
  return result;
}

async function namesOf(trx: Db, table: 'tags' | 'authors', ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<number, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await trx.selectFrom(table).select(['id', 'name']).where('id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) out.set(Number(r.id), r.name);
  }
  return out;
}

function groupBy<T, V>(rows: T[], key: (r: T) => number, value: (r: T) => V): Map<number, V[]> {
  const out = new Map<number, V[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(value(r));
    out.set(key(r), list);
  }
  return out;
}

/** A page as exported (see exportContent.ts), with the id of the page an earlier import made, or null. */
export type ImportPage = Omit<ExportedPage, 'id'> & { id: number | null };

/** Writes pages in the caller's transaction; a slug held by another page (or kept by the site) gets a suffix. */
export async function importPages(trx: Db, rows: ImportPage[]): Promise<{ id: number; slug: string; updatedAt: string }[]> {
  const out: { id: number; slug: string; updatedAt: string }[] = [];
  for (const r of rows) {
    const base = pageSlugAllowed(r.slug) ? r.slug : pageSlugAllowed(`${r.slug}-page`) ? `${r.slug}-page` : 'page-1';
    let slug = base;
    for (let n = 2; ; n++) {
      const holder = await trx.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst();
      if (!holder || Number(holder.id) === r.id) break;
      slug = `${base.slice(0, 190)}-${n}`;
    }
    const values = { slug, title: r.title, body_html: sanitizeHtml(r.bodyHtml), status: r.status, position: r.position, updated_at: r.updatedAt };
    if (r.id !== null && (await trx.selectFrom('pages').select('id').where('id', '=', r.id).executeTakeFirst())) {
      await trx.updateTable('pages').set(values).where('id', '=', r.id).execute();
      out.push({ id: r.id, slug, updatedAt: r.updatedAt });
    } else {
      const row = await trx.insertInto('pages').values({ ...values, created_at: r.createdAt }).returning('id').executeTakeFirstOrThrow();
      out.push({ id: Number(row.id), slug, updatedAt: r.updatedAt });
    }
    await trx.deleteFrom('redirects').where('from_path', '=', `/${slug}/`).execute();
  }
  return out;
}

/**
 * Old addresses that answer 301 with the new one (an import's permalinks, ?p= links, archives). A redirect
 * already there for the same address is replaced; an address equal to its target is skipped.
 */
export async function importRedirects(trx: Db, rows: { from: string; to: string }[], now: string): Promise<number> {
  const seen = new Map<string, string>();
  for (const r of rows) if (r.from !== r.to && r.from.length <= 2048 && r.to.length <= 2048) seen.set(r.from, r.to);
  const list = [...seen].map(([from_path, to_path]) => ({ from_path, to_path, status: 301, created_at: now }));
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    await trx
      .insertInto('redirects')
      .values(chunk)
      .onConflict((oc) => oc.column('from_path').doUpdateSet({ to_path: (eb) => eb.ref('excluded.to_path'), status: 301 }))
      .execute();
  }
  return list.length;
}
