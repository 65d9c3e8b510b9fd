// Standalone pages (About, Contact, Support us): a list, and an editor with the same rich text as articles.
import type { Editor } from '@tiptap/core';
import { useRef, useState } from 'preact/hooks';
import { del, get, post, put } from '../api.ts';
import { ErrorText, Field, PageTitle, Select, Status, fieldOf, formatDate, useAction, useLoad } from '../components/ui.tsx';
import { itemOf, listOf } from '../data.ts';
import { RichText } from '../editor/RichText.tsx';
import { Link, navigate } from '../router.tsx';

interface PageItem {
  id: number;
  slug: string;
  title: string;
  bodyHtml: string;
  status: 'draft' | 'published';
  position: number;
  updatedAt: string;
}

export function PagesScreen() {
  const list = useLoad(async (signal) => listOf<PageItem>(await get('/api/admin/pages', { signal }), 'pages'), []);
  return (
    <div class="narrow-page">
      <PageTitle
        title="Pages"
        actions={
          <Link href="/admin/pages/new" class="button-like primary">
            New page
          </Link>
        }
      >
        Pages
      </PageTitle>
      {list.error ? <ErrorText error={list.error} /> : null}
      <ul class="tax-list">
        {(list.data ?? []).map((p) => (
          <li key={p.id} class="tax-row">
            <div>
              <Link href={`/admin/pages/${p.id}`}>
                <strong>{p.title}</strong>
              </Link>{' '}
              <span class={`badge ${p.status}`}>{p.status === 'published' ? 'Published' : 'Draft'}</span>
              <span class="muted small"> /{p.slug}/ · updated {formatDate(p.updatedAt)}</span>
            </div>
          </li>
        ))}
      </ul>
      {list.data && !list.data.length ? <p class="muted">No pages yet.</p> : null}
    </div>
  );
}

export function PageEditorScreen({ id }: { id: number | null }) {
  // The API lists pages (drafts included); one page is read from that list.
  const loaded = useLoad(async (signal) => {
    if (!id) return null;
    const page = listOf<PageItem>(await get('/api/admin/pages', { signal }), 'pages').find((p) => p.id === id);
    if (!page) throw new Error(`There is no page ${id}. It may have been deleted.`);
    return page;
  }, [id]);
  if (loaded.error) return <ErrorText error={loaded.error} />;
  if (id && !loaded.data) return <Status>Loading the page…</Status>;
  return <PageForm initial={loaded.data} />;
}

function PageForm({ initial }: { initial: PageItem | null }) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [slug, setSlug] = useState(initial?.slug ?? '');
  const [status, setStatus] = useState<string>(initial?.status ?? 'draft');
  const [position, setPosition] = useState(String(initial?.position ?? 0));
  const [body, setBody] = useState(initial?.bodyHtml ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const editorRef = useRef<Editor | null>(null);
  const save = useAction(async () => {
    const payload = { title, ...(slug.trim() ? { slug: slug.trim() } : {}), status, position: Number(position) || 0, bodyHtml: body };
    setSaved(null);
    if (initial) {
      await put(`/api/admin/pages/${initial.id}`, payload);
      setSaved('Saved.');
    } else {
      const p = itemOf<PageItem>(await post('/api/admin/pages', payload), 'page');
      navigate(`/admin/pages/${p.id}`, { replace: true, force: true });
    }
  });
  const remove = useAction(async () => {
    if (!initial || !window.confirm(`Delete the page “${initial.title}”? Its address will answer “gone”.`)) return;
    await del(`/api/admin/pages/${initial.id}`);
    navigate('/admin/pages', { force: true });
  });
  const f = fieldOf(save.error);
  return (
    <form
      class="narrow-page"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <PageTitle
        title={title || 'New page'}
        actions={
          <Link href="/admin/pages" class="back">
            ← All pages
          </Link>
        }
      >
        {initial ? 'Edit page' : 'New page'}
      </PageTitle>
      <Field label="Title" value={title} onValue={setTitle} required class="headline-field" error={f === 'title' && (save.error as Error).message} />
      <div class="row">
        <Field label="Slug" value={slug} onValue={setSlug} hint="Made from the title when empty." error={f === 'slug' && (save.error as Error).message} />
        <Select
          label="Status"
          value={status}
          onValue={setStatus}
          options={[
            { value: 'draft', label: 'Draft (not public)' },
            { value: 'published', label: 'Published' },
          ]}
        />
        <Field label="Position in menus" type="number" value={position} onValue={setPosition} min={0} />
      </div>
      <div class="field">
        <span class="label">Body</span>
        <RichText html={body} label="Page body" onChange={(html) => setBody(html)} editorRef={editorRef} canUpload />
      </div>
      {save.error && !['title', 'slug'].includes(f ?? '') ? <ErrorText error={save.error} /> : null}
      {saved ? <Status>{saved}</Status> : null}
      <ErrorText error={remove.error} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save page'}
        </button>
        {initial ? (
          <button type="button" class="danger" onClick={() => void remove.run()}>
            Delete page
          </button>
        ) : null}
      </div>
    </form>
  );
}
