// The article editor: text fields, the Tiptap body, metadata, autosave, save with conflict handling, the
// publishing actions, and the revision history.
import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, del, getEarly, messageOf, post, put } from '../api.ts';
import { Checkbox, Dialog, ErrorText, Field, PageTitle, Status, formatDate, fromLocalInput, toLocalInput, useLoad } from '../components/ui.tsx';
import {
  countWords,
  itemOf,
  loadAuthors,
  loadTags,
  readingMinutes,
  STATUS_LABELS,
  type AdminArticle,
  type ArticleFields,
  type Author,
  type Tag,
} from '../data.ts';
import { RichText } from '../editor/RichText.tsx';
import { Link, navigate, setLeaveGuard } from '../router.tsx';
import { atLeast, useSession } from '../session.ts';
import { ConflictDialog } from './editor/ConflictDialog.tsx';
import { RevisionsDialog } from './editor/Revisions.tsx';
import { AuthorPicker, TagPicker } from './editor/Pickers.tsx';

/** The fields a Save sends; status and the publication time change through the publishing actions. */
const CONTENT_FIELDS = ['headline', 'kicker', 'standfirst', 'bodyHtml', 'slug', 'tagIds', 'primaryTagId', 'authorIds', 'sticky'] as const;
type ContentFields = Pick<ArticleFields, (typeof CONTENT_FIELDS)[number]>;

const AUTOSAVE_IDLE_MS = 2000;
const AUTOSAVE_MAX_MS = 8000;

function contentOf(f: ArticleFields): ContentFields {
  const out = {} as Record<string, unknown>;
  for (const k of CONTENT_FIELDS) out[k] = f[k];
  return out as ContentFields;
}
const snapshot = (f: ArticleFields) => JSON.stringify(contentOf(f));

function emptyFields(authorId: number): ArticleFields {
  return { headline: '', kicker: '', standfirst: '', bodyHtml: '', slug: '', tagIds: [], primaryTagId: null, authorIds: [authorId], status: 'draft', publishedAt: null, sticky: false };
}

function fieldsOf(a: AdminArticle): ArticleFields {
  return {
    headline: a.headline,
    kicker: a.kicker,
    standfirst: a.standfirst,
    bodyHtml: a.bodyHtml,
    slug: a.slug,
    tagIds: a.tagIds,
    primaryTagId: a.primaryTagId,
    authorIds: a.authorIds,
    status: a.status,
    publishedAt: a.publishedAt,
    sticky: a.sticky,
  };
}

type SaveState =
  | { kind: 'clean' }
  | { kind: 'unsaved' }
  | { kind: 'autosaving' }
  | { kind: 'autosaved'; at: string }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; message: string };

/**
 * The article a new-article editor has just created. Its address changes to /admin/articles/:id while the same
 * editor stays on screen: the app keeps rendering that editor (not a fresh one that would reload from the
 * server and drop what was typed meanwhile) until it is left.
 */
export const adoptedArticle: { id: number | null } = { id: null };

export function ArticleEditorScreen({ id }: { id: number | null }) {
  useEffect(() => () => {
    if (id === null) adoptedArticle.id = null;
  }, [id]);
  const loaded = useLoad(async (signal) => (id ? itemOf<AdminArticle>(await getEarly(`/api/admin/articles/${id}`, { signal }), 'article') : null), [id]);
  const tags = useLoad((s) => loadTags(s), []);
  const authors = useLoad((s) => loadAuthors(s), []);
  if (loaded.error) {
    return (
      <div>
        <PageTitle title="Article">Article</PageTitle>
        <ErrorText error={loaded.error} />
        <p>
          <Link href="/admin/articles">Back to the articles</Link>
        </p>
      </div>
    );
  }
  if (id && !loaded.data) return <Status>Loading the article…</Status>;
  return <EditorForm initial={loaded.data} tags={tags.data ?? []} authors={authors.data ?? []} reloadTags={tags.reload} />;
}

