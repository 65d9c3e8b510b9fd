// Comment moderation (editor and above): filter by status and article, approve / hold / spam / trash / delete in
// bulk or one at a time, and the comment settings. Status, article and page live in the address.
import { useEffect, useState } from 'preact/hooks';
import { get, post, put, qs } from '../api.ts';
import { Checkbox, ErrorText, Field, PageTitle, Pager, Select, Status, formatDate, useAction, useLoad } from '../components/ui.tsx';
import { setQuery, useLocation } from '../router.tsx';

type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

interface AdminComment {
  id: number;
  articleId: number;
  articleHeadline: string;
  articlePath: string;
  parentId: number | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  body: string;
  ip: string;
  heldFor: string[];
  createdAt: string;
}

interface CommentPage {
  items: AdminComment[];
  total: number;
  page: number;
  pages: number;
  counts: Record<CommentStatus, number>;
}

interface CommentSettings {
  holdAll: boolean;
  holdFirstTime: boolean;
  maxLinks: number;
  moderationWords: string[];
  blockedWords: string[];
  maxDepth: number;
  perPage: number;
  order: 'oldest' | 'newest';
  autoCloseDays: number;
  avatars: boolean;
  minSeconds: number;
  powBits: number;
  limits: { burst: number; burstSeconds: number; hourly: number };
}

const STATUS_LABEL: Record<CommentStatus, string> = { pending: 'Pending', approved: 'Approved', spam: 'Spam', trash: 'Trash' };
const ACTIONS: Record<string, { label: string; confirm?: string }> = {
  approve: { label: 'Approve' },
  pending: { label: 'Unapprove (hold)' },
  spam: { label: 'Mark as spam' },
  trash: { label: 'Move to the trash' },
  delete: { label: 'Delete for good', confirm: 'Delete the selected comments for good? This cannot be undone.' },
};

