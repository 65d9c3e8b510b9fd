// Ordered bylines and tag lists for the article editor: keyboard-usable lists with add, move and remove.
import { useId, useState } from 'preact/hooks';
import { post } from '../../api.ts';
import { ErrorText } from '../../components/ui.tsx';
import { itemOf, type Author, type Tag } from '../../data.ts';

export function AuthorPicker({ all, value, onChange, error }: { all: Author[]; value: number[]; onChange(ids: number[]): void; error?: string | null }) {
  const id = useId();
  const name = (a: number) => all.find((x) => x.id === a)?.name ?? `Author #${a}`;
  const move = (i: number, by: number) => {
    const next = [...value];
    const [x] = next.splice(i, 1);
    next.splice(i + by, 0, x!);
    onChange(next);
  };
  const rest = all.filter((a) => !value.includes(a.id));
  return (
    <div class="picker">
      <ol class="chosen" aria-label="Byline, in order">
        {value.map((a, i) => (
          <li key={a}>
            <span>{name(a)}</span>
            <span class="chip-buttons">
              <button type="button" class="ghost small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${name(a)} up`}>
                ↑
              </button>
              <button type="button" class="ghost small" disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${name(a)} down`}>
                ↓
              </button>
              <button type="button" class="ghost small" disabled={value.length === 1} onClick={() => onChange(value.filter((x) => x !== a))} aria-label={`Remove ${name(a)}`}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      {rest.length ? (
        <div class="field">
          <label for={id}>Add an author</label>
          <select
            id={id}
            value=""
            onChange={(e) => {
              const v = Number((e.target as HTMLSelectElement).value);
              if (v) onChange([...value, v]);
            }}
          >
            <option value="">Choose…</option>
            {rest.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {error ? <p class="error">{error}</p> : null}
    </div>
  );
}

export function TagPicker({
  label,
  all,
  value,
  onChange,
  onCreated,
  region,
  canCreate,
}: {
  label: string;
  all: Tag[];
  value: number[];
  onChange(ids: number[]): void;
  onCreated(): void;
  region: boolean;
  canCreate: boolean;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Tag[]>([]);
  const known = [...all, ...created.filter((c) => !all.some((t) => t.id === c.id))];
  const name = (t: number) => known.find((x) => x.id === t)?.name ?? `#${t}`;
  const add = async () => {
    const q = text.trim();
    if (!q) return;
    setError(null);
    const found = known.find((t) => t.name.toLowerCase() === q.toLowerCase());
    if (found) {
      if (!value.includes(found.id)) onChange([...value, found.id]);
      setText('');
      return;
    }
    if (!canCreate) {
      setError(`There is no ${region ? 'region' : 'tag'} called “${q}”. An editor can add it.`);
      return;
    }
    try {
      const t = itemOf<Tag>(await post('/api/admin/tags', { name: q, isRegion: region }), 'tag');
      setCreated((c) => [...c, { ...t, isRegion: region }]);
      onChange([...value, t.id]);
      setText('');
      onCreated();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="picker">
      {value.length ? (
        <ul class="chips" aria-label={label}>
          {value.map((t) => (
            <li key={t} class="chip">
              {name(t)}
              <button type="button" class="ghost small" onClick={() => onChange(value.filter((x) => x !== t))} aria-label={`Remove ${name(t)}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="field">
        <label for={id}>{`Add ${region ? 'a region' : 'a tag'}`}</label>
        <div class="inline-add">
          <input
            id={id}
            list={`${id}-list`}
            value={text}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
            autoComplete="off"
          />
          <datalist id={`${id}-list`}>
            {known
              .filter((t) => !value.includes(t.id))
              .map((t) => (
                <option key={t.id} value={t.name} />
              ))}
          </datalist>
          <button type="button" onClick={() => void add()}>
            Add
          </button>
        </div>
        <ErrorText error={error} />
      </div>
    </div>
  );
}
