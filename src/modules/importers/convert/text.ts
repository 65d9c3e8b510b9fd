// Turning WordPress's HTML-ish fields into plain text (titles, excerpts, names, comments) and the kicker split.
import { Parser } from 'htmlparser2';

const BLOCK_END = new Set(['p', 'div', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'tr', 'ul', 'ol', 'figure', 'figcaption', 'table']);
const SKIP = new Set(['script', 'style', 'template', 'noscript']);
/** C0 and C1 controls other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Direction overrides, embeddings and isolates: they can make text read other than it is. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_ONE = new RegExp(CONTROL.source);
const BIDI_ONE = new RegExp(BIDI.source);

/**
 * The text of a piece of HTML, entities decoded. With `paragraphs`, <br> is a newline and block ends are a
 * blank line (comments keep their shape); without, everything is one line.
 */
export function htmlToText(html: string, paragraphs = false): string {
  if (!/[<&]/.test(html)) return paragraphs ? tidyParagraphs(html) : oneLine(html);
  // Most comments hold nothing but <br />, <p> and the common entities: no parser needed for those.
  if (!/<(?!\/?(?:br|p)\s*\/?>)|&(?!(?:amp|lt|gt|quot|#0?39|#\d{2,5});)/i.test(html)) {
    const text = html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p\s*>/gi, '\n\n')
      .replace(/<p\s*>/gi, '')
      .replace(/&(amp|lt|gt|quot|#0?39|#(\d{2,5}));/gi, (m, name: string, num: string | undefined) => {
        if (num) {
          const cp = Number(num);
          return cp > 0 && cp < 0x110000 && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
        }
        return ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[name.toLowerCase()] ?? "'";
      });
    return paragraphs ? tidyParagraphs(text) : oneLine(text);
  }
  let out = '';
  let skipping = 0;
  const p = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipping++;
        else if (name === 'br') out += '\n';
      },
      ontext(t) {
        if (!skipping) out += t;
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK_END.has(name)) out += '\n\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  p.write(html);
  p.end();
  return paragraphs ? tidyParagraphs(out) : oneLine(out);
}

/** One line: controls and direction overrides gone, runs of white space as one space. */
export function oneLine(s: string): string {
  return s.replace(CONTROL, ' ').replace(BIDI, '').replace(/\s+/g, ' ').trim();
}

/** Text with paragraphs: lines kept, at most one blank line between paragraphs. */
export function tidyParagraphs(s: string): string {
  // CONTROL spares tab and newline; each line's ends are trimmed as String.trim would. Steps that would find
  // nothing are skipped (comments arrive by the million).
  let t = s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
  if (CONTROL_ONE.test(t)) t = t.replace(CONTROL, '');
  if (BIDI_ONE.test(t)) t = t.replace(BIDI, '');
  t = t.replace(/[ \t\u00a0]+/g, ' ');
  if (/\s\n|\n\s/.test(t)) t = t.replace(/[^\S\n]*\n[^\S\n]*/g, '\n');
  return t.replace(/\n{3,}/g, '\n\n').trim();
}

/** Cuts at a length without splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return s.slice(0, cut).trimEnd();
}

export interface KickerSplit {
  kicker: string;
  headline: string;
}

/** The default: a short prefix (at most four words, 40 characters, no sentence inside) before the first colon. */
const DEFAULT_KICKER = /^([^:.!?"“”]{1,40}):\s+(\S[\s\S]*)$/;

/** Reads a --split-kicker pattern: a regular expression with groups `kicker` and `headline` (or two groups). */
export function kickerPattern(src: string | true): RegExp {
  if (src === true) return DEFAULT_KICKER;
  if (src.length > 300) throw new Error('The --split-kicker pattern is longer than 300 characters.');
  let re: RegExp;
  try {
    re = new RegExp(src, 'u');
  } catch (err) {
    throw new Error(`The --split-kicker pattern is not a regular expression: ${(err as Error).message}`);
  }
  const probe = new RegExp(`${re.source}|`, 'u').exec('')!;
  const named = re.source.includes('(?<kicker>') && re.source.includes('(?<headline>');
  if (!named && probe.length - 1 < 2) throw new Error('The --split-kicker pattern needs two groups, the kicker then the headline (or groups named kicker and headline).');
  return re;
}

export function splitKicker(title: string, re: RegExp): KickerSplit | null {
  const m = re.exec(title);
  if (!m) return null;
  const kicker = oneLine(m.groups?.kicker ?? m[1] ?? '');
  const headline = oneLine(m.groups?.headline ?? m[2] ?? '');
  if (!kicker || !headline || kicker.length > 80) return null;
  if (re === DEFAULT_KICKER && kicker.split(' ').length > 4) return null;
  return { kicker, headline };
}
