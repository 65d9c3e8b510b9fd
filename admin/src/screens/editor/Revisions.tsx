// The revision history: every save, restore, refused (conflicting) save and the writer's own autosave; a
// side-by-side comparison of any of them with the current article, and restoring one.
import { useState } from 'preact/hooks';
import { get, post } from '../../api.ts';
import { Dialog, ErrorText, Status, formatDate, useAction, useLoad } from '../../components/ui.tsx';
import { itemOf, listOf, type AdminArticle } from '../../data.ts';

interface RevisionSummary {
  id: number;
  kind: 'save' | 'autosave' | 'conflict' | 'restore';
  revision: number;
  author: { id: number; name: string } | null;
  createdAt: string;
}

interface Part {
  value: string;
  added?: boolean;
  removed?: boolean;
}

interface Diff {
  fields: Record<string, Part[]>;
}

const KIND: Record<string, string> = {
  save: 'Saved',
  autosave: 'Your autosave',
  conflict: 'Refused save (kept)',
  restore: 'Restored',
};

const FIELD_LABELS: Record<string, string> = {
  kicker: 'Kicker',
  headline: 'Headline',
  standfirst: 'Standfirst',
  bodyHtml: 'Body',
  slug: 'Slug',
  tagIds: 'Tags',
  primaryTagId: 'Primary tag',
  authorIds: 'Authors',
  status: 'Status',
  publishedAt: 'Publication time',
  sticky: 'Sticky',
};

export function RevisionsDialog({ article, onClose, onRestored, dirty }: { article: AdminArticle; onClose(): void; onRestored(a: AdminArticle): void; dirty: boolean }) {
  const list = useLoad(async (signal) => listOf<RevisionSummary>(await get(`/api/admin/articles/${article.id}/revisions`, { signal }), 'revisions'), [article.id, article.revision]);
  const [chosen, setChosen] = useState<RevisionSummary | null>(null);
  const diff = useLoad(
    async (signal) => (chosen ? await get<Diff>(`/api/admin/articles/${article.id}/revisions/${chosen.id}/diff?against=current`, { signal }) : null),
    [chosen?.id],
  );
  const restore = useAction(async () => {
    if (!chosen) return;
    const msg = dirty
      ? 'Restore this revision? Your unsaved changes in the editor will be replaced (the current article stays in the history).'
      : 'Restore this revision? The current version stays in the history.';
    if (!window.confirm(msg)) return;
    const r = await post(`/api/admin/articles/${article.id}/revisions/${chosen.id}/restore`);
    onRestored(itemOf<AdminArticle>(r, 'article'));
  });

  return (
    <Dialog open title="Revisions" onClose={onClose} wide>
      <div class="revisions">
        <div class="revision-list">
          {list.error ? <ErrorText error={list.error} /> : null}
          {list.loading && !list.data ? <Status>Loading…</Status> : null}
          <ul>
            {(list.data ?? []).map((r) => (
              <li key={r.id}>
                <button type="button" class={`revision ${chosen?.id === r.id ? 'active' : ''}`} aria-pressed={chosen?.id === r.id} onClick={() => setChosen(r)}>
                  <span class="rev-kind">
                    {KIND[r.kind] ?? r.kind} {r.kind === 'save' || r.kind === 'restore' ? `· rev. ${r.revision}` : ''}
                    {(r.kind === 'save' || r.kind === 'restore') && r.revision === article.revision ? ' (current)' : ''}
                  </span>
                  <span class="small muted">
                    {formatDate(r.createdAt)}
                    {r.author ? ` · ${r.author.name}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {list.data && !list.data.length ? <p class="muted">No revisions yet.</p> : null}
        </div>
        <div class="revision-diff">
          {!chosen ? (
            <p class="muted">Choose a revision to compare it with the current article.</p>
          ) : diff.error ? (
            <ErrorText error={diff.error} />
          ) : !diff.data ? (
            <Status>Comparing…</Status>
          ) : (
            <>
              <DiffView diff={diff.data} chosen={chosen} />
              <p class="hint">Restoring brings back this revision's text, slug, tags and bylines as a new save; the status, publication time and sticky setting stay as they are.</p>
              {restore.error ? <ErrorText error={restore.error} /> : null}
              <div class="buttons">
                <button type="button" class="primary" disabled={restore.busy} onClick={() => void restore.run()}>
                  {restore.busy ? 'Restoring…' : 'Restore this revision'}
                </button>
              </div>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}

function DiffView({ diff, chosen }: { diff: Diff; chosen: RevisionSummary }) {
  const entries = Object.entries(diff.fields ?? {});
  const changed = entries.filter(([, parts]) => parts.some((p) => p.added || p.removed));
  if (!changed.length) return <p>This revision is the same as the current article.</p>;
  return (
    <div class="compare">
      <div class="compare-head">
        <h3>
          {KIND[chosen.kind] ?? 'Revision'}, {formatDate(chosen.createdAt)}
        </h3>
        <h3>Current article</h3>
      </div>
      {changed.map(([name, parts]) => (
        <section class="compare-row" key={name}>
          <h4>{FIELD_LABELS[name] ?? name}</h4>
          <div class="compare-cols">
            <div class="theirs">
              <p class="diff-text">
                {parts
                  .filter((p) => !p.added)
                  .map((p, i) =>
                    p.removed ? (
                      <del key={i} title="Not in the current article">
                        {p.value}
                      </del>
                    ) : (
                      <span key={i}>{p.value}</span>
                    ),
                  )}
              </p>
            </div>
            <div class="mine">
              <p class="diff-text">
                {parts
                  .filter((p) => !p.removed)
                  .map((p, i) =>
                    p.added ? (
                      <ins key={i} title="Not in this revision">
                        {p.value}
                      </ins>
                    ) : (
                      <span key={i}>{p.value}</span>
                    ),
                  )}
              </p>
            </div>
          </div>
        </section>
      ))}
    </div>
  );
}
