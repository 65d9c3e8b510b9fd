// The article list: search, filters, sort and page live in the address (a reload or a shared link keeps them), plus bulk actions.
import { useEffect, useState } from 'preact/hooks';
import { get, post, qs } from '../api.ts';
import { ErrorText, PageTitle, Pager, Select, Status, formatDate, useAction, useLoad } from '../components/ui.tsx';
import { loadAuthors, loadTags, STATUS_LABELS, type ArticleSummary, type ListPage } from '../data.ts';
import { Link, setQuery, useLocation } from '../router.tsx';
import { atLeast, useSession } from '../session.ts';

const BULK: Record<string, { label: string; confirm?: string }> = {
  publish: { label: 'Publish' },
  unpublish: { label: 'Unpublish (back to draft)' },
  trash: { label: 'Move to the trash' },
  restore: { label: 'Restore from the trash' },
  delete: { label: 'Delete for good', confirm: 'Delete the selected articles for good? This cannot be undone; their addresses will answer “gone”.' },
};

export function ArticleListScreen() {
  const { query } = useLocation();
  const { staff } = useSession();
  const q = query.get('q') ?? '';
  const status = query.get('status') ?? '';
  const author = query.get('author') ?? '';
  const tag = query.get('tag') ?? '';
  const sort = query.get('sort') ?? 'updated';
  const dir = query.get('dir') ?? '';
  const page = Number(query.get('page') ?? '1') || 1;

  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  useEffect(() => {
    if (search.trim() === q) return;
    const t = setTimeout(() => setQuery({ q: search.trim(), page: null }), 350);
    return () => clearTimeout(t);
  }, [search]);

  const list = useLoad(
    (signal) => get<ListPage<ArticleSummary>>(`/api/admin/articles${qs({ q, status, author, tag, sort, dir, page })}`, { signal }),
    [q, status, author, tag, sort, dir, page],
  );
  const authors = useLoad((s) => loadAuthors(s), []);
  const tags = useLoad((s) => loadTags(s), []);

  const [selected, setSelected] = useState<Set<number>>(new Set());
  useEffect(() => setSelected(new Set()), [q, status, author, tag, sort, dir, page]);
  const [bulkAction, setBulkAction] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const bulk = useAction(async () => {
    const def = BULK[bulkAction];
    if (!def || !selected.size) return;
    if (def.confirm && !window.confirm(def.confirm)) return;
    const r = await post<{ done?: number; failed?: Array<{ id: number; message: string }>; results?: Array<{ id: number; ok: boolean; error?: { message: string } }> }>(
      '/api/admin/articles/bulk',
      { ids: [...selected], action: bulkAction },
    );
    const failures = r?.failed ?? (r?.results ?? []).filter((x) => !x.ok).map((x) => ({ id: x.id, message: x.error?.message ?? 'failed' }));
    const done = r?.done ?? selected.size - failures.length;
    setNote(
      `${def.label}: ${done} article${done === 1 ? '' : 's'} done.` +
        (failures.length ? ` ${failures.length} could not be changed: ${failures.map((f) => `#${f.id} (${f.message})`).join('; ')}` : ''),
    );
    setSelected(new Set());
    list.reload();
  });

  const items = list.data?.items ?? [];
  const allChecked = items.length > 0 && items.every((a) => selected.has(a.id));
  const inTrash = status === 'trash';
  const actions = inTrash ? ['restore', 'delete'] : ['publish', 'unpublish', 'trash'];
  const canPublish = atLeast(staff, 'author');

  const sortBy = (key: string) => {
    const nextDir = sort === key ? (dir === 'asc' || (!dir && key === 'headline') ? 'desc' : 'asc') : '';
    setQuery({ sort: key === 'updated' ? null : key, dir: nextDir || null, page: null });
  };
  const sortState = (key: string): 'ascending' | 'descending' | undefined =>
    sort === key ? ((dir || (key === 'headline' ? 'asc' : 'desc')) === 'asc' ? 'ascending' : 'descending') : undefined;

  return (
    <div>
      <PageTitle
        title="Articles"
        actions={
          <Link href="/admin/articles/new" class="button-like primary">
            New article
          </Link>
        }
      >
        Articles
      </PageTitle>
      <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), setQuery({ q: search.trim(), page: null }))}>
        <div class="field grow">
          <label for="article-search">Search</label>
          <input id="article-search" type="search" value={search} placeholder="Headline, kicker or standfirst" onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        </div>
        <Select
          label="Status"
          value={status}
          onValue={(v) => setQuery({ status: v, page: null })}
          options={[
            { value: '', label: 'All (not in trash)' },
            { value: 'draft', label: 'Drafts' },
            { value: 'scheduled', label: 'Scheduled' },
            { value: 'published', label: 'Published' },
            { value: 'trash', label: 'Trash' },
          ]}
        />
        <Select
          label="Author"
          value={author}
          onValue={(v) => setQuery({ author: v, page: null })}
          options={[{ value: '', label: 'Any author' }, ...(authors.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))]}
        />
        <Select
          label="Tag or region"
          value={tag}
          onValue={(v) => setQuery({ tag: v, page: null })}
          options={[{ value: '', label: 'Any tag' }, ...(tags.data ?? []).map((t) => ({ value: String(t.id), label: t.isRegion ? `${t.name} (region)` : t.name }))]}
        />
      </form>

      <div class="bulk" aria-label="Bulk actions">
        <label for="bulk-action" class="visually-hidden">
          Action for the selected articles
        </label>
        <select id="bulk-action" value={bulkAction} onChange={(e) => setBulkAction((e.target as HTMLSelectElement).value)}>
          <option value="">With {selected.size} selected…</option>
          {actions
            .filter((a) => canPublish || a === 'trash' || a === 'restore')
            .map((a) => (
              <option value={a} key={a}>
                {BULK[a]!.label}
              </option>
            ))}
        </select>
        <button type="button" disabled={!bulkAction || !selected.size || bulk.busy} onClick={() => void bulk.run()}>
          {bulk.busy ? 'Working…' : 'Apply'}
        </button>
        {bulk.error ? <ErrorText error={bulk.error} /> : note ? <Status>{note}</Status> : null}
      </div>

      {list.error ? <ErrorText error={list.error} /> : null}
      <div class="table-wrap">
        <table class="articles">
          <caption class="visually-hidden">Articles{list.data ? `, page ${list.data.page} of ${list.data.pages}` : ''}</caption>
          <thead>
            <tr>
              <th scope="col" class="check-col">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allChecked}
                  onChange={(e) => setSelected((e.target as HTMLInputElement).checked ? new Set(items.map((a) => a.id)) : new Set())}
                />
              </th>
              <th scope="col" aria-sort={sortState('headline')}>
                <button type="button" class="sort" onClick={() => sortBy('headline')}>
                  Headline {arrow(sortState('headline'))}
                </button>
              </th>
              <th scope="col">Status</th>
              <th scope="col" class="hide-narrow">
                Authors
              </th>
              <th scope="col" aria-sort={sortState('published')} class="hide-narrow">
                <button type="button" class="sort" onClick={() => sortBy('published')}>
                  Published {arrow(sortState('published'))}
                </button>
              </th>
              <th scope="col" aria-sort={sortState('updated')}>
                <button type="button" class="sort" onClick={() => sortBy('updated')}>
                  Updated {arrow(sortState('updated'))}
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} class={selected.has(a.id) ? 'selected' : ''}>
                <td class="check-col">
                  <input
                    type="checkbox"
                    aria-label={`Select “${a.headline}”`}
                    checked={selected.has(a.id)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if ((e.target as HTMLInputElement).checked) next.add(a.id);
                      else next.delete(a.id);
                      setSelected(next);
                    }}
                  />
                </td>
                <td>
                  {a.kicker ? <span class="kicker">{a.kicker}</span> : null}
                  <Link href={`/admin/articles/${a.id}`} class="headline-link">
                    {a.headline || '(no headline)'}
                  </Link>
                  {a.sticky ? (
                    <>
                      {' '}
                      <span class="badge sticky">Sticky</span>
                    </>
                  ) : null}
                  {a.tags.length ? <span class="muted small"> · {a.tags.map((t) => t.name).join(', ')}</span> : null}
                </td>
                <td>
                  <span class={`badge ${a.trashedAt ? 'trash' : a.status}`}>{a.trashedAt ? STATUS_LABELS.trash : STATUS_LABELS[a.status]}</span>
                </td>
                <td class="hide-narrow">{a.authors.map((x) => x.name).join(', ')}</td>
                <td class="hide-narrow">{a.publishedAt && a.status !== 'draft' ? formatDate(a.publishedAt) : '—'}</td>
                <td>{formatDate(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && !items.length ? (
        <p class="empty">{q || status || author || tag ? 'No article matches these filters.' : 'No articles yet. Write the first one.'}</p>
      ) : null}
      {list.loading && !list.data ? <Status>Loading articles…</Status> : null}
      {list.data ? <Pager page={list.data.page} pages={list.data.pages} total={list.data.total} onPage={(p) => setQuery({ page: p > 1 ? p : null }, false)} noun="article" /> : null}
    </div>
  );
}

function arrow(s: 'ascending' | 'descending' | undefined) {
  return s ? <span aria-hidden="true">{s === 'ascending' ? '▲' : '▼'}</span> : null;
}
