// Bytes of an export → text the XML parser may read. Exports are UTF-8 (WordPress writes the blog's charset,
// UTF-8 for decades); another encoding named in the XML declaration is decoded as named. Bytes that are not
// UTF-8 become U+FFFD and characters XML forbids (C0 controls but tab and newlines, U+FFFE/U+FFFF) are dropped,
// each noted with its place so that the report can name the line. A real archive with one stray byte is
// imported, not refused.
import { isUtf8 } from 'node:buffer';

export type DecodeNoteKind = 'invalid-utf8' | 'control';

/** `at` is the index in the text that push() or end() returned. */
export type DecodeNote = (kind: DecodeNoteKind, at: number) => void;

const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const FORBIDDEN_G = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export class ExportDecoder {
  private carry: Buffer = Buffer.alloc(0);
  private started = false;
  private other: TextDecoder | null = null;

  constructor(private readonly note: DecodeNote) {}

  /** The encoding in use once the first bytes were seen. */
  encoding = 'utf-8';

  push(chunk: Buffer): string {
    let b = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    if (!this.started) {
      // Wait for enough bytes to read the XML declaration.
      if (b.length < 256 && chunk.length > 0) {
        this.carry = Buffer.from(b);
        return '';
      }
      b = this.start(b);
    }
    if (this.other) return this.clean(this.other.decode(b, { stream: true }));
    const cut = incompleteTail(b);
    if (cut < b.length) this.carry = Buffer.from(b.subarray(cut));
    return this.utf8(b.subarray(0, cut));
  }

  end(): string {
    let b = this.carry;
    this.carry = Buffer.alloc(0);
    if (!this.started) b = this.start(b);
    if (this.other) return this.clean(this.other.decode(b));
    return this.utf8(b);
  }

  private start(b: Buffer): Buffer {
    this.started = true;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3);
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
      this.encoding = b[0] === 0xff ? 'utf-16le' : 'utf-16be';
      this.other = new TextDecoder(this.encoding, { ignoreBOM: false });
      return b;
    }
    const decl = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(b.subarray(0, 256).toString('latin1'));
    const label = decl?.[1]?.toLowerCase();
    if (label && label !== 'utf-8' && label !== 'utf8') {
      let d: TextDecoder;
      try {
        d = new TextDecoder(label);
      } catch {
        throw new Error(`The file says its encoding is "${decl![1]}", which Broadside cannot read. Save the export as UTF-8.`);
      }
      if (d.encoding !== 'utf-8') {
        this.encoding = d.encoding;
        this.other = d;
      }
    }
    return b;
  }

  private utf8(b: Buffer): string {
    if (b.length === 0) return '';
    const text = b.toString('utf8');
    if (!isUtf8(b)) {
      for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) this.note('invalid-utf8', i);
    }
    return this.clean(text);
  }

  private clean(text: string): string {
    if (!FORBIDDEN.test(text)) return text;
    let removed = 0;
    return text.replace(FORBIDDEN_G, (_m, offset: number) => {
      this.note('control', offset - removed);
      removed++;
      return '';
    });
  }
}

/** Where a UTF-8 sequence cut off by the chunk's end starts (the buffer's length when none is). */
function incompleteTail(b: Buffer): number {
  const n = b.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const x = b[i]!;
    if ((x & 0xc0) === 0x80) continue;
    if (x >= 0xc0) {
      const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
      return n - i < need ? i : n;
    }
    return n;
  }
  return n;
}
