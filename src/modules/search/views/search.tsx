// The search page: the form (words, region, dates), the count, removable filter chips, the results with
// their matches marked, and pagination. Everything is text to preact, which escapes it; marks are elements.
import type { Segment } from '../snippet.js';
import type { SearchHit, SearchOutcome } from '../operations/searchArticles.js';
import type { TagRef } from '../../content/queries.js';
import { Byline, DateLine, Kicker } from '../../content/views/parts.js';
import { MAX_QUERY_CHARS } from '../query.js';

export interface Chip {
  label: string;
  /** The same search without this filter. */
  href: string;
}

export interface SearchViewProps {
  outcome: SearchOutcome | null;
  /** What the form shows: the request's values as given. */
  form: { q: string; tag: string; author: string; from: string; to: string; year: string };
  regions: TagRef[];
  chips: Chip[];
  error: string | null;
  prev: string | null;
  next: string | null;
}

export function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

function quoted(q: string): string {
  return `“${q.length > 80 ? `${q.slice(0, 80)}…` : q}”`;
}

function countLine(o: SearchOutcome): string {
  const n = `${o.totalExact ? '' : 'More than '}${o.total.toLocaleString('en-GB')}`;
  if (o.mode === 'browse') return `${n} ${o.total === 1 ? 'article matches' : 'articles match'} these filters`;
  return `${n} ${o.total === 1 ? 'result' : 'results'} for ${quoted(o.q)}`;
}

export function SearchView(p: SearchViewProps) {
  const o = p.outcome;
  const selectedTag = p.form.tag;
  const regionListed = p.regions.some((r) => r.slug === selectedTag);
  return (
    <section class="search" aria-labelledby="search-title">
      <header class="page-header">
        <h1 id="search-title" class="page-title">
          Search
        </h1>
      </header>
      <form class="search-page-form" role="search" action="/search/" method="get">
        <p>
          <label for="search-q">Words to look for</label>{' '}
          <input id="search-q" type="search" name="q" value={p.form.q} maxLength={MAX_QUERY_CHARS} aria-describedby="search-help" />
        </p>
        <p id="search-help" class="form-help">
          All words must be found. Use "quotes" for an exact phrase, a minus sign to leave a word out (-sport), and OR for
          either of two words.
        </p>
        <fieldset>
          <legend>Narrow down</legend>
          <p>
            <label for="search-tag">Region</label>{' '}
            <select id="search-tag" name="tag">
              <option value="">Any region or tag</option>
              {p.regions.map((r) => (
                <option value={r.slug} selected={r.slug === selectedTag}>
                  {r.name}
                </option>
              ))}
              {selectedTag && !regionListed && (
                <option value={selectedTag} selected>
                  {o?.labels.tag && 'name' in o.labels.tag ? o.labels.tag.name : selectedTag}
                </option>
              )}
            </select>
          </p>
          <p>
            <label for="search-from">From</label>{' '}
            <input id="search-from" name="from" value={p.form.from} inputMode="numeric" pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" placeholder="2024 or 2024-03-15" />{' '}
            <label for="search-to">To</label>{' '}
            <input id="search-to" name="to" value={p.form.to} inputMode="numeric" pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" placeholder="2025" />
          </p>
          {p.form.author && <input type="hidden" name="author" value={p.form.author} />}
          {p.form.year && <input type="hidden" name="year" value={p.form.year} />}
        </fieldset>
        <p>
          <button type="submit">Search</button>
        </p>
      </form>

      {p.error && (
        <p class="search-error" role="alert">
          {p.error}
        </p>
      )}

      {p.chips.length > 0 && (
        <ul class="filter-chips tag-list" aria-label="Filters in use">
          {p.chips.map((c) => (
            <li>
              <a class="tag chip" href={c.href} aria-label={`Remove the filter ${c.label}`}>
                {c.label} <span aria-hidden="true">×</span>
              </a>
            </li>
          ))}
        </ul>
      )}

      {o && <Notices outcome={o} />}

      {o && o.mode !== 'none' && (
        <p class="search-count" role="status">
          {countLine(o)}
        </p>
      )}

      {o && o.items.length > 0 && <Results items={o.items} />}

      {o && o.mode !== 'none' && o.total > 0 && o.items.length === 0 && (
        <p>
          There are no results on page {o.page}; the search has {o.pages} {o.pages === 1 ? 'page' : 'pages'}.{' '}
          <a href={p.prev ?? '/search/'}>Go back</a>.
        </p>
      )}

      {o && o.mode !== 'none' && o.total === 0 && !namesMissing(o) && (
        <p>Nothing was found. Check the spelling, use fewer words, or remove a filter.</p>
      )}

      {o && o.pages > 1 && <SearchPagination page={o.page} pages={o.pages} prev={p.prev} next={p.next} />}
    </section>
  );
}

function namesMissing(o: SearchOutcome): boolean {
  return Boolean((o.labels.tag && 'missing' in o.labels.tag) || (o.labels.author && 'missing' in o.labels.author));
}

function Notices({ outcome: o }: { outcome: SearchOutcome }) {
  const notes: string[] = [];
  if (o.query.onlyCommon) {
    notes.push(
      o.query.none.length
        ? 'A search needs at least one word to look for, not only words to leave out.'
        : 'Very common words such as “the” or “of” are not searched for on their own. Add a more specific word.',
    );
  }
  if (o.query.truncated) notes.push('Only the first 32 words of your search were used.');
  if (o.labels.tag && 'missing' in o.labels.tag) notes.push(`There is no region or tag called “${o.labels.tag.slug}”.`);
  if (o.labels.author && 'missing' in o.labels.author) notes.push(`There is no author called “${o.labels.author.slug}”.`);
  if (o.mode === 'none' && !notes.length) {
    notes.push(o.q ? `There are no words to search for in ${quoted(o.q)}. Try other words.` : 'Type a few words to search every article ever published here.');
  }
  if (!notes.length) return null;
  return (
    <div class="search-notices">
      {notes.map((n) => (
        <p class="search-notice">{n}</p>
      ))}
    </div>
  );
}

function Results({ items }: { items: SearchHit[] }) {
  return (
    <ol class="article-list search-results">
      {items.map((a) => (
        <li class="article-card search-result">
          <Kicker article={a} />
          <h2 class="card-headline">
            <a href={a.path}>
              <Marked segments={a.headlineMarked} />
            </a>
          </h2>
          {a.snippet.length > 0 && (
            <p class="snippet">
              <Marked segments={a.snippet} />
            </p>
          )}
          <p class="meta">
            <Byline authors={a.authors} /> <DateLine iso={a.publishedAt} />
          </p>
        </li>
      ))}
    </ol>
  );
}

function SearchPagination({ page, pages, prev, next }: { page: number; pages: number; prev: string | null; next: string | null }) {
  return (
    <nav class="pagination" aria-label="Pages of results">
      {prev && (
        <a rel="prev" href={prev}>
          ← Previous
        </a>
      )}{' '}
      <span class="page-count">
        Page {page} of {pages.toLocaleString('en-GB')}
      </span>{' '}
      {next && (
        <a rel="next" href={next}>
          Next →
        </a>
      )}
    </nav>
  );
}
