// Proof of work for readers with JavaScript (hashcash-style, SHA-256): find a nonce such that
// SHA-256(challenge + ':' + nonce) starts with `bits` zero bits. The challenge binds the form token and the
// comment's text, so one solution serves one comment. The browser side is src/web/static/comments.js.
import { createHash } from 'node:crypto';
import { sha256Hex } from './signing.js';

export function powChallenge(articleId: number, ts: number, sig: string, body: string): string {
  return `${articleId}.${ts}.${sig}.${sha256Hex(body)}`;
}

export function leadingZeroBits(digest: Buffer): number {
  let n = 0;
  for (const byte of digest) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

export function checkPow(challenge: string, nonce: string, bits: number): boolean {
  if (!/^\d{1,15}$/.test(nonce)) return false;
  return leadingZeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= bits;
}

/** Solves a challenge (tests and the benchmark play the browser with it). */
export function solvePow(challenge: string, bits: number): string {
  for (let i = 0; ; i++) if (checkPow(challenge, String(i), bits)) return String(i);
}
