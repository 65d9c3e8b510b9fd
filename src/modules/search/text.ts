// Text as search sees it: article HTML turned into plain text, user input made well-formed, words found with
// their offsets, accents folded and words stemmed (for highlighting; the engines fold and stem by themselves).

/** Control characters, including NUL (PostgreSQL refuses it in text), and lone UTF-16 surrogates. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const SURROGATE = /[\uD800-\uDFFF]/;

/** Any string made safe to store, compare and send to either engine: well-formed, no control characters, NFC. */
export function cleanText(s: string): string {
  const wellFormed = SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\uFFFD') : s;
  return wellFormed.replace(CONTROL, ' ').normalize('NFC');
}

/** A word: letters, combining marks and digits (the same split for documents, queries and highlighting). */
export const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** A word that has at least one letter or digit (a lone combining mark is not a word). */
const HAS_BASE = /[\p{L}\p{N}]/u;

export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    if (!HAS_BASE.test(m[0])) continue;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function words(text: string): string[] {
  return tokens(text).map((t) => t.text);
}

const NON_WORD = /[^\p{L}\p{M}\p{N}]+/gu;

/**
 * The text given to the index: words separated by single spaces. Both engines then see the same words
 * (PostgreSQL's own parser would read "covid-19" as "covid" and "-19", and URLs, e-mail addresses and file
 * names as single tokens), and a word typed in a search is found exactly where the same word is in a text.
 * One pass of a regular expression: the rebuild runs it over every article.
 */
export function indexText(s: string, maxChars = Infinity): string {
  const text = s.length > maxChars ? s.slice(0, maxChars) : s;
  return spellOut(text.normalize('NFC').replace(NON_WORD, ' ').trim());
}

/** indexText of stored article HTML: tags dropped (blocks part words, inline ones do not), entities decoded. */
export function indexHtml(html: string, maxChars = Infinity): string {
  return indexText(decodeEntities(stripTags(html, ' ')), maxChars);
}

const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŀ: 'l', ĳ: 'ij' };
const LIGATURE = /[ßæœøłđðþıħŧŀĳ]/g;
const LIGATURE_ANY_CASE = /[ßẞæÆœŒøØłŁđĐðÐþÞıħĦŧŦŀĿĳĲ]/g;

/**
 * Letters that are not a base letter plus accents (ß, æ, ø, ł…) spelt out, in any case. Neither SQLite's
 * unicode61 nor a translate() can fold them, unaccent does; doing it before the text reaches either engine
 * makes both find "Łódź" with "lodz" and "Straße" with "strasse".
 */
export function spellOut(s: string): string {
  return s.replace(LIGATURE_ANY_CASE, (c) => LIGATURES[c.toLowerCase()] ?? (c === 'ẞ' ? 'ss' : c));
}

/** Lower case without accents: "Meridá" → "merida", "Łódź" → "lodz", "Straße" → "strasse". */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(LIGATURE, (c) => LIGATURES[c] ?? c);
}

// ---------------------------------------------------------------------------------------------------------
// HTML to text. The input is the sanitiser's output (platform/html/sanitizer.ts): no scripts or styles, tags
// from one allowlist, text escaped. Block elements end a line; inline ones join their text to the next.

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  shy: '',
  copy: '©',
  eacute: 'é',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (all, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return NAMED[name.toLowerCase()] ?? all;
  });
}

const BLOCK_NAMES = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'figure', 'figcaption', 'br', 'hr', 'tr', 'td', 'th', 'table', 'thead', 'tbody', 'pre', 'section', 'article', 'aside', 'header', 'footer', 'iframe']);

/** Letters, digits and _: what a tag's name is made of. */
function nameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/**
 * The text between tags, each block element's tag (BLOCK_NAMES) replaced by `block` so that blocks part words
 * and inline tags do not, in one pass over the HTML (a result page runs it over ten whole articles, a rebuild
 * over every article). A tag ends at the first ">" outside quotes; a "<" that starts no complete tag (no ">",
 * or a quote left open) is text.
 */
function stripTags(html: string, block: string): string {
  let out = '';
  let from = 0;
  let lt = html.indexOf('<');
  while (lt !== -1) {
    // The tag's end: the first ">" outside quotes.
    let j = lt + 1;
    let end = -1;
    while (j < html.length) {
      const c = html.charCodeAt(j);
      if (c === 0x3e) {
        end = j;
        break;
      }
      if (c === 0x22 || c === 0x27) {
        const close = html.indexOf(c === 0x22 ? '"' : "'", j + 1);
        if (close === -1) break;
        j = close + 1;
      } else j++;
    }
    if (end === -1) {
      lt = html.indexOf('<', lt + 1);
      continue;
    }
    let k = lt + 1;
    if (html.charCodeAt(k) === 0x2f) k++;
    let n = k;
    while (n < end && nameChar(html.charCodeAt(n))) n++;
    out += html.slice(from, lt);
    if (n > k && BLOCK_NAMES.has(html.slice(k, n).toLowerCase())) out += block;
    from = end + 1;
    lt = html.indexOf('<', from);
  }
  return from === 0 ? html : out + html.slice(from);
}

