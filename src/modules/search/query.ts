// The search box's language, parsed by us into a small tree that cannot fail and cannot smuggle syntax into
// either engine. What readers know from web search engines:
//   words             every word must be found (in any form: "elections" finds "election")
//   "exact phrase"    these words, in this order (an unclosed quote runs to the end)
//   -word, -"phrase"  leave out results that have it
//   a OR b            either (binds tighter than the implicit AND: `iraq oil OR gas` = iraq AND (oil OR gas))
// Everything else is words: `NEAR(`, `*`, `:`, `^`, `AND`, `NOT`, parentheses and SQL are split into words or
// dropped as punctuation. Case and accents never matter. Common English words ("the", "of") are dropped, as
// PostgreSQL's english configuration drops them, so that both engines answer the same question.
import { cleanText, isStopword, spellOut, tokens, words } from './text.js';

export type Term = { kind: 'word'; text: string } | { kind: 'phrase'; words: string[] };

export interface ParsedQuery {
  /** Each group must match; a group matches when any of its terms does. Empty: nothing to search for. */
  all: Term[][];
  /** A result must match none of these. */
  none: Term[];
  /** More terms were given than are searched for; the rest were left out. */
  truncated: boolean;
  /** The user typed words, but only common ones (or only exclusions) were left. */
  onlyCommon: boolean;
}

export const MAX_QUERY_CHARS = 500;
export const MAX_TERMS = 32;

interface Item {
  neg: boolean;
  quoted: boolean;
  raw: string;
}

const QUOTES = /[“”„‟″＂«»]/g;
const MINUS = /^[-−]/;

function lex(input: string): (Item | 'OR')[] {
  const s = input.replace(QUOTES, '"');
  const out: (Item | 'OR')[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let neg = false;
    if (MINUS.test(c) && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      neg = true;
      i++;
    }
    if (s[i] === '"') {
      const close = s.indexOf('"', i + 1);
      const end = close === -1 ? s.length : close;
      out.push({ neg, quoted: true, raw: s.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!) && s[j] !== '"') j++;
    const raw = s.slice(i, j);
    i = j;
    if (!neg && raw === 'OR') out.push('OR');
    else out.push({ neg, quoted: false, raw });
  }
  return out;
}

/** Characters that join words into one (o'neill, covid-19, u.s.): such words are a phrase of their parts. */
const JOINERS = /^['’‐\-._]+$/u;

function termOf(ws0: string[]): Term | null {
  let ws = ws0.map((w) => spellOut(w.toLowerCase()));
  // Leading and trailing common words add nothing to a phrase (PostgreSQL drops them); inner ones keep their place.
  while (ws.length && isStopword(ws[0]!)) ws.shift();
  while (ws.length && isStopword(ws[ws.length - 1]!)) ws.pop();
  if (ws.length === 0) return null;
  if (ws.length === 1) return { kind: 'word', text: ws[0]! };
  return { kind: 'phrase', words: ws };
}

/** The terms of an item: a quoted one is one phrase; an unquoted one splits at anything but joiners. */
function termsOf(item: Item): Term[] {
  if (item.quoted) {
    const t = termOf(words(item.raw));
    return t ? [t] : [];
  }
  const out: Term[] = [];
  let run: string[] = [];
  let last = -1;
  const flush = () => {
    const t = termOf(run);
    if (t) out.push(t);
    run = [];
  };
  for (const tok of tokens(item.raw)) {
    if (last !== -1 && !JOINERS.test(item.raw.slice(last, tok.start))) flush();
    run.push(tok.text);
    last = tok.end;
  }
  flush();
  return out;
}

export function parseQuery(input: string): ParsedQuery {
  const text = cleanText(input).slice(0, MAX_QUERY_CHARS);
  const all: Term[][] = [];
  const none: Term[] = [];
  let count = 0;
  let truncated = false;
  let sawWords = false;
  let pendingOr = false;
  let lastWasPositive = false;
  for (const item of lex(text)) {
    if (item === 'OR') {
      pendingOr = lastWasPositive;
      continue;
    }
    if (words(item.raw).length) sawWords = true;
    for (const term of termsOf(item)) {
      if (count >= MAX_TERMS) {
        truncated = true;
        break;
      }
      count++;
      if (item.neg) {
        none.push(term);
        pendingOr = false;
        lastWasPositive = false;
        continue;
      }
      if (pendingOr && all.length) all[all.length - 1]!.push(term);
      else all.push([term]);
      pendingOr = false;
      lastWasPositive = true;
    }
    if (truncated) break;
  }
  return { all, none, truncated, onlyCommon: sawWords && all.length === 0 };
}

/** The words a search looks for (not the excluded ones), each as typed: for highlighting. */
export function positiveTerms(q: ParsedQuery): Term[] {
  return q.all.flat();
}

/** A readable form of the parsed query, for tests and logs: `elect AND (oil OR gas) -"x y"`. */
export function describeQuery(q: ParsedQuery): string {
  const t = (x: Term) => (x.kind === 'word' ? x.text : `"${x.words.join(' ')}"`);
  const parts = q.all.map((g) => (g.length > 1 ? `(${g.map(t).join(' OR ')})` : t(g[0]!)));
  return [...parts, ...q.none.map((x) => `-${t(x)}`)].join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// Per engine.

/** FTS5: every word and phrase a double-quoted string (the only FTS5 syntax used around them is ours). */
export function toFts5(q: ParsedQuery): string | null {
  if (!q.all.length) return null;
  const pos = q.all.map((g) => (g.length > 1 ? `(${g.map(fts5Phrase).join(' OR ')})` : fts5Phrase(g[0]!))).join(' AND ');
  if (!q.none.length) return pos;
  return `(${pos}) NOT (${q.none.map(fts5Phrase).join(' OR ')})`;
}

function fts5Phrase(x: Term): string {
  return `"${(x.kind === 'word' ? x.text : x.words.join(' ')).replace(/"/g, '""')}"`;
}

/**
 * The phrases of toFts5(q), in the order FTS5 numbers them (as they appear in the expression), each a MATCH
 * expression of its own; the excluded ones flagged.
 */
export function fts5Phrases(q: ParsedQuery): { phrase: string; excluded: boolean }[] {
  return [...q.all.flat().map((x) => ({ phrase: fts5Phrase(x), excluded: false })), ...q.none.map((x) => ({ phrase: fts5Phrase(x), excluded: true }))];
}

/**
 * PostgreSQL: a tsquery built by composition, never by parsing a string. Each word is one bound parameter to
 * plainto_tsquery and each phrase one to phraseto_tsquery (both read any text as plain words), joined with the
 * tsquery operators && || !!, each text first through broadside_fold() (migration 0006). engine.ts turns this
 * tree into SQL.
 */
export interface TsqueryPart {
  op: 'word' | 'phrase';
  text: string;
}
export type TsqueryTree = { and: TsqueryTree[] } | { or: TsqueryTree[] } | { not: TsqueryTree } | TsqueryPart;

export function toTsqueryTree(q: ParsedQuery): TsqueryTree | null {
  if (!q.all.length) return null;
  const t = (x: Term): TsqueryTree => (x.kind === 'word' ? { op: 'word', text: x.text } : { op: 'phrase', text: x.words.join(' ') });
  const groups: TsqueryTree[] = q.all.map((g) => (g.length > 1 ? { or: g.map(t) } : t(g[0]!)));
  for (const n of q.none) groups.push({ not: t(n) });
  return groups.length === 1 ? groups[0]! : { and: groups };
}
