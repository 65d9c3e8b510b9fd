// Highlighting without HTML: a text becomes segments, some marked. Views wrap marked ones in <mark> and
// escape everything (preact does); the JSON API escapes and wraps the same way (segmentsToHtml).
import type { Term } from './query.js';
import { fold, matchKey, tokens, type Token } from './text.js';

export interface Segment {
  text: string;
  mark?: true;
}

interface Matcher {
  words: Set<string>;
  phrases: string[][];
}

function matcher(terms: Term[]): Matcher {
  const words = new Set<string>();
  const phrases: string[][] = [];
  for (const t of terms) {
    if (t.kind === 'word') words.add(matchKey(t.text));
    else phrases.push(t.words.map(matchKey));
  }
  return { words, phrases };
}

/** For each token, the key of the term it matched ('' for none). Phrases only where whole. */
function hits(toks: Token[], m: Matcher): string[] {
  const keys = toks.map((t) => matchKey(t.text));
  const out: string[] = new Array(toks.length).fill('');
  for (let i = 0; i < toks.length; i++) if (m.words.has(keys[i]!)) out[i] = keys[i]!;
  for (const p of m.phrases) {
    for (let i = 0; i + p.length <= toks.length; i++) {
      let ok = true;
      for (let k = 0; k < p.length && ok; k++) ok = keys[i + k] === p[k];
      if (ok) for (let k = 0; k < p.length; k++) out[i + k] = p.join(' ');
    }
  }
  return out;
}

function segments(text: string, toks: Token[], marks: string[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let pos = from;
  let i = 0;
  while (i < toks.length && toks[i]!.start < from) i++;
  for (; i < toks.length && toks[i]!.end <= to; i++) {
    if (!marks[i]) continue;
    // Consecutive marked words of one phrase become one mark, spaces included.
    let j = i;
    while (j + 1 < toks.length && toks[j + 1]!.end <= to && marks[j + 1] && marks[j + 1] === marks[i] && marks[i]!.includes(' ')) j++;
    const start = toks[i]!.start;
    const end = toks[j]!.end;
    if (start > pos) out.push({ text: text.slice(pos, start) });
    out.push({ text: text.slice(start, end), mark: true });
    pos = end;
    i = j;
  }
  if (to > pos) out.push({ text: text.slice(pos, to) });
  return out;
}

/** The whole text with the searched words marked. */
export function highlight(text: string, terms: Term[]): Segment[] {
  const toks = tokens(text);
  return segments(text, toks, terms.length ? hits(toks, matcher(terms)) : [], 0, text.length);
}

// ---------------------------------------------------------------------------------------------------------
// Snippets. A result page makes ten, from whole article bodies: rather than stem every word of every body,
// a regular expression finds the words that could match (those starting like a searched word, accents and
// case aside) and only those are stemmed and compared.

const WORD_AT = /[\p{L}\p{M}\p{N}]+/uy;
const GAP_AT = /[^\p{L}\p{M}\p{N}]*/uy;

/** Each base letter with every letter that folds to it (Latin-1 and Latin Extended-A/B), for a character class. */
const VARIANTS = (() => {
  const m = new Map<string, string>();
  for (let cp = 0xc0; cp <= 0x24f; cp++) {
    const c = String.fromCodePoint(cp);
    const base = fold(c);
    if (base.length === 0 || !/^[a-z]/.test(base)) continue;
    m.set(base[0]!, (m.get(base[0]!) ?? base[0]!) + c);
  }
  return m;
})();

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&');
}

/** The pattern of a word's start that every word with the same key begins with: its key's first letters. */
function prefixPattern(key: string): string {
  // Stemming changes only a word's end (y→i, an e put back): all but the key's last letter, at most three.
  const prefix = [...key].slice(0, Math.max(1, Math.min(3, [...key].length - 1)));
  return prefix.map((ch) => (VARIANTS.has(ch) ? `[${VARIANTS.get(ch)}]` : escapeRegex(ch))).join('');
}

interface Hit {
  start: number;
  end: number;
  key: string;
}

// A result page makes ten snippets for the same terms: the matcher and its pattern are made once.
const probes = new WeakMap<Term[], { m: Matcher; probe: RegExp | null }>();

