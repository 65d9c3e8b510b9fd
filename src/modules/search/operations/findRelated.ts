import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.js';
import { visible, type ArticleSummary } from '../../content/queries.js';
import { engineOf, tsquery } from '../engine.js';
import { hydrate } from '../hydrate.js';
import { toFts5, toTsqueryTree, type ParsedQuery } from '../query.js';
import { visibleArticles } from '../ranking.js';
import { isStopword, matchKey, words } from '../text.js';

export const RELATED_COUNT = 4;
/** Articles looked at: those within this many ids (about the same time) of the article… */
const WINDOW = 10_000;
/** …and of those, at most this many, nearest first, for its words and for each of its tags. */
const LOOK_AT = 300;
const MAX_TERMS = 8;

/**
 * Articles to read next, for the foot of an article: shared words (its headline's and its tags' names, in
 * another article's headline — worth more — or kicker, standfirst or tags) and shared tags, each scored 0–1
 * and mixed 60/40. Bounded work whatever the archive's size: only articles from about the same time, and a
 * few hundred of them. The same scoring on both engines (the index only finds the candidates). Only visible
 * articles, never the article itself.
 */
export async function findRelated(db: Db, articleId: number, now: string, count = RELATED_COUNT): Promise<ArticleSummary[]> {
  const article = await db.selectFrom('articles').select(['headline']).where('id', '=', articleId).executeTakeFirst();
  if (!article) return [];
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.name'])
    .where('article_tags.article_id', '=', articleId)
    .execute();
  const lo = articleId - WINDOW;
  const hi = articleId + WINDOW;

  // Candidates: articles with any of the words in a strong field, and articles sharing a tag.
  const terms = contentWords([...words(article.headline), ...tags.flatMap((t) => words(t.name))]).slice(0, MAX_TERMS);
  const keys = terms.map((w) => matchKey(w));
  const byWords = terms.length ? await withWords(db, terms, articleId, lo, hi) : [];
  const shared = new Map<number, number>();
  for (const t of tags) {
    const rows = await db
      .selectFrom('article_tags')
      .select('article_id')
      .where('tag_id', '=', Number(t.id))
      .where('article_id', '>=', lo)
      .where('article_id', '<=', hi)
      .where('article_id', '!=', articleId)
      .orderBy(sql`abs(article_id - ${articleId})`)
      .limit(LOOK_AT)
      .execute();
    for (const r of rows) shared.set(Number(r.article_id), (shared.get(Number(r.article_id)) ?? 0) + 1);
  }
  const candidates = [...new Set([...byWords, ...shared.keys()])];
  if (candidates.length === 0) return [];
  const shown = new Set((await visibleArticles(db).select('articles.id').where('articles.id', 'in', candidates).where(visible(now)).execute()).map((r) => Number(r.id)));
  const ids = candidates.filter((id) => shown.has(id));
  if (ids.length === 0) return [];

  // Word scores from the candidates' own texts: a shared word counts 3 in the headline, 1 elsewhere.
  const texts = await db.selectFrom('articles').select(['id', 'headline', 'kicker', 'standfirst']).where('id', 'in', ids).execute();
  const tagNames = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.name'])
    .where('article_tags.article_id', 'in', ids)
    .execute();
  const otherWords = new Map<number, string[]>();
  for (const r of tagNames) otherWords.set(Number(r.article_id), [...(otherWords.get(Number(r.article_id)) ?? []), ...words(r.name)]);
  const wanted = new Set(keys);
  const wordScore = new Map<number, number>();
  for (const t of texts) {
    const id = Number(t.id);
    const inHeadline = new Set(words(t.headline).map(matchKey));
    const elsewhere = new Set([...words(`${t.kicker} ${t.standfirst}`), ...(otherWords.get(id) ?? [])].map(matchKey));
    let s = 0;
    for (const k of wanted) s += inHeadline.has(k) ? 3 : elsewhere.has(k) ? 1 : 0;
    wordScore.set(id, s);
  }
  const top = Math.max(0, ...wordScore.values());
  const score = (id: number) => (top > 0 ? (0.6 * (wordScore.get(id) ?? 0)) / top : 0) + (tags.length ? (0.4 * (shared.get(id) ?? 0)) / tags.length : 0);
  const best = ids
    .map((id) => ({ id, s: score(id) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || Math.abs(a.id - articleId) - Math.abs(b.id - articleId) || b.id - a.id)
    .slice(0, count)
    .map((x) => x.id);
  const rows = await hydrate(db, best);
  return rows.map(({ bodyHtml: _, ...a }) => a);
}

/** The content words (no common words, no single letters), lower case, one per match key. */
function contentWords(ws: string[]): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  for (const w of ws) {
    const key = matchKey(w);
    if (isStopword(w) || key.length < 2 || keys.has(key)) continue;
    keys.add(key);
    out.push(w.toLowerCase());
  }
  return out;
}

/** Ids of articles in [lo, hi] (not `except`) with any of these words in a headline, kicker, standfirst or tag. */
async function withWords(db: Db, terms: string[], except: number, lo: number, hi: number): Promise<number[]> {
  const query: ParsedQuery = { all: [terms.map((text) => ({ kind: 'word' as const, text }))], none: [], truncated: false, onlyCommon: false };
  if (engineOf(db) === 'sqlite') {
    // cast(… as integer): FTS5 drops a rowid constraint bound as REAL (better-sqlite3 binds numbers so).
    const r = await sql<{ id: number }>`select rowid as id from article_strong_fts
      where article_strong_fts match ${toFts5(query)!}
        and rowid between cast(${lo} as integer) and cast(${hi} as integer) and +rowid != ${except}
      order by rowid desc limit ${LOOK_AT}`.execute(db);
    return r.rows.map((x) => Number(x.id));
  }
  const r = await sql<{ id: number }>`select article_id as id from article_search_strong
    where article_id between ${lo} and ${hi} and article_id <> ${except} and strong @@ ${tsquery(toTsqueryTree(query)!)}
    order by article_id desc limit ${LOOK_AT}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}
