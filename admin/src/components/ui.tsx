// Small accessible building blocks: labelled fields, error and status messages, dialogs, pagination.
import type { ComponentChildren, Ref } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api.ts';

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Broadside admin`;
  }, [title]);
}

/** The screen's heading; takes focus when the screen opens so screen readers announce it. */
export function PageTitle({ children, title, actions }: { children: ComponentChildren; title: string; actions?: ComponentChildren }) {
  useTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body || document.activeElement.closest('nav')) ref.current?.focus();
  }, [title]);
  return (
    <div class="page-head">
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {actions ? <div class="page-actions">{actions}</div> : null}
    </div>
  );
}

export interface Load<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
  set(data: T): void;
}

/** Runs a request when deps change; the newest answer wins. */
export function useLoad<T>(fn: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Load<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    fn(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, error: null, loading: false }),
      (error) => !ctl.signal.aborted && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return {
    ...state,
    reload: useCallback(() => setTick((n) => n + 1), []),
    set: useCallback((data: T) => setState({ data, error: null, loading: false }), []),
  };
}

export function ErrorText({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const msg = typeof error === 'string' ? error : messageOf(error);
  return (
    <p class="error" role="alert" id={id}>
      {msg}
    </p>
  );
}

export function Status({ children }: { children: ComponentChildren }) {
  return (
    <p class="status" role="status" aria-live="polite">
      {children}
    </p>
  );
}

/** The field an API error names, if any. */
export function fieldOf(err: unknown): string | undefined {
  return err instanceof ApiError ? err.field : undefined;
}

/** The input attributes the screens use; passed through as they are. */
interface PassThrough {
  type?: string;
  class?: string;
  id?: string;
  name?: string;
  required?: boolean;
  maxLength?: number;
  min?: number | string;
  pattern?: string;
  placeholder?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  autoCapitalize?: string;
  inputMode?: 'text' | 'numeric' | 'url' | 'email' | 'search' | 'tel' | 'decimal' | 'none';
  spellcheck?: boolean;
  readOnly?: boolean;
}

type InputProps = PassThrough & {
  label: ComponentChildren;
  value: string;
  onValue(v: string): void;
  hint?: ComponentChildren;
  error?: string | null | false;
  inputRef?: Ref<HTMLInputElement>;
  textarea?: boolean;
  rows?: number;
};

export function Field({ label, value, onValue, hint, error, inputRef, textarea, rows, class: cls, ...rest }: InputProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class={`field ${cls ?? ''}`}>
      <label for={id}>{label}</label>
      {textarea ? (
        <textarea {...(rest as Record<string, unknown>)} {...common} rows={rows ?? 3} onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)} />
      ) : (
        <input ref={inputRef} {...(rest as Record<string, unknown>)} {...common} onInput={(e) => onValue((e.target as HTMLInputElement).value)} />
      )}
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-err`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Select({
  label,
  value,
  onValue,
  options,
  hint,
  class: cls,
}: {
  label: ComponentChildren;
  value: string;
  onValue(v: string): void;
  options: Array<{ value: string; label: string }>;
  hint?: string;
  class?: string;
}) {
  const id = useId();
  return (
    <div class={`field ${cls ?? ''}`}>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onValue((e.target as HTMLSelectElement).value)} aria-describedby={hint ? `${id}-hint` : undefined}>
        {options.map((o) => (
          <option value={o.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Checkbox({ label, checked, onChange, hint }: { label: ComponentChildren; checked: boolean; onChange(v: boolean): void; hint?: string }) {
  const id = useId();
  return (
    <div class="check">
      <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} />
      <label for={id}>{label}</label>
      {hint ? <p class="hint">{hint}</p> : null}
    </div>
  );
}

/** A modal dialog on the native <dialog>: focus is trapped and Escape closes it. */
export function Dialog({
  open,
  title,
  onClose,
  children,
  wide,
  afterClose,
}: {
  open: boolean;
  title: string;
  onClose(): void;
  children: ComponentChildren;
  wide?: boolean;
  /**
   * Runs once the dialog has closed. Closing hands focus back to what opened it (a toolbar button, say), so a
   * dialog that should leave focus elsewhere moves it here, after that, never on a timer that may come first.
   */
  afterClose?(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const after = useRef(afterClose);
  after.current = afterClose;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) {
      d.close();
      after.current?.();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      class={wide ? 'wide' : ''}
      aria-labelledby={id}
      onClose={() => open && onClose()}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div class="dialog-body">
          <div class="dialog-head">
            <h2 id={id}>{title}</h2>
            <button type="button" class="ghost" onClick={onClose} aria-label="Close">
              ×
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

export function Pager({ page, pages, total, onPage, noun }: { page: number; pages: number; total: number; onPage(p: number): void; noun: string }) {
  if (pages <= 1) return <p class="muted pager-total">{total === 1 ? `1 ${noun}` : `${total} ${noun}s`}</p>;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span>
        Page {page} of {pages} · {total} {noun}s
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}

/** A button that runs an async action, disables itself meanwhile and reports failure through onError. */
export function useAction<A extends unknown[]>(fn: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        await fn(...args);
        return true;
      } catch (err) {
        setError(err);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [fn],
  );
  return { busy, error, setError, run };
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** ISO UTC → the value of an <input type="datetime-local"> in local time. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** <input type="datetime-local"> value (local time) → ISO UTC, or null when empty/invalid. */
export function fromLocalInput(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
