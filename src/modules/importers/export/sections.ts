// The sections of a full export, by name. A module that owns data an outlet takes with it adds a section
// here; the JSON export writes every section, the WXR export the ones WordPress has a place for (it reads the
// content sections itself). Each section yields its rows in pages, so a large site is never held in memory.
import type { Ctx } from '../../../platform/context/index.js';
import { exportArticles, exportAuthors, exportPages, exportRedirects, exportTags } from '../../content/exportContent.js';
import { exportComments } from '../../comments/index.js';
import { listMedia, mediaJson } from '../../media/index.js';
import { ledgerRows } from '../../funding/index.js';

export interface ExportSection {
  /** The key in the JSON export. */
  name: string;
  rows(ctx: Ctx): AsyncIterable<unknown>;
}

const sections = new Map<string, ExportSection>();

export function registerExportSection(section: ExportSection): void {
  if (sections.has(section.name)) throw new Error(`An export section named "${section.name}" is already registered.`);
  sections.set(section.name, section);
}

export function exportSections(): ExportSection[] {
  return [...sections.values()];
}

async function* mediaRows(ctx: Ctx): AsyncGenerator<unknown> {
  for (let page = 1; ; page++) {
    const p = await listMedia(ctx.db, { page, q: '' });
    for (const m of p.items) {
      const j = mediaJson(m);
      yield { id: j.id, url: j.url, originalFilename: j.originalFilename, mime: j.mime, width: j.width, height: j.height, bytes: j.bytes, alt: j.alt, caption: j.caption, credit: j.credit, createdAt: j.createdAt };
    }
    if (page >= p.pages) return;
  }
}

registerExportSection({ name: 'authors', rows: (ctx) => exportAuthors(ctx.db) });
registerExportSection({ name: 'tags', rows: (ctx) => exportTags(ctx.db) });
registerExportSection({ name: 'articles', rows: (ctx) => exportArticles(ctx.db) });
registerExportSection({ name: 'pages', rows: (ctx) => exportPages(ctx.db) });
registerExportSection({ name: 'comments', rows: (ctx) => exportComments(ctx.db) });
registerExportSection({ name: 'media', rows: mediaRows });
registerExportSection({ name: 'redirects', rows: (ctx) => exportRedirects(ctx.db) });

// ---- Donations ledger (funding module): in the JSON export only (WXR has no place for money). Donor emails are
// the outlet's own data and go with it, as commenters' do; the export is an owner's file, never public.
registerExportSection({ name: 'ledger', rows: (ctx) => ledgerRows(ctx.db) });
