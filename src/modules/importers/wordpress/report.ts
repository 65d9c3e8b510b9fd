// What an import did, counted as it goes: shown at the end, written as JSON, kept with an admin run.
export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0, skipped: 0 });

export interface Warning {
  line: number;
  message: string;
}

export interface ImportReport {
  file: string;
  source: string;
  wxrVersion: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  seconds: number;
  completed: boolean;
  authors: Tally;
  tags: Tally;
  articles: Tally;
  pages: Tally;
  comments: Tally;
  attachments: { recorded: number; copied: number; notCopied: number };
  redirects: number;
  /** Item types Broadside has no place for (menus, revisions, custom types), with how many. */
  skippedTypes: Record<string, number>;
  unknownShortcodes: { name: string; count: number; lines: number[] }[];
  /** Addresses of public articles that were sticky in WordPress: they are sticky here too. */
  sticky: string[];
  /** Files that stay at their old address: no --media-dir, or not found in it, or not an image. */
  filesLeftInPlace: { url: string; line: number; reason: string }[];
  warnings: Warning[];
  warningsDropped: number;
  error: { line: number; column: number; message: string } | null;
}

const MAX_WARNINGS = 2000;
const MAX_LIST = 1000;

export class Reporter {
  readonly report: ImportReport;
  private readonly shortcodes = new Map<string, { count: number; lines: number[] }>();

  constructor(file: string, dryRun: boolean, now: string) {
    this.report = {
      file,
      source: '',
      wxrVersion: '',
      dryRun,
      startedAt: now,
      finishedAt: null,
      seconds: 0,
      completed: false,
      authors: tally(),
      tags: tally(),
      articles: tally(),
      pages: tally(),
      comments: tally(),
      attachments: { recorded: 0, copied: 0, notCopied: 0 },
      redirects: 0,
      skippedTypes: {},
      unknownShortcodes: [],
      sticky: [],
      filesLeftInPlace: [],
      warnings: [],
      warningsDropped: 0,
      error: null,
    };
  }

  warn(line: number, message: string): void {
    if (this.report.warnings.length < MAX_WARNINGS) this.report.warnings.push({ line, message });
    else this.report.warningsDropped++;
  }

  shortcode(name: string, line: number): void {
    const s = this.shortcodes.get(name) ?? { count: 0, lines: [] };
    s.count++;
    if (s.lines.length < 20 && !s.lines.includes(line)) s.lines.push(line);
    this.shortcodes.set(name, s);
  }

  leftInPlace(url: string, line: number, reason: string): void {
    this.report.attachments.notCopied++;
    if (this.report.filesLeftInPlace.length < MAX_LIST) this.report.filesLeftInPlace.push({ url, line, reason });
  }

  skipType(type: string): void {
    this.report.skippedTypes[type] = (this.report.skippedTypes[type] ?? 0) + 1;
  }

  finish(now: string): ImportReport {
    this.report.finishedAt = now;
    this.report.seconds = Math.round((Date.parse(now) - Date.parse(this.report.startedAt)) / 100) / 10;
    this.report.unknownShortcodes = [...this.shortcodes].map(([name, s]) => ({ name, ...s })).sort((a, b) => b.count - a.count);
    return this.report;
  }
}

/** The summary a person reads at the end of a run. */
export function summaryText(r: ImportReport): string {
  const t = (label: string, x: Tally) => `  ${label.padEnd(12)} ${x.created} new, ${x.updated} updated, ${x.unchanged} unchanged, ${x.skipped} skipped`;
  const lines = [
    r.dryRun ? 'Dry run: nothing was written. This is what the import would do:' : r.completed ? `Import finished in ${r.seconds} s.` : 'Import stopped before the end.',
    t('authors', r.authors),
    t('tags', r.tags),
    t('articles', r.articles),
    t('pages', r.pages),
    t('comments', r.comments),
    `  attachments  ${r.attachments.recorded} recorded, ${r.attachments.copied} copied into the media library, ${r.attachments.notCopied} left at their old address`,
    `  redirects    ${r.redirects} old addresses answer 301`,
  ];
  const skipped = Object.entries(r.skippedTypes);
  if (skipped.length) lines.push(`  not imported ${skipped.map(([k, v]) => `${v} ${k}`).join(', ')}`);
  if (r.unknownShortcodes.length) lines.push(`  shortcodes kept as text: ${r.unknownShortcodes.map((s) => `[${s.name}] ×${s.count} (line ${s.lines.join(', ')})`).join('; ')}`);
  if (r.sticky.length) lines.push(`  sticky       ${r.sticky.length} kept sticky (first on the home page): ${r.sticky.join(', ')}`);
  if (r.warnings.length) {
    lines.push(`Warnings (${r.warnings.length + r.warningsDropped}):`);
    for (const w of r.warnings.slice(0, 30)) lines.push(`  line ${w.line}: ${w.message}`);
    if (r.warnings.length > 30) lines.push(`  … ${r.warnings.length - 30 + r.warningsDropped} more in the JSON report`);
  }
  if (r.error) lines.push(`Error at line ${r.error.line}, column ${r.error.column}: ${r.error.message}`);
  return lines.join('\n');
}
