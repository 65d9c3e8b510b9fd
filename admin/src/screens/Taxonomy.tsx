// A list of named things with an add form and inline editing: tags and regions, authors.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { del, post, put } from '../api.ts';
import { Checkbox, ErrorText, Field, Status, fieldOf, useAction, type Load } from '../components/ui.tsx';

export interface TaxField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'checkbox';
  hint?: string;
}

export function TaxonomyList<T extends { id: number; name: string }>({
  noun,
  endpoint,
  list,
  fields,
  blank,
  describe,
  deleteWarning,
  canDelete = true,
}: {
  noun: string;
  endpoint: string;
  list: Load<T[]>;
  fields: TaxField[];
  blank: Record<string, unknown>;
  describe(item: T): ComponentChildren;
  deleteWarning(item: T): string;
  canDelete?: boolean;
}) {
  const [editing, setEditing] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const remove = useAction(async (item: T) => {
    if (!window.confirm(deleteWarning(item))) return;
    await del(`${endpoint}/${item.id}`);
    setNote(`Deleted ${item.name}.`);
    list.reload();
  });
  return (
    <>
      <h2>Add {noun === 'author' ? 'an' : 'a'} {noun}</h2>
      <TaxForm
        key={`new-${list.data?.length ?? 0}`}
        fields={fields}
        initial={blank}
        submitLabel={`Add ${noun}`}
        onSubmit={async (body) => {
          await post(endpoint, body);
          setNote(`Added ${String(body.name)}.`);
          list.reload();
        }}
      />
      {note ? <Status>{note}</Status> : null}
      <ErrorText error={remove.error} />
      {list.error ? <ErrorText error={list.error} /> : null}
      <ul class="tax-list">
        {(list.data ?? []).map((item) => (
          <li key={item.id}>
            {editing === item.id ? (
              <TaxForm
                fields={fields}
                initial={item as unknown as Record<string, unknown>}
                submitLabel="Save"
                onCancel={() => setEditing(null)}
                onSubmit={async (body) => {
                  await put(`${endpoint}/${item.id}`, body);
                  setEditing(null);
                  setNote(`Saved ${String(body.name)}.`);
                  list.reload();
                }}
              />
            ) : (
              <div class="tax-row">
                <div>{describe(item)}</div>
                <div class="row-actions">
                  <button type="button" onClick={() => setEditing(item.id)} aria-label={`Edit ${item.name}`}>
                    Edit
                  </button>
                  {canDelete ? (
                    <button type="button" class="danger" disabled={remove.busy} onClick={() => void remove.run(item)} aria-label={`Delete ${item.name}`}>
                      Delete
                    </button>
                  ) : null}
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      {list.data && !list.data.length ? <p class="muted">None yet.</p> : null}
    </>
  );
}

function TaxForm({
  fields,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  fields: TaxField[];
  initial: Record<string, unknown>;
  submitLabel: string;
  onSubmit(body: Record<string, unknown>): Promise<void>;
  onCancel?(): void;
}) {
  const [values, setValues] = useState<Record<string, unknown>>(() => Object.fromEntries(fields.map((f) => [f.name, initial[f.name] ?? (f.kind === 'checkbox' ? false : '')])));
  // An empty slug means "make it from the name" (left out, since a stored slug cannot be emptied).
  const act = useAction(async () => onSubmit(Object.fromEntries(Object.entries(values).filter(([k, v]) => !(k === 'slug' && String(v).trim() === '')))));
  const errField = fieldOf(act.error);
  return (
    <form
      class="card inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run();
      }}
    >
      {fields.map((f) =>
        f.kind === 'checkbox' ? (
          <Checkbox key={f.name} label={f.label} checked={!!values[f.name]} onChange={(v) => setValues({ ...values, [f.name]: v })} hint={f.hint} />
        ) : (
          <Field
            key={f.name}
            label={f.label}
            value={String(values[f.name] ?? '')}
            onValue={(v) => setValues({ ...values, [f.name]: v })}
            textarea={f.kind === 'textarea'}
            hint={f.hint}
            required={f.name === 'name'}
            error={errField === f.name && (act.error as Error).message}
          />
        ),
      )}
      {act.error && !fields.some((f) => f.name === errField) ? <ErrorText error={act.error} /> : null}
      <div class="buttons">
        <button type="submit" class="primary" disabled={act.busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
