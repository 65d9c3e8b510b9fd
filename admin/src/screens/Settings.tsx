// Site settings: name, description, logo, navigation links and the appeal box's texts.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../api.ts';
import { Dialog, ErrorText, Field, PageTitle, Status, fieldOf, useAction, useLoad } from '../components/ui.tsx';
import { MediaBrowser } from '../editor/MediaPicker.tsx';
import { thumbSrc, type MediaItem } from '../media.ts';
import { atLeast, useSession } from '../session.ts';

interface NavLink {
  label: string;
  url: string;
}

interface Settings {
  title: string;
  description: string;
  logoMediaId: number | null;
  logo?: MediaItem | null;
  logoUrl?: string | null;
  navigation: NavLink[];
  appeal: { title: string; text: string };
}

export function SettingsScreen() {
  const { staff } = useSession();
  const loaded = useLoad(async (signal) => {
    const r = await get<Settings | { settings: Settings }>('/api/admin/settings', { signal });
    return r && 'settings' in r ? r.settings : (r as Settings);
  }, []);
  if (!atLeast(staff, 'administrator')) return <p>Only administrators can change the site settings.</p>;
  if (loaded.error) return <ErrorText error={loaded.error} />;
  if (!loaded.data) return <Status>Loading the settings…</Status>;
  return <SettingsForm initial={loaded.data} />;
}

function normNav(n: unknown): NavLink[] {
  if (!Array.isArray(n)) return [];
  return n.map((x) => {
    const o = (x ?? {}) as Record<string, unknown>;
    return { label: String(o.label ?? o.title ?? ''), url: String(o.url ?? o.href ?? o.path ?? '') };
  });
}

function SettingsForm({ initial }: { initial: Settings }) {
  const [title, setTitle] = useState(initial.title ?? '');
  const [description, setDescription] = useState(initial.description ?? '');
  const [logoId, setLogoId] = useState<number | null>(initial.logoMediaId ?? null);
  const [logoPreview, setLogoPreview] = useState<string | null>(initial.logo ? thumbSrc(initial.logo) : (initial.logoUrl ?? null));
  const [nav, setNav] = useState<NavLink[]>(normNav(initial.navigation));
  const [appealTitle, setAppealTitle] = useState(initial.appeal?.title ?? '');
  const [appealText, setAppealText] = useState(initial.appeal?.text ?? '');
  const [picking, setPicking] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [title, description, logoId, nav, appealTitle, appealText]);
  // The settings name the logo by its media id; its picture comes from the library.
  useEffect(() => {
    if (initial.logoMediaId && !logoPreview) {
      get<MediaItem>(`/api/admin/media/${initial.logoMediaId}`).then(
        (m) => setLogoPreview(thumbSrc(m)),
        () => undefined,
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const save = useAction(async () => {
    await put('/api/admin/settings', {
      title,
      description,
      logoMediaId: logoId,
      navigation: nav.filter((n) => n.label.trim() || n.url.trim()).map((n) => ({ label: n.label.trim(), url: n.url.trim() })),
      appeal: { title: appealTitle, text: appealText },
    });
    setSaved(true);
  });
  const f = fieldOf(save.error);
  const msg = (name: string) => (f === name || f?.startsWith(`${name}.`) || f?.startsWith(`${name}[`) ? (save.error as Error).message : null);
  const setNavAt = (i: number, patch: Partial<NavLink>) => setNav(nav.map((n, j) => (j === i ? { ...n, ...patch } : n)));
  const move = (i: number, by: number) => {
    const next = [...nav];
    const [x] = next.splice(i, 1);
    next.splice(i + by, 0, x!);
    setNav(next);
  };
  return (
    <form
      class="narrow-page"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <PageTitle title="Settings">Site settings</PageTitle>
      <section class="card">
        <h2>The site</h2>
        <Field label="Site name" value={title} onValue={setTitle} error={msg('title')} />
        <Field label="Description" value={description} onValue={setDescription} textarea rows={2} hint="One sentence: what you cover and for whom. Used by search engines and feeds." error={msg('description')} />
        <div class="field">
          <span class="label">Logo</span>
          {logoPreview ? (
            <img src={logoPreview} alt="Current logo" class="logo-preview" />
          ) : logoId ? (
            <p class="muted">Logo: image {logoId} of the media library.</p>
          ) : (
            <p class="muted">No logo: the site name is shown instead.</p>
          )}
          <div class="buttons">
            <button type="button" onClick={() => setPicking(true)}>
              {logoId ? 'Change logo' : 'Choose a logo'}
            </button>
            {logoId ? (
              <button
                type="button"
                onClick={() => {
                  setLogoId(null);
                  setLogoPreview(null);
                }}
              >
                Remove logo
              </button>
            ) : null}
          </div>
          {msg('logoMediaId') ? <p class="error">{msg('logoMediaId')}</p> : null}
        </div>
      </section>

      <section class="card">
        <h2>Navigation</h2>
        <p class="muted small">The links in the site's header, in order. Use addresses on this site (/about/) or full web addresses.</p>
        {msg('navigation') ? <p class="error">{msg('navigation')}</p> : null}
        <ol class="nav-edit">
          {nav.map((n, i) => (
            <li key={i}>
              <Field label={`Link ${i + 1} text`} value={n.label} onValue={(v) => setNavAt(i, { label: v })} />
              <Field label={`Link ${i + 1} address`} value={n.url} onValue={(v) => setNavAt(i, { url: v })} placeholder="/about/" />
              <span class="chip-buttons">
                <button type="button" class="ghost small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move link ${i + 1} up`}>
                  ↑
                </button>
                <button type="button" class="ghost small" disabled={i === nav.length - 1} onClick={() => move(i, 1)} aria-label={`Move link ${i + 1} down`}>
                  ↓
                </button>
                <button type="button" class="ghost small" onClick={() => setNav(nav.filter((_, j) => j !== i))} aria-label={`Remove link ${i + 1}`}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => setNav([...nav, { label: '', url: '' }])}>
          Add a link
        </button>
      </section>

      <section class="card">
        <h2>Appeal</h2>
        <p class="muted small">The box under each article that asks readers to support your work.</p>
        <Field label="Appeal heading" value={appealTitle} onValue={setAppealTitle} error={msg('appeal.title') ?? msg('appeal')} />
        <Field label="Appeal text" value={appealText} onValue={setAppealText} textarea rows={4} error={msg('appeal.text')} />
      </section>

      {save.error && !f ? <ErrorText error={save.error} /> : save.error && !['title', 'description', 'logoMediaId'].includes(f!) && !f!.startsWith('navigation') && !f!.startsWith('appeal') ? <ErrorText error={save.error} /> : null}
      {saved ? <Status>Settings saved. The public site shows them now.</Status> : null}
      <button type="submit" class="primary" disabled={save.busy}>
        {save.busy ? 'Saving…' : 'Save settings'}
      </button>

      <Dialog open={picking} title="Choose a logo" onClose={() => setPicking(false)} wide>
        <MediaBrowser
          canUpload
          onChoose={(m) => {
            setLogoId(m.id);
            setLogoPreview(thumbSrc(m));
            setPicking(false);
          }}
        />
      </Dialog>
    </form>
  );
}
