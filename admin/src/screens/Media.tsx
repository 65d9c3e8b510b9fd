// The media library: upload, browse, and edit each image's alt text, caption and credit.
import { useState } from 'preact/hooks';
import { del, patch } from '../api.ts';
import { Dialog, ErrorText, PageTitle, Status, formatDate, useAction } from '../components/ui.tsx';
import { FigureFields } from '../editor/FigureFields.tsx';
import { MediaBrowser } from '../editor/MediaPicker.tsx';
import { mediaSrc, thumbSrc, type MediaItem } from '../media.ts';
import { atLeast, useSession } from '../session.ts';

export function MediaScreen() {
  const { staff } = useSession();
  const [editing, setEditing] = useState<MediaItem | null>(null);
  const [version, setVersion] = useState(0);
  const [note, setNote] = useState<string | null>(null);
  return (
    <div>
      <PageTitle title="Media">Media library</PageTitle>
      {note ? <Status>{note}</Status> : null}
      <MediaBrowser key={version} canUpload={atLeast(staff, 'author')} onChoose={setEditing} chooseLabel="Edit" />
      {editing ? (
        <MediaEditDialog
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setEditing(null);
            setNote(`Saved the details of ${m.originalFilename ?? 'the image'}.`);
            setVersion((v) => v + 1);
          }}
          onDeleted={(m) => {
            setEditing(null);
            setNote(`Deleted ${m.originalFilename ?? 'the image'} from the library.`);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
    </div>
  );
}

function MediaEditDialog({ item, onClose, onSaved, onDeleted }: { item: MediaItem; onClose(): void; onSaved(m: MediaItem): void; onDeleted(m: MediaItem): void }) {
  const { staff } = useSession();
  // Others' images are an editor's to change (the server enforces it; this only says so up front).
  const mine = atLeast(staff, 'editor') || item.uploadedBy === staff.id;
  const [alt, setAlt] = useState(item.alt ?? '');
  const [caption, setCaption] = useState(item.caption ?? '');
  const [credit, setCredit] = useState(item.credit ?? '');
  const act = useAction(async () => {
    const r = await patch<MediaItem | { media: MediaItem }>(`/api/admin/media/${item.id}`, { alt: alt.trim(), caption: caption.trim(), credit: credit.trim() });
    onSaved(r && 'media' in r ? r.media : (r as MediaItem));
  });
  const remove = useAction(async () => {
    if (!window.confirm('Delete this image from the library? Articles that show it will show a broken image.')) return;
    await del(`/api/admin/media/${item.id}`);
    onDeleted(item);
  });
  return (
    <Dialog open title="Image details" onClose={onClose} wide>
      <form
        class="media-edit"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run();
        }}
      >
        <div>
          <img class="dialog-preview" src={thumbSrc(item, 640)} alt="" />
          <p class="small muted">
            {item.originalFilename} · {item.width}×{item.height}
            {item.bytes ? ` · ${Math.round(item.bytes / 1024)} KB` : ''} · {formatDate(item.createdAt)}
          </p>
          <p class="small">
            <a href={mediaSrc(item)} target="_blank" rel="noopener">
              Open the full-size file
            </a>
          </p>
        </div>
        <div>
          <fieldset disabled={!mine}>
            <FigureFields alt={alt} setAlt={setAlt} caption={caption} setCaption={setCaption} credit={credit} setCredit={setCredit} />
          </fieldset>
          <p class="hint">
            {mine ? 'These are the defaults when the image is inserted into an article; each article can change them.' : 'Someone else uploaded this image: only an editor can change or delete it. Each article can still change its caption and credit where it shows it.'}
          </p>
          <ErrorText error={act.error || remove.error} />
          <div class="buttons">
            {mine ? (
              <>
                <button type="submit" class="primary" disabled={act.busy}>
                  {act.busy ? 'Saving…' : 'Save'}
                </button>
                <button type="button" class="danger" disabled={remove.busy} onClick={() => void remove.run()}>
                  Delete
                </button>
              </>
            ) : null}
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
