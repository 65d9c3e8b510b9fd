// A small history router: paths under /admin, links that don't reload, a guard against leaving unsaved work.
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();
let guard: (() => string | null) | null = null;

/** The editor registers a check; when it returns a message, leaving asks first. */
export function setLeaveGuard(fn: (() => string | null) | null): void {
  guard = fn;
}

function allowedToLeave(): boolean {
  const msg = guard?.();
  return !msg || window.confirm(msg);
}

export function navigate(to: string, opts: { replace?: boolean; force?: boolean } = {}): void {
  if (!opts.force && to !== location.pathname + location.search && !allowedToLeave()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

let lastUrl = location.pathname + location.search;
window.addEventListener('popstate', () => {
  const url = location.pathname + location.search;
  if (guard?.() && !allowedToLeave()) {
    history.pushState(null, '', lastUrl);
    return;
  }
  listeners.forEach((l) => l());
});
listeners.add(() => {
  lastUrl = location.pathname + location.search;
});

window.addEventListener('beforeunload', (e) => {
  if (guard?.()) e.preventDefault();
});

export interface Loc {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Loc {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return { path: location.pathname.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

/** Replace some query parameters of the current address (list filters live in the URL). */
export function setQuery(params: Record<string, string | number | undefined | null>, replace = true): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  navigate(location.pathname + (s ? `?${s}` : ''), { replace });
}

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

export function Link({ href, onClick, ...rest }: AnchorProps) {
  return (
    <a
      href={href}
      onClick={(e) => {
        if (onClick) (onClick as (e: MouseEvent) => void)(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}

/** Matches "/admin/articles/:id" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(':')) out[seg.slice(1)] = decodeURIComponent(s[i]!);
    else if (seg !== s[i]) return null;
  }
  return out;
}
