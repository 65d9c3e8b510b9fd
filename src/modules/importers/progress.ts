// The import's progress on a terminal: one line redrawn in place (bar, counts, rate, time left).
import type { ImportProgress } from './wordpress/importWordPress.js';

const fmt = (n: number) => n.toLocaleString('en-GB');

export function duration(s: number): string {
  if (s < 60) return `${Math.max(0, Math.round(s))}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function progressLine(p: ImportProgress, width = 24): string {
  const frac = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
  const filled = Math.round(frac * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  const eta = p.phase === 'done' ? 'done' : p.phase === 'finishing' ? 'finishing' : p.etaSeconds === null ? 'ETA …' : `ETA ${duration(p.etaSeconds)}`;
  return `${bar} ${String(Math.floor(frac * 100)).padStart(3)}%  ${fmt(p.posts)} posts, ${fmt(p.pages)} pages, ${fmt(p.comments)} comments  ${fmt(p.rate)}/s  ${eta}`;
}

/** Draws on a TTY; elsewhere prints a plain line every 10 seconds (logs of a long run stay readable). */
export function progressPrinter(stream: NodeJS.WriteStream): (p: ImportProgress) => void {
  let lastPlain = 0;
  return (p) => {
    if (stream.isTTY) {
      const cols = stream.columns || 100;
      stream.write(`\r${progressLine(p).slice(0, cols - 1).padEnd(Math.min(cols - 1, 120))}`);
      if (p.phase === 'done') stream.write('\n');
      return;
    }
    const t = Date.now();
    if (p.phase === 'done' || t - lastPlain >= 10_000) {
      lastPlain = t;
      stream.write(`${progressLine(p)}\n`);
    }
  };
}
