// Choosing an image for the article: upload a new one or pick from the library, then set its alt text,
// caption and credit for this use.
import { useEffect, useId, useState } from 'preact/hooks';
import { Dialog, ErrorText, Pager, Status, useAction, useLoad } from '../components/ui.tsx';
import { ACCEPT, figureFromMedia, listMedia, thumbSrc, uploadMedia, type MediaItem } from '../media.ts';
import type { FigureAttrs } from './extensions.ts';
import { FigureFields } from './FigureFields.tsx';

export function MediaPicker({ open, onClose, afterClose, onPick, canUpload }: { open: boolean; onClose(): void; afterClose?(): void; onPick(a: FigureAttrs): void; canUpload: boolean }) {
  const [chosen, setChosen] = useState<MediaItem | null>(null);
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  useEffect(() => {
    if (open) setChosen(null);
  }, [open]);
  const choose = (m: MediaItem) => {
    setChosen(m);
    setAlt(m.alt ?? '');
    setCaption(m.caption ?? '');
    setCredit(m.credit ?? '');
  };
  return (
    <Dialog open={open} title={chosen ? 'Image details' : 'Insert an image'} onClose={onClose} afterClose={afterClose} wide>
      {chosen ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onPick(figureFromMedia(chosen, { alt: alt.trim(), caption: caption.trim(), credit: credit.trim() }));
          }}
        >
          <img class="dialog-preview" src={thumbSrc(chosen, 640)} alt="" />
          <FigureFields alt={alt} setAlt={setAlt} caption={caption} setCaption={setCaption} credit={credit} setCredit={setCredit} />
          <div class="buttons">
            <button type="submit" class="primary">
              Insert image
            </button>
            <button type="button" onClick={() => setChosen(null)}>
              Choose another
            </button>
          </div>
        </form>
      ) : (
        <MediaBrowser onChoose={choose} canUpload={canUpload} />
      )}
    </Dialog>
  );
}

/** Upload + searchable grid; used by the picker and the media library screen. */
export function MediaBrowser({ onChoose, canUpload, chooseLabel = 'Choose' }: { onChoose(m: MediaItem): void; canUpload: boolean; chooseLabel?: string }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => listMedia(page, query, signal), [page, query]);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const fileId = useId();
  const up = useAction(async (files: FileList) => {
    let last: MediaItem | null = null;
    for (const f of [...files]) last = await uploadMedia(f);
    setUploaded(`${files.length === 1 ? 'Uploaded.' : `Uploaded ${files.length} images.`}`);
    setPage(1);
    list.reload();
    if (last && files.length === 1) onChoose(last);
  });
  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(q.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(t);
  }, [q]);
  return (
    <div class="media-browser">
      {canUpload ? (
        <div class="upload">
          <label for={fileId} class="button-like">
            {up.busy ? 'Uploading…' : 'Upload images'}
          </label>
          <input
            id={fileId}
            class="visually-hidden"
            type="file"
            accept={ACCEPT}
            multiple
            disabled={up.busy}
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              if (input.files?.length) void up.run(input.files).finally(() => (input.value = ''));
            }}
          />
          <span class="hint">JPEG, PNG, WebP, AVIF or GIF. Location and camera data are removed.</span>
          {up.error ? <ErrorText error={up.error} /> : uploaded ? <Status>{uploaded}</Status> : null}
        </div>
      ) : null}
      <div class="field">
        <label for={`${fileId}-q`}>Search the library</label>
        <input id={`${fileId}-q`} type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder="File name, alt text, caption or credit" />
      </div>
      {list.error ? <ErrorText error={list.error} /> : null}
      {list.data ? (
        list.data.items.length ? (
          <ul class="media-grid">
            {list.data.items.map((m) => (
              <li key={m.id}>
                <button type="button" class="media-tile" onClick={() => onChoose(m)} aria-label={`${chooseLabel}: ${m.alt || m.originalFilename || `image ${m.id}`}`}>
                  <img src={thumbSrc(m)} alt="" loading="lazy" width={160} height={Math.round((160 * (m.height || 1)) / (m.width || 1))} />
                  <span class="media-name">{m.alt || m.originalFilename || `Image ${m.id}`}</span>
                  {!m.alt ? <span class="badge warn">No alt text</span> : null}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{query ? 'No image matches that search.' : 'The library is empty. Upload the first image.'}</p>
        )
      ) : list.loading ? (
        <Status>Loading the library…</Status>
      ) : null}
      {list.data ? <Pager page={list.data.page} pages={list.data.pages} total={list.data.total} onPage={setPage} noun="image" /> : null}
    </div>
  );
}
