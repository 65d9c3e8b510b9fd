// Comment text: what readers may send (plain text, checked field by field) and how it is shown (paragraphs,
// line breaks and links made from bare URLs). Views build elements, never HTML strings, so whatever a commenter
// writes is text on the page; links get rel="nofollow ugc noopener" and only http(s) addresses become links.
import type { ComponentChildren, JSX } from 'preact';
import { AppError, badInput } from '../../platform/http/errors.js';

export const LIMITS = { name: 100, email: 254, url: 500, body: 10_000 } as const;

/** Control characters other than tab and newline; NUL among them. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Direction overrides, embeddings and isolates: they can make text read other than it is. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/** What a decoder puts where the bytes were not UTF-8. */
const REPLACEMENT = /\ufffd/;
const ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]+$/;

export interface CommentFields {
  name: string;
  email: string;
  url: string;
  body: string;
}

export function normaliseBody(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

function checkChars(value: string, field: string, label: string, allowNewlines: boolean): void {
  if (value.includes('\u0000') || CONTROL.test(value) || (!allowNewlines && /[\n\t]/.test(value))) {
    throw badInput(`${label} contains control characters (such as a NUL byte) that cannot be shown. Remove them and send again.`, field);
  }
  if (REPLACEMENT.test(value)) {
    throw badInput(`${label} contains bytes that are not valid UTF-8 text (shown as �). Retype those characters and send again.`, field);
  }
  if (BIDI.test(value)) {
    throw badInput(`${label} contains invisible characters that change the direction of text (U+202A–U+202E, U+2066–U+2069). Remove them and send again.`, field);
  }
}

function tooLong(label: string, field: string, max: number, got: number): AppError {
  return new AppError('BROADSIDE_E_TOO_LARGE', `${label} is ${got.toLocaleString('en-GB')} characters long; the most we take is ${max.toLocaleString('en-GB')}. Shorten it and send again.`, field);
}

/** A website as typed ("example.org" allowed): the https URL, or an error naming the field. */
export function cleanWebsite(raw: string): string {
  const u = raw.trim();
  if (!u) return '';
  if (u.length > LIMITS.url) throw tooLong('The website address', 'url', LIMITS.url, u.length);
  checkChars(u, 'url', 'The website address', false);
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(u) ? u : `https://${u.replace(/^\/+/, '')}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw badInput('The website is not a web address. Use one like https://example.org, or leave it empty.', 'url');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname.includes('.') || /\s/.test(u) || parsed.username || parsed.password) {
    throw badInput('The website must be an http:// or https:// address, such as https://example.org, or left empty.', 'url');
  }
  return parsed.href;
}

/** Checks and tidies the four fields; the first problem found is thrown as a 4xx AppError naming its field. */
export function cleanFields(raw: CommentFields, requireNameEmail = true): CommentFields {
  const name = raw.name.trim().replace(/\s+/g, ' ');
  if (raw.name.length > LIMITS.name * 4 || name.length > LIMITS.name) throw tooLong('Your name', 'name', LIMITS.name, name.length);
  checkChars(raw.name.trim(), 'name', 'Your name', false);
  if (!name && requireNameEmail) throw badInput('Please fill in your name (any name you like to be shown).', 'name');

  const email = raw.email.trim().toLowerCase();
  if (email.length > LIMITS.email) throw badInput('That email address is too long. Check it and send again.', 'email');
  checkChars(email, 'email', 'The email address', false);
  if (!email && requireNameEmail) throw badInput('Please fill in your email address. It is not published.', 'email');
  if (email && !ADDRESS.test(email)) throw badInput('That email address does not look right (it should be like name@example.org). Check it and send again.', 'email');

  const url = cleanWebsite(raw.url);

  const body = normaliseBody(raw.body);
  if (!body) throw badInput('Please write your comment before sending it.', 'body');
  if (body.length > LIMITS.body) throw tooLong('Your comment', 'body', LIMITS.body, body.length);
  checkChars(body, 'body', 'Your comment', true);
  return { name: name || 'Anonymous', email, url, body };
}

// ---- Links in text ---------------------------------------------------------------------------------------------

const URLISH = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"*_)\]}]+$/;

export type Piece = { text: string } | { text: string; href: string };

/** Splits text into plain runs and http(s) links. Trailing punctuation stays outside the link. */
export function splitLinks(text: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(URLISH)) {
    let candidate = m[0];
    // Keep a closing bracket that closes one opened inside the URL (Wikipedia-style addresses).
    const trail = TRAILING.exec(candidate);
    if (trail) {
      let cut = trail[0];
      while (cut.startsWith(')') && (candidate.slice(0, candidate.length - cut.length).match(/\(/g)?.length ?? 0) > (candidate.slice(0, candidate.length - cut.length).match(/\)/g)?.length ?? 0)) cut = cut.slice(1);
      candidate = candidate.slice(0, candidate.length - cut.length);
    }
    const href = hrefOf(candidate);
    if (!href) continue;
    const start = m.index!;
    if (start > last) out.push({ text: text.slice(last, start) });
    out.push({ text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

function hrefOf(candidate: string): string | null {
  try {
    const u = new URL(/^www\./i.test(candidate) ? `https://${candidate}` : candidate);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.')) return u.href;
  } catch {
    /* not a link */
  }
  return null;
}

export function countLinks(text: string): number {
  return splitLinks(text).filter((p) => 'href' in p).length;
}

export const UGC_REL = 'nofollow ugc noopener';

function Linked({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((p) =>
        'href' in p ? (
          <a href={p.href} rel={UGC_REL}>
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

/** Paragraphs at blank lines, <br> at single newlines, links from bare URLs: all as text nodes and elements. */
export function CommentText({ body }: { body: string }): JSX.Element {
  const paragraphs = body.split(/\n[ \t]*\n+/).map((p) => p.trim()).filter(Boolean);
  return (
    <>
      {paragraphs.map((p) => {
        const lines = p.split('\n');
        const parts: ComponentChildren[] = [];
        lines.forEach((line, i) => {
          if (i > 0) parts.push(<br />);
          parts.push(<Linked text={line} />);
        });
        return <p dir="auto">{parts}</p>;
      })}
    </>
  );
}

/** Words (or IPs, addresses) from a list found in any of the texts, case-insensitive: the first one, or null. */
export function findListed(list: readonly string[], texts: readonly string[]): string | null {
  if (!list.length) return null;
  const hay = texts.map((t) => t.toLowerCase());
  for (const w of list) {
    const needle = w.toLowerCase();
    if (needle && hay.some((h) => h.includes(needle))) return w;
  }
  return null;
}