function EditorForm({ initial, tags, authors, reloadTags }: { initial: AdminArticle | null; tags: Tag[]; authors: Author[]; reloadTags(): void }) {
  const { staff } = useSession();
  const [server, setServer] = useState<AdminArticle | null>(initial);
  const [f, setF] = useState<ArticleFields>(() => (initial ? fieldsOf(initial) : emptyFields(staff.authorId)));
  const [text, setText] = useState('');
  const [save, setSave] = useState<SaveState>({ kind: 'clean' });
  const [actionError, setActionError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [conflict, setConflict] = useState<AdminArticle | null>(null);
  const [showRevisions, setShowRevisions] = useState(false);
  const [offerAutosave, setOfferAutosave] = useState(!!initial?.autosave);
  const [publishAt, setPublishAt] = useState(toLocalInput(initial?.publishedAt));

  const editorRef = useRef<Editor | null>(null);
  // Everything the timers read, current at all times.
  const fRef = useRef(f);
  fRef.current = f;
  const serverRef = useRef(server);
  serverRef.current = server;
  /** The content as last saved to the article (a save, a publish, a restore). */
  const savedSnap = useRef<string | null>(null);
  /** The content as last autosaved. */
  const autoSnap = useRef<string | null>(null);
  const lastChange = useRef(0);
  const firstUnsaved = useRef(0);
  const inFlight = useRef(false);
  /** Server writes (create, autosave, save) run one after another, each seeing the answer of the one before. */
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const serial = useCallback(<T,>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.current.then(fn, fn);
    chain.current = p.catch(() => undefined);
    return p;
  }, []);

  const dirty = savedSnap.current !== null && snapshot(f) !== savedSnap.current;

  const update = useCallback((patch: Partial<ArticleFields>) => {
    setF((old) => ({ ...old, ...patch }));
    lastChange.current = Date.now();
    if (!firstUnsaved.current) firstUnsaved.current = Date.now();
    setSave((s) => (s.kind === 'saving' || s.kind === 'autosaving' ? s : { kind: 'unsaved' }));
  }, []);

  const onBody = useCallback(
    (html: string, plain: string) => {
      setText(plain);
      if (savedSnap.current === null) {
        // The editor's first rendering of the stored body is the baseline: opening an article changes nothing.
        const base = { ...fRef.current, bodyHtml: html };
        savedSnap.current = snapshot(base);
        autoSnap.current = savedSnap.current;
        setF(base);
        return;
      }
      if (html !== fRef.current.bodyHtml) update({ bodyHtml: html });
    },
    [update],
  );

  /** Put a whole version into the form and the editor (restore, theirs after a conflict, an autosave). */
  const loadVersion = useCallback((fields: ArticleFields, asSaved: boolean, asAutosaved = false) => {
    const ed = editorRef.current;
    let html = fields.bodyHtml;
    if (ed) {
      ed.commands.setContent(fields.bodyHtml, { emitUpdate: false });
      html = ed.getHTML();
      setText(ed.getText());
    }
    const next = { ...fields, bodyHtml: html };
    setF(next);
    if (asSaved) {
      savedSnap.current = snapshot(next);
      autoSnap.current = savedSnap.current;
      firstUnsaved.current = 0;
    } else if (asAutosaved) {
      // Already kept on the server as this person's autosave.
      autoSnap.current = snapshot(next);
    } else {
      lastChange.current = Date.now();
      firstUnsaved.current = Date.now();
    }
    setPublishAt(toLocalInput(fields.publishedAt));
  }, []);

  const adopt = useCallback((a: AdminArticle) => {
    serverRef.current = a;
    setServer(a);
    setF((old) => ({ ...old, status: a.status, publishedAt: a.publishedAt, slug: old.slug || a.slug }));
    if (a.publishedAt) setPublishAt(toLocalInput(a.publishedAt));
  }, []);

  const showError = (err: unknown) => {
    if (err instanceof ApiError && err.field && err.field !== 'revision') setFieldError({ field: err.field, message: err.message });
    else setFieldError(null);
    setActionError(err);
  };

  /** A new article becomes a draft on the server as soon as it has a headline. */
  const create = useCallback(async (): Promise<AdminArticle> => {
    const fields = fRef.current;
    const body = { ...contentOf(fields), ...(fields.publishedAt ? { publishedAt: fields.publishedAt } : {}) };
    const a = itemOf<AdminArticle>(await post('/api/admin/articles', body), 'article');
    serverRef.current = a;
    setServer(a);
    // The server made the slug from the headline: that is part of what is saved, not an edit.
    savedSnap.current = snapshot({ ...fields, slug: fields.slug || a.slug });
    autoSnap.current = savedSnap.current;
    fRef.current = { ...fRef.current, slug: fRef.current.slug || a.slug };
    if (snapshot(fRef.current) === savedSnap.current) firstUnsaved.current = 0;
    setF((old) => ({ ...old, slug: old.slug || a.slug }));
    // The address now names the article; the editor stays as it is.
    adoptedArticle.id = a.id;
    history.replaceState(null, '', `/admin/articles/${a.id}`);
    return a;
  }, []);

  /** Save: PUT with the revision the editor started from. A 409 opens the conflict dialog. */
  const doSave = useCallback(
    (opts: { revision?: number; quiet?: boolean } = {}): Promise<AdminArticle | null> => serial(async () => {
      const current = serverRef.current;
      const fields = fRef.current;
      setSave({ kind: 'saving' });
      setActionError(null);
      setFieldError(null);
      inFlight.current = true;
      try {
        const a = current
          ? itemOf<AdminArticle>(
              await put(`/api/admin/articles/${current.id}`, {
                revision: opts.revision ?? current.revision,
                ...contentOf(fields),
                ...(current.status !== 'draft' && fields.publishedAt ? { publishedAt: fields.publishedAt } : {}),
              }),
              'article',
            )
          : await create();
        serverRef.current = a;
        setServer(a);
        savedSnap.current = snapshot({ ...fields, slug: fields.slug || a.slug });
        autoSnap.current = savedSnap.current;
        fRef.current = { ...fRef.current, slug: fRef.current.slug || a.slug };
        if (snapshot(fRef.current) === savedSnap.current) firstUnsaved.current = 0;
        setF((old) => ({ ...old, slug: old.slug || a.slug, status: a.status, publishedAt: a.publishedAt }));
        setOfferAutosave(false);
        setSave({ kind: 'saved', at: new Date().toISOString() });
        return a;
      } catch (err) {
        if (err instanceof ApiError && err.status === 409 && err.body && typeof err.body === 'object' && 'current' in err.body) {
          setConflict((err.body as { current: AdminArticle }).current);
          setSave({ kind: 'error', message: 'Not saved: someone else saved this article meanwhile.' });
        } else {
          setSave({ kind: 'error', message: `Not saved: ${messageOf(err)}` });
          if (!opts.quiet) showError(err);
        }
        return null;
      } finally {
        inFlight.current = false;
      }
    }),
    [create, serial],
  );

  const doAutosave = useCallback(() => serial(async () => {
    const current = serverRef.current;
    const fields = fRef.current;
    const snap = snapshot(fields);
    // A save that ran meanwhile may have made this autosave pointless.
    if (current && (snap === savedSnap.current || snap === autoSnap.current)) return;
    inFlight.current = true;
    setSave({ kind: 'autosaving' });
    try {
      if (!current) {
        await create();
      } else {
        const { status: _s, ...rest } = fields;
        await post(`/api/admin/articles/${current.id}/autosave`, { fields: rest });
        autoSnap.current = snap;
      }
      if (snapshot(fRef.current) === snap) firstUnsaved.current = 0;
      setSave({ kind: 'autosaved', at: new Date().toISOString() });
    } catch (err) {
      setSave({ kind: 'error', message: `Autosave failed: ${messageOf(err)} Your text is still here; try Save.` });
      // Try again after the next change rather than hammering the server.
      autoSnap.current = snap;
    } finally {
      inFlight.current = false;
    }
  }), [create, serial]);

  // The autosave clock: after a pause in typing, or at the latest a few seconds into a long stretch of it.
  useEffect(() => {
    const t = setInterval(() => {
      if (inFlight.current || savedSnap.current === null) return;
      const fields = fRef.current;
      const snap = snapshot(fields);
      if (snap === savedSnap.current || snap === autoSnap.current) return;
      if (!serverRef.current && !fields.headline.trim()) return;
      const now = Date.now();
      if (now - lastChange.current >= AUTOSAVE_IDLE_MS || (firstUnsaved.current && now - firstUnsaved.current >= AUTOSAVE_MAX_MS)) void doAutosave();
    }, 1000);
    return () => clearInterval(t);
  }, [doAutosave]);

  // Leaving with unsaved work asks first (autosaved work is kept, but the live article does not have it).
  useEffect(() => {
    setLeaveGuard(() => {
      const snap = savedSnap.current;
      if (snap === null || snapshot(fRef.current) === snap) return null;
      return snapshot(fRef.current) === autoSnap.current
        ? 'Your latest changes are autosaved but not saved to the article. Leave anyway? (They will be offered again when you reopen it.)'
        : 'You have unsaved changes. Leave and lose them?';
    });
    return () => setLeaveGuard(null);
  }, []);

  // Ctrl/Cmd+S saves.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!inFlight.current) void doSave();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doSave]);

  /** Publishing actions save unsaved content first, so what goes out is what is on screen. */
  const act = async (name: string, fn: (a: AdminArticle) => Promise<unknown>, after?: (a: AdminArticle | null) => void) => {
    setBusy(name);
    setActionError(null);
    setFieldError(null);
    try {
      let a = serverRef.current;
      if (!a || dirty) {
        a = await doSave();
        if (!a) return;
      }
      const r = await fn(a);
      const next = r && typeof r === 'object' ? itemOf<AdminArticle>(r, 'article') : null;
      if (next && typeof next === 'object' && 'revision' in next) adopt(next);
      after?.(next);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const publishIso = fromLocalInput(publishAt);
  const future = publishIso !== null && publishIso > new Date().toISOString();
  const status = server?.status ?? 'draft';
  const trashed = !!server?.trashedAt;
  const words = countWords(text);
  const canPublish = atLeast(staff, 'author');
  const regionTags = useMemo(() => tags.filter((t) => t.isRegion), [tags]);
  const plainTags = useMemo(() => tags.filter((t) => !t.isRegion), [tags]);
  const err = (name: string) => (fieldError?.field === name ? fieldError.message : null);

  const publish = () =>
    act('publish', (a) => post(`/api/admin/articles/${a.id}/publish`, publishIso && (future || status !== 'published') ? { publishedAt: publishIso } : {}));

  return (
    <div class="editor-screen">
      <PageTitle
        title={f.headline || (server ? 'Untitled article' : 'New article')}
        actions={
          <Link href="/admin/articles" class="back">
            ← All articles
          </Link>
        }
      >
        {server ? 'Edit article' : 'New article'}
      </PageTitle>

      {offerAutosave && server?.autosave ? (
        <div class="notice" role="region" aria-label="Unsaved changes found">
          <p>
            You have changes from {formatDate(server.autosave.createdAt)} that were autosaved but never saved to the article.
          </p>
          <div class="buttons">
            <button
              type="button"
              class="primary"
              onClick={() => {
                loadVersion({ ...f, ...server.autosave!.fields, status: f.status }, false, true);
                setOfferAutosave(false);
                setSave({ kind: 'autosaved', at: server.autosave!.createdAt });
              }}
            >
              Bring back my changes
            </button>
            <button type="button" onClick={() => setOfferAutosave(false)}>
              Keep the saved version
            </button>
          </div>
        </div>
      ) : null}

      <div class="editor-grid">
        <div class="editor-main">
          <Field label="Kicker" value={f.kicker} onValue={(v) => update({ kicker: v })} maxLength={80} hint="A word or two above the headline: the topic or place." error={err('kicker')} />
          <Field label="Headline" value={f.headline} onValue={(v) => update({ headline: v })} class="headline-field" maxLength={300} required error={err('headline')} />
          <Field label="Standfirst" value={f.standfirst} onValue={(v) => update({ standfirst: v })} textarea rows={3} maxLength={1000} hint="One or two sentences under the headline." error={err('standfirst')} />
          <div class="field">
            <span class="label" id="body-label">
              Body
            </span>
            <RichText html={f.bodyHtml} label="Body" onChange={onBody} editorRef={editorRef} canUpload={atLeast(staff, 'author')} />
            {err('bodyHtml') ? <p class="error">{err('bodyHtml')}</p> : null}
            <p class="hint counts" aria-live="polite">
              {words.toLocaleString()} {words === 1 ? 'word' : 'words'} · {readingMinutes(words)} min read
            </p>
          </div>
        </div>

        <aside class="editor-side" aria-label="Publishing and details">
          <section class="panel">
            <h2>Status</h2>
            <p>
              <span class={`badge ${trashed ? 'trash' : status}`}>{trashed ? STATUS_LABELS.trash : STATUS_LABELS[status]}</span>
              {status !== 'draft' && server?.publishedAt ? <span class="muted small"> {status === 'scheduled' ? 'for' : 'since'} {formatDate(server.publishedAt)}</span> : null}
            </p>
            <SaveIndicator state={save} dirty={dirty} />
            {actionError ? <ErrorText error={actionError} /> : null}
            <div class="buttons stacked">
              {!trashed ? (
                <button type="button" class="primary" disabled={!!busy || save.kind === 'saving'} onClick={() => void doSave()} title="Ctrl+S">
                  {save.kind === 'saving' ? 'Saving…' : 'Save'}
                </button>
              ) : null}
              {server && !trashed ? (
                <a class="button-like" href={`/api/admin/articles/${server.id}/preview`} target="_blank" rel="noopener">
                  Preview{dirty ? ' (last saved)' : ''}
                </a>
              ) : null}
              {canPublish && !trashed && status === 'draft' ? (
                <button type="button" class="publish" disabled={!!busy || !f.headline.trim()} onClick={() => void publish()}>
                  {busy === 'publish' ? 'Working…' : future ? 'Schedule' : 'Publish'}
                </button>
              ) : null}
              {canPublish && !trashed && status !== 'draft' ? (
                <>
                  {status === 'scheduled' ? (
                    // Out now, whatever the date field says (a date in the past is kept: backdating).
                    <button
                      type="button"
                      class="publish"
                      disabled={!!busy}
                      onClick={() => void (future ? act('publish', (a) => post(`/api/admin/articles/${a.id}/publish`, {})) : publish())}
                    >
                      {busy === 'publish' ? 'Working…' : 'Publish now'}
                    </button>
                  ) : null}
                  {future ? (
                    <button type="button" class={status === 'scheduled' ? '' : 'publish'} disabled={!!busy} onClick={() => void publish()}>
                      {busy === 'publish' ? 'Working…' : 'Reschedule'}
                    </button>
                  ) : null}
                  <button type="button" disabled={!!busy} onClick={() => void act('unpublish', (a) => post(`/api/admin/articles/${a.id}/unpublish`))}>
                    {busy === 'unpublish' ? 'Working…' : status === 'scheduled' ? 'Cancel schedule' : 'Unpublish'}
                  </button>
                </>
              ) : null}
              {server && !trashed && canPublish ? (
                <button
                  type="button"
                  class="danger"
                  disabled={!!busy}
                  onClick={() => {
                    if (window.confirm('Move this article to the trash? It leaves the public site; you can restore it from the trash.'))
                      void act('trash', (a) => post(`/api/admin/articles/${a.id}/trash`));
                  }}
                >
                  Move to trash
                </button>
              ) : null}
              {server && trashed && canPublish ? (
                <>
                  <button type="button" class="primary" disabled={!!busy} onClick={() => void act('restore', (a) => post(`/api/admin/articles/${a.id}/restore`))}>
                    Restore from trash
                  </button>
                  <button
                    type="button"
                    class="danger"
                    disabled={!!busy}
                    onClick={async () => {
                      if (!window.confirm('Delete this article for good? This cannot be undone.')) return;
                      try {
                        await del(`/api/admin/articles/${server.id}`);
                        savedSnap.current = snapshot(fRef.current);
                        navigate('/admin/articles?status=trash', { force: true });
                      } catch (e) {
                        showError(e);
                      }
                    }}
                  >
                    Delete for good
                  </button>
                </>
              ) : null}
            </div>
            {server?.path && status !== 'draft' && !trashed ? (
              <p class="small">
                Public address: <a href={server.path} target="_blank" rel="noopener">{server.path}</a>
              </p>
            ) : null}
          </section>

          <section class="panel">
            <h2>Publication</h2>
            <Field
              label="Publication date and time"
              type="datetime-local"
              value={publishAt}
              onValue={(v) => {
                setPublishAt(v);
                update({ publishedAt: fromLocalInput(v) });
              }}
              hint={status === 'draft' ? 'Leave empty to publish now; a later time schedules the article.' : 'Changing it moves the article; its old address redirects.'}
              error={err('publishedAt')}
            />
            <Field
              label="Slug"
              value={f.slug}
              onValue={(v) => update({ slug: v.toLowerCase().replace(/\s+/g, '-') })}
              hint="Lowercase letters, digits and hyphens; made from the headline when empty."
              error={err('slug')}
              spellcheck={false}
              autoCapitalize="off"
            />
            {canPublish ? (
              <Checkbox
                label="Stick to the top of the front page"
                checked={f.sticky}
                onChange={(v) => update({ sticky: v })}
                hint="Shown first on the home page's first page (once published), newest sticky first. Saved with the article."
              />
            ) : f.sticky ? (
              <p class="small muted">Stuck to the top of the front page.</p>
            ) : null}
          </section>

          <section class="panel">
            <h2>Authors</h2>
            <AuthorPicker all={authors} value={f.authorIds} onChange={(ids) => update({ authorIds: ids })} error={err('authorIds')} />
          </section>

          <section class="panel">
            <h2>Tags and regions</h2>
            <TagPicker
              label="Tags"
              all={plainTags}
              value={f.tagIds.filter((id) => !regionTags.some((t) => t.id === id))}
              onChange={(ids) => update({ tagIds: [...ids, ...f.tagIds.filter((id) => regionTags.some((t) => t.id === id))] })}
              onCreated={reloadTags}
              region={false}
              canCreate={atLeast(staff, 'editor')}
            />
            <TagPicker
              label="Regions"
              all={regionTags}
              value={f.tagIds.filter((id) => regionTags.some((t) => t.id === id))}
              onChange={(ids) => update({ tagIds: [...f.tagIds.filter((id) => !regionTags.some((t) => t.id === id)), ...ids] })}
              onCreated={reloadTags}
              region
              canCreate={atLeast(staff, 'editor')}
            />
            {f.tagIds.length > 1 ? (
              <div class="field">
                <label for="primary-tag">Primary tag</label>
                <select
                  id="primary-tag"
                  value={f.primaryTagId === null ? '' : String(f.primaryTagId)}
                  onChange={(e) => {
                    const v = (e.target as HTMLSelectElement).value;
                    update({ primaryTagId: v ? Number(v) : null });
                  }}
                >
                  <option value="">None</option>
                  {f.tagIds.map((id) => (
                    <option key={id} value={String(id)}>
                      {tags.find((t) => t.id === id)?.name ?? `#${id}`}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {err('tagIds') || err('primaryTagId') ? <p class="error">{err('tagIds') ?? err('primaryTagId')}</p> : null}
          </section>

          {server ? (
            <section class="panel">
              <h2>History</h2>
              <p class="small muted">
                Revision {server.revision} · last saved {formatDate(server.updatedAt)}
              </p>
              <button type="button" onClick={() => setShowRevisions(true)}>
                Revisions and changes
              </button>
            </section>
          ) : null}
        </aside>
      </div>

      {conflict ? (
        <ConflictDialog
          mine={f}
          theirs={conflict}
          authors={authors}
          tags={tags}
          onClose={() => setConflict(null)}
          onKeepMine={async () => {
            const rev = conflict.revision;
            setConflict(null);
            setServer((s) => (s ? { ...s, revision: rev } : s));
            await doSave({ revision: rev });
          }}
          onTakeTheirs={() => {
            setServer(conflict);
            loadVersion(fieldsOf(conflict), true);
            setConflict(null);
            setSave({ kind: 'saved', at: conflict.updatedAt });
          }}
        />
      ) : null}

      {server && showRevisions ? (
        <RevisionsDialog
          article={server}
          onClose={() => setShowRevisions(false)}
          onRestored={(a) => {
            setServer(a);
            loadVersion(fieldsOf(a), true);
            setShowRevisions(false);
            setSave({ kind: 'saved', at: a.updatedAt });
          }}
          dirty={dirty}
        />
      ) : null}
    </div>
  );
}

function SaveIndicator({ state, dirty }: { state: SaveState; dirty: boolean }) {
  const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  let text: string;
  let cls = 'save-state';
  switch (state.kind) {
    case 'saving':
      text = 'Saving…';
      break;
    case 'autosaving':
      text = 'Autosaving…';
      break;
    case 'saved':
      text = dirty ? 'Unsaved changes' : `Saved at ${time(state.at)}`;
      break;
    case 'autosaved':
      text = dirty ? `Autosaved at ${time(state.at)} · press Save to update the article` : `Saved at ${time(state.at)}`;
      break;
    case 'error':
      text = state.message;
      cls += ' error';
      break;
    case 'unsaved':
      text = dirty ? 'Unsaved changes' : 'Saved';
      break;
    default:
      text = dirty ? 'Unsaved changes' : 'Saved';
  }
  if (state.kind === 'autosaved' && dirty) cls += ' autosaved';
  return (
    <p class={cls} role="status" aria-live="polite" data-state={state.kind}>
      {text}
    </p>
  );
}
