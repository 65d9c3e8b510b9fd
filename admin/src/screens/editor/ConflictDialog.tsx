// Someone saved the article while this editor had it open. Both versions side by side; the writer chooses.
// Nothing is lost either way: the server keeps the refused version in the revision history.
import { useState } from 'preact/hooks';
import { Dialog, formatDate } from '../../components/ui.tsx';
import type { AdminArticle, ArticleFields, Author, Tag } from '../../data.ts';
import { htmlBlocks } from './text.ts';

interface Row {
  label: string;
  mine: string[];
  theirs: string[];
}

export function ConflictDialog({
  mine,
  theirs,
  authors,
  tags,
  onClose,
  onKeepMine,
  onTakeTheirs,
}: {
  mine: ArticleFields;
  theirs: AdminArticle;
  authors: Author[];
  tags: Tag[];
  onClose(): void;
  onKeepMine(): Promise<void>;
  onTakeTheirs(): void;
}) {
  const [busy, setBusy] = useState(false);
  const names = (ids: number[], list: Array<{ id: number; name: string }>) => [ids.map((id) => list.find((x) => x.id === id)?.name ?? `#${id}`).join(', ') || '—'];
  const rows: Row[] = [
    { label: 'Kicker', mine: [mine.kicker], theirs: [theirs.kicker] },
    { label: 'Headline', mine: [mine.headline], theirs: [theirs.headline] },
    { label: 'Standfirst', mine: [mine.standfirst], theirs: [theirs.standfirst] },
    { label: 'Body', mine: htmlBlocks(mine.bodyHtml), theirs: htmlBlocks(theirs.bodyHtml) },
    { label: 'Slug', mine: [mine.slug], theirs: [theirs.slug] },
    { label: 'Authors', mine: names(mine.authorIds, authors), theirs: names(theirs.authorIds, authors) },
    { label: 'Tags', mine: names(mine.tagIds, tags), theirs: names(theirs.tagIds, tags) },
    { label: 'Sticky', mine: [mine.sticky ? 'Yes' : 'No'], theirs: [theirs.sticky ? 'Yes' : 'No'] },
  ];
  const differ = rows.filter((r) => r.mine.join('\n') !== r.theirs.join('\n'));
  const same = rows.filter((r) => !differ.includes(r));
  return (
    <Dialog open title="Someone else saved this article while you were editing" onClose={onClose} wide>
      <div class="conflict" role="alert">
        <p>
          <strong>Your changes were not saved.</strong> Another person saved this article at {formatDate(theirs.updatedAt)} (now revision {theirs.revision}).
          Nothing is lost: your version is still in this editor and a copy is kept in the revision history.
        </p>
      </div>
      <p class="small muted">
        {differ.length ? `${differ.length} ${differ.length === 1 ? 'part differs' : 'parts differ'}` : 'The text is the same in both versions'}
        {same.length ? `; the same in both: ${same.map((r) => r.label.toLowerCase()).join(', ')}` : ''}.
      </p>
      <div class="compare" aria-label="Both versions">
        <div class="compare-head">
          <h3>Their version (saved)</h3>
          <h3>Your version (not saved)</h3>
        </div>
        {differ.map((r) => (
          <section key={r.label} class="compare-row">
            <h4>{r.label}</h4>
            <div class="compare-cols">
              <div class="theirs">
                {r.theirs.map((t, i) => (
                  <p key={i}>{t || '—'}</p>
                ))}
              </div>
              <div class="mine">
                {r.mine.map((t, i) => (
                  <p key={i}>{t || '—'}</p>
                ))}
              </div>
            </div>
          </section>
        ))}
      </div>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onKeepMine();
            } finally {
              setBusy(false);
            }
          }}
        >
          Save my version over theirs
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            if (window.confirm('Replace what is in the editor with their version? Your version stays in the revision history.')) onTakeTheirs();
          }}
        >
          Use their version
        </button>
        <button type="button" class="ghost" onClick={onClose}>
          Decide later (keep editing mine)
        </button>
      </div>
    </Dialog>
  );
}