export function CommentsScreen() {
  const { query } = useLocation();
  const status = (query.get('status') ?? 'pending') as CommentStatus | 'all';
  const article = query.get('article') ?? '';
  const page = Number(query.get('page') ?? '1') || 1;
  const [tab, setTab] = useState<'list' | 'settings'>('list');

  const list = useLoad(
    (signal) => get<CommentPage>(`/api/admin/comments${qs({ status: status === 'all' ? '' : status, article, page })}`, { signal }),
    [status, article, page],
  );
  const [selected, setSelected] = useState<Set<number>>(new Set());
  useEffect(() => setSelected(new Set()), [status, article, page]);
  const [note, setNote] = useState<string | null>(null);

  const act = useAction(async (ids: number[], action: string) => {
    const def = ACTIONS[action];
    if (!def || !ids.length) return;
    if (def.confirm && !window.confirm(def.confirm)) return;
    const r = await post<{ done: number[]; missing: number[] }>('/api/admin/comments/bulk', { ids, action });
    setNote(`${def.label}: ${r.done.length} comment${r.done.length === 1 ? '' : 's'} done.${r.missing.length ? ` ${r.missing.length} no longer existed.` : ''}`);
    setSelected(new Set());
    list.reload();
  });
  const [bulkAction, setBulkAction] = useState('');

  const items = list.data?.items ?? [];
  const counts = list.data?.counts;
  const allChecked = items.length > 0 && items.every((c) => selected.has(c.id));

  return (
    <div>
      <PageTitle
        title="Comments"
        actions={
          <button type="button" class="ghost" onClick={() => setTab(tab === 'list' ? 'settings' : 'list')}>
            {tab === 'list' ? 'Settings' : 'Back to the comments'}
          </button>
        }
      >
        Comments
      </PageTitle>
      {tab === 'settings' ? (
        <CommentSettingsForm />
      ) : (
        <>
          <form class="filters" onSubmit={(e) => e.preventDefault()}>
            <Select
              label="Status"
              value={status}
              onValue={(v) => setQuery({ status: v === 'pending' ? null : v, page: null })}
              options={[
                ...(['pending', 'approved', 'spam', 'trash'] as const).map((s) => ({ value: s, label: `${STATUS_LABEL[s]}${counts ? ` (${counts[s]})` : ''}` })),
                { value: 'all', label: 'All' },
              ]}
            />
            <Field label="Article id" value={article} onValue={(v) => setQuery({ article: v.trim() || null, page: null })} inputMode="numeric" />
          </form>

          <div class="bulk" aria-label="Bulk actions">
            <label for="comment-bulk-action" class="visually-hidden">
              Action for the selected comments
            </label>
            <select id="comment-bulk-action" value={bulkAction} onChange={(e) => setBulkAction((e.target as HTMLSelectElement).value)}>
              <option value="">With {selected.size} selected…</option>
              {Object.entries(ACTIONS).map(([k, a]) => (
                <option value={k} key={k}>
                  {a.label}
                </option>
              ))}
            </select>
            <button type="button" disabled={!bulkAction || !selected.size || act.busy} onClick={() => void act.run([...selected], bulkAction)}>
              {act.busy ? 'Working…' : 'Apply'}
            </button>
            {act.error ? <ErrorText error={act.error} /> : note ? <Status>{note}</Status> : null}
          </div>

          {list.error ? <ErrorText error={list.error} /> : null}
          <div class="table-wrap">
            <table class="comments-table">
              <caption class="visually-hidden">Comments{list.data ? `, page ${list.data.page} of ${list.data.pages}` : ''}</caption>
              <thead>
                <tr>
                  <th scope="col" class="check-col">
                    <input type="checkbox" aria-label="Select all on this page" checked={allChecked} onChange={(e) => setSelected((e.target as HTMLInputElement).checked ? new Set(items.map((c) => c.id)) : new Set())} />
                  </th>
                  <th scope="col">Author</th>
                  <th scope="col">Comment</th>
                  <th scope="col" class="hide-narrow">
                    On
                  </th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} class={selected.has(c.id) ? 'selected' : ''}>
                    <td class="check-col">
                      <input
                        type="checkbox"
                        aria-label={`Select the comment by ${c.authorName}`}
                        checked={selected.has(c.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if ((e.target as HTMLInputElement).checked) next.add(c.id);
                          else next.delete(c.id);
                          setSelected(next);
                        }}
                      />
                    </td>
                    <td>
                      <strong>{c.authorName}</strong>
                      <div class="small">{c.authorEmail}</div>
                      {c.authorUrl ? <div class="small muted">{c.authorUrl}</div> : null}
                      <div class="small muted">{c.ip}</div>
                    </td>
                    <td>
                      <span class={`badge ${c.status}`}>{STATUS_LABEL[c.status]}</span> <span class="muted small">{formatDate(c.createdAt)}</span>
                      {c.parentId ? <span class="muted small"> · reply to #{c.parentId}</span> : null}
                      {c.heldFor.length ? <div class="small muted">Held: {c.heldFor.join(', ')}</div> : null}
                      <p class="comment-text">{c.body}</p>
                    </td>
                    <td class="hide-narrow">
                      <a href={`${c.articlePath}#comments`} target="_blank" rel="noopener">
                        {c.articleHeadline}
                      </a>
                    </td>
                    <td>
                      <div class="row-actions">
                        {c.status !== 'approved' ? (
                          <button type="button" disabled={act.busy} onClick={() => void act.run([c.id], 'approve')}>
                            Approve
                          </button>
                        ) : (
                          <button type="button" class="ghost" disabled={act.busy} onClick={() => void act.run([c.id], 'pending')}>
                            Unapprove
                          </button>
                        )}
                        {c.status !== 'spam' ? (
                          <button type="button" class="ghost" disabled={act.busy} onClick={() => void act.run([c.id], 'spam')}>
                            Spam
                          </button>
                        ) : null}
                        {c.status !== 'trash' ? (
                          <button type="button" class="ghost" disabled={act.busy} onClick={() => void act.run([c.id], 'trash')}>
                            Trash
                          </button>
                        ) : (
                          <button type="button" class="ghost danger" disabled={act.busy} onClick={() => void act.run([c.id], 'delete')}>
                            Delete for good
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data && !items.length ? <p class="empty">No comments here.</p> : null}
          {list.loading && !list.data ? <Status>Loading comments…</Status> : null}
          {list.data ? <Pager page={list.data.page} pages={list.data.pages} total={list.data.total} onPage={(p) => setQuery({ page: p > 1 ? p : null }, false)} noun="comment" /> : null}
        </>
      )}
    </div>
  );
}

function CommentSettingsForm() {
  const loaded = useLoad((signal) => get<CommentSettings>('/api/admin/comments/settings', { signal }), []);
  const [s, setS] = useState<CommentSettings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setS(loaded.data);
  }, [loaded.data]);
  const save = useAction(async () => {
    if (!s) return;
    setSaved(false);
    setS(await put<CommentSettings>('/api/admin/comments/settings', s));
    setSaved(true);
  });
  if (loaded.error) return <ErrorText error={loaded.error} />;
  if (!s) return <Status>Loading settings…</Status>;
  const num = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : (v as unknown as number));
  const set = <K extends keyof CommentSettings>(k: K, v: CommentSettings[K]) => setS({ ...s, [k]: v });
  return (
    <form
      class="narrow-page"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <h2>Moderation</h2>
      <Checkbox label="Hold every comment for moderation" checked={s.holdAll} onChange={(v) => set('holdAll', v)} />
      <Checkbox label="Hold comments from addresses with no approved comment yet" checked={s.holdFirstTime} onChange={(v) => set('holdFirstTime', v)} />
      <Field label="Hold a comment with more than this many links" value={String(s.maxLinks)} onValue={(v) => set('maxLinks', num(v))} inputMode="numeric" />
      <Field label="Moderation words (one a line): hold a comment containing one" textarea rows={4} value={s.moderationWords.join('\n')} onValue={(v) => set('moderationWords', v.split('\n'))} />
      <Field label="Blocked words, addresses and IPs (one a line): refuse a comment containing one" textarea rows={4} value={s.blockedWords.join('\n')} onValue={(v) => set('blockedWords', v.split('\n'))} />
      <Field label="Close comments this many days after publication (0: never)" value={String(s.autoCloseDays)} onValue={(v) => set('autoCloseDays', num(v))} inputMode="numeric" />
      <h2>Display</h2>
      <Field label="Replies nest this deep" value={String(s.maxDepth)} onValue={(v) => set('maxDepth', num(v))} inputMode="numeric" />
      <Field label="Top-level comments a page (0: all on one page)" value={String(s.perPage)} onValue={(v) => set('perPage', num(v))} inputMode="numeric" />
      <Select
        label="Order"
        value={s.order}
        onValue={(v) => set('order', v as 'oldest' | 'newest')}
        options={[
          { value: 'oldest', label: 'Oldest first' },
          { value: 'newest', label: 'Newest first' },
        ]}
      />
      <Checkbox label="Show identicons (drawn here, from a salted hash)" checked={s.avatars} onChange={(v) => set('avatars', v)} />
      <h2>Spam defences</h2>
      <Field label="Seconds a person needs at least to write" value={String(s.minSeconds)} onValue={(v) => set('minSeconds', num(v))} inputMode="numeric" />
      <Field label="Proof-of-work difficulty for doubtful comments (bits, 0: off)" value={String(s.powBits)} onValue={(v) => set('powBits', num(v))} inputMode="numeric" />
      <Field label="Comments from one address or email in a burst" value={String(s.limits.burst)} onValue={(v) => set('limits', { ...s.limits, burst: num(v) })} inputMode="numeric" />
      <Field label="Length of a burst (seconds)" value={String(s.limits.burstSeconds)} onValue={(v) => set('limits', { ...s.limits, burstSeconds: num(v) })} inputMode="numeric" />
      <Field label="Comments from one address or email an hour" value={String(s.limits.hourly)} onValue={(v) => set('limits', { ...s.limits, hourly: num(v) })} inputMode="numeric" />
      <p>
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save settings'}
        </button>
      </p>
      {save.error ? <ErrorText error={save.error} /> : saved ? <Status>Settings saved.</Status> : null}
    </form>
  );
}