/**
 * The text of stored article HTML for finding words in and cutting a snippet from: tags out (block ones a line
 * break), entities decoded, nothing else. Blanks are left as they are and control characters too: snippet()
 * collapses the blanks of the few pieces it keeps, and searchArticles cleans them, rather than clean every
 * character of ten whole articles for each page of results.
 */
export function roughText(html: string): string {
  const stripped = stripTags(html, '\n');
  return stripped.includes('&') ? decodeEntities(stripped) : stripped;
}

/** The readable text of stored (sanitised) article HTML: paragraphs on their own lines, entities decoded. */
export function htmlToText(html: string): string {
  const text = roughText(html);
  // Written to touch only what changes (runs of blanks, tabs, no-break spaces): a regular expression that
  // replaced every single space with itself cost more than all the rest of the conversion.
  return cleanText(text)
    .replace(/[ \t\u00a0]{2,}|[\t\u00a0]/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// English stop words: PostgreSQL's list (tsearch_data/english.stop), which its `english` configuration drops
// from documents and queries. The query parser drops them too, so both engines answer the same question.

export const STOPWORDS: ReadonlySet<string> = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its
  itself they them their theirs themselves what which who whom this that these those am is are was were be been being have
  has had having do does did doing a an the and but if or because as until while of at by for with about against between
  into through during before after above below to from up down in out on off over under again further then once here there
  when where why how all any both each few more most other some such no nor not only own same so than too very s t can will
  just don should now`.split(/\s+/),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(fold(word));
}

// ---------------------------------------------------------------------------------------------------------
// The Porter stemmer (M. F. Porter, 1980), as SQLite's `porter` tokenizer applies it. Used to find the words
// of a text that a search matched ("elections" highlights "election"); PostgreSQL's Snowball stemmer agrees
// on nearly every everyday word.

const STEP2: [string, string][] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['abli', 'able'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];
const STEP3: [string, string][] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
}

/** m: the number of vowel-consonant sequences in w[0..end). */
function measure(w: string, end: number): number {
  let m = 0;
  let i = 0;
  while (i < end && isConsonant(w, i)) i++;
  while (i < end) {
    while (i < end && !isConsonant(w, i)) i++;
    if (i >= end) break;
    while (i < end && isConsonant(w, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isConsonant(w, i)) return true;
  return false;
}

function doubleConsonant(w: string, end: number): boolean {
  return end >= 2 && w[end - 1] === w[end - 2] && isConsonant(w, end - 1);
}

/** consonant-vowel-consonant at the end, the last not w, x or y. */
function cvc(w: string, end: number): boolean {
  if (end < 3 || !isConsonant(w, end - 1) || isConsonant(w, end - 2) || !isConsonant(w, end - 3)) return false;
  const c = w[end - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

export function stem(word: string): string {
  let w = word;
  if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;

  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);

  // Step 1b
  let extra = false;
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    extra = true;
  } else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    extra = true;
  }
  if (extra) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (doubleConsonant(w, w.length) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w, w.length) === 1 && cvc(w, w.length)) w += 'e';
  }

  // Step 1c
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = `${w.slice(0, -1)}i`;

  // Steps 2 and 3
  for (const table of [STEP2, STEP3]) {
    for (const [from, to] of table) {
      if (w.endsWith(from)) {
        if (measure(w, w.length - from.length) > 0) w = w.slice(0, -from.length) + to;
        break;
      }
    }
  }

  // Step 4
  for (const suffix of STEP4) {
    if (w.endsWith(suffix)) {
      const base = w.length - suffix.length;
      if (measure(w, base) > 1 && (suffix !== 'ion' || /[st]$/.test(w.slice(0, base)))) w = w.slice(0, base);
      break;
    }
  }

  // Step 5
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !cvc(w, w.length - 1))) w = w.slice(0, -1);
  }
  if (w.endsWith('ll') && measure(w, w.length) > 1) w = w.slice(0, -1);
  return w;
}

/** The key under which a word matches: folded, then stemmed. Memoised: texts repeat their words. */
const keys = new Map<string, string>();
export function matchKey(word: string): string {
  // Looked up as written first: most words are, and lower-casing each one made a new string every time.
  let k = keys.get(word);
  if (k !== undefined) return k;
  const lower = word.toLowerCase();
  k = keys.get(lower) ?? stem(fold(lower));
  if (keys.size >= 200_000) keys.clear();
  keys.set(word, k);
  if (lower !== word) keys.set(lower, k);
  return k;
}