function probeFor(terms: Term[]): { m: Matcher; probe: RegExp | null } {
  let p = probes.get(terms);
  if (!p) {
    const m = matcher(terms);
    const firsts = new Set<string>([...m.words, ...m.phrases.map((p) => p[0]!)]);
    // No lookbehind for the word's start in the pattern: tried at every position of the text, it made the
    // search twenty times slower. Each match is checked for a word start instead (wordStart).
    const probe = firsts.size ? new RegExp(`(?:${[...new Set([...firsts].map(prefixPattern))].join('|')})`, 'giu') : null;
    probes.set(terms, (p = { m, probe }));
  }
  return p;
}

const WORD_CHAR_BEFORE = /[\p{L}\p{M}\p{N}]$/u;

/** Whether a word starts at `at`: no letter, mark or digit just before (a surrogate pair read whole). */
function wordStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  if (before < 0x80) return !((before >= 0x30 && before <= 0x39) || (before >= 0x41 && before <= 0x5a) || (before >= 0x61 && before <= 0x7a));
  return !WORD_CHAR_BEFORE.test(text.slice(Math.max(0, at - 2), at));
}

function findHits(text: string, terms: Term[]): Hit[] {
  const { m, probe } = probeFor(terms);
  if (!probe) return [];
  const hits: Hit[] = [];
  let after = 0;
  for (const found of text.matchAll(probe)) {
    const at = found.index;
    if (at < after || !wordStart(text, at)) continue;
    WORD_AT.lastIndex = at;
    const w = WORD_AT.exec(text);
    if (!w) continue;
    const key = matchKey(w[0]);
    let end = at + w[0].length;
    if (m.words.has(key)) {
      hits.push({ start: at, end, key });
      after = end;
      continue;
    }
    for (const phrase of m.phrases) {
      if (phrase[0] !== key) continue;
      let pos = end;
      let k = 1;
      for (; k < phrase.length; k++) {
        GAP_AT.lastIndex = pos;
        GAP_AT.exec(text);
        WORD_AT.lastIndex = GAP_AT.lastIndex;
        const next = WORD_AT.exec(text);
        if (!next || matchKey(next[0]) !== phrase[k]) break;
        pos = WORD_AT.lastIndex;
      }
      if (k === phrase.length) {
        end = pos;
        hits.push({ start: at, end, key: phrase.join(' ') });
        after = end;
        break;
      }
    }
  }
  return hits;
}

/**
 * About `size` characters of the text around the best cluster of matches (the most distinct terms, then the
 * most matches), the matches marked; the text's beginning when nothing matches. "…" where text was cut.
 */
export function snippet(text: string, terms: Term[], size = 220): Segment[] {
  if (!text) return [];
  const hits = terms.length ? findHits(text, terms) : [];
  let from = 0;
  if (hits.length) {
    let bestScore = -1;
    // Windows from the text's start, and from a little before each match (read in context); the earliest of
    // the best wins, so that a text whose matches fit in its opening is shown from its first word.
    const starts = [0, ...hits.map((h) => Math.max(0, h.start - 30))];
    for (const start of starts) {
      const inside = hits.filter((h) => h.start >= start && h.end <= start + size);
      const score = new Set(inside.map((h) => h.key)).size * 1000 + inside.length;
      if (score > bestScore) {
        bestScore = score;
        from = start;
      }
    }
  }
  // Whole words only: start after a space, end before one (keeping a sentence's closing punctuation).
  if (from > 0) {
    const space = text.slice(from, from + 40).search(/\s/);
    from = space === -1 ? from : from + space + 1;
  }
  let to = Math.min(text.length, from + size);
  if (to < text.length) {
    const back = text.slice(from, to).search(/\s\S*$/);
    if (back > 0) to = from + back;
  }
  const segs: Segment[] = [];
  let pos = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    if (h.start > pos) segs.push({ text: text.slice(pos, h.start).replace(/\s+/g, ' ') });
    segs.push({ text: text.slice(h.start, h.end), mark: true });
    pos = h.end;
  }
  if (to > pos) segs.push({ text: text.slice(pos, to).replace(/\s+/g, ' ') });
  if (from > 0) segs.unshift({ text: '… ' });
  if (to < text.length) segs.push({ text: ' …' });
  return segs;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escaped HTML with <mark> around matches: what the JSON API sends. */
export function segmentsToHtml(segs: Segment[]): string {
  return segs.map((s) => (s.mark ? `<mark>${esc(s.text)}</mark>` : esc(s.text))).join('');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}
