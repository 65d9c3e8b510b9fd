// The public site's shared state: who the outlet is, the layout data every page carries (memoised until a
// change touches it), and the render step that wraps a body in the layout.
import type { ComponentChildren } from 'preact';
import type { Ctx } from '../platform/context/index.js';
import { archiveMonths, navPages, nextScheduledAt, regionTags } from '../modules/content/queries.js';
import { renderPage, type Head, type LayoutData, type Site } from './layout.js';

export interface Rendered {
  html: string;
  /** Epoch ms when this page stops being true (the next scheduled article comes out). */
  expiresAt: number;
}

export class PublicSite {
  private layoutMemo: { data: LayoutData; expiresAt: number } | null = null;
  private settings: Record<string, string> | null = null;

  constructor(
    private ctx: Ctx,
    private base: Omit<Site, 'title' | 'description'> & { title: string; description: string },
  ) {}

  /** Called with the tags of every committed change. */
  onInvalidate(tags: string[]): void {
    if (tags.includes('layout') || tags.includes('settings')) {
      this.layoutMemo = null;
      this.settings = null;
    }
  }

  private async settingRows(): Promise<Record<string, string>> {
    if (!this.settings) {
      const rows = await this.ctx.db.selectFrom('settings').select(['key', 'value']).execute();
      this.settings = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    }
    return this.settings;
  }

  async site(): Promise<Site> {
    const settings = await this.settingRows();
    return {
      ...this.base,
      title: this.base.title || settings['site.title'] || 'Broadside',
      description: this.base.description || settings['site.description'] || '',
    };
  }

  async layout(now: string): Promise<{ data: LayoutData; expiresAt: number }> {
    const memo = this.layoutMemo;
    if (memo && memo.expiresAt > Date.now()) return memo;
    const [months, regions, nav, next, settings] = await Promise.all([
      archiveMonths(this.ctx.db, now),
      regionTags(this.ctx.db),
      navPages(this.ctx.db),
      nextScheduledAt(this.ctx.db, now),
      this.settingRows(),
    ]);
    const links = navigationLinks(settings['site.navigation']);
    const fresh = { data: { months, regions, nav, ...(links.length ? { links } : {}) }, expiresAt: next ? Date.parse(next) : Infinity };
    this.layoutMemo = fresh;
    return fresh;
  }

  async render(now: string, head: Head, body: ComponentChildren): Promise<Rendered> {
    const [site, layout] = await Promise.all([this.site(), this.layout(now)]);
    return { html: renderPage(site, layout.data, head, body), expiresAt: layout.expiresAt };
  }
}

/**
 * The header links kept in the settings (site.navigation, JSON [{label, url}]), as saveSettings checked them.
 * Checked again here, since whatever is in the table ends up in every page: a site path or an http(s) address only.
 */
export function navigationLinks(raw: string | undefined): { label: string; url: string }[] {
  if (!raw) return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((l) => {
    const label = typeof l?.label === 'string' ? l.label.trim() : '';
    const url = typeof l?.url === 'string' ? l.url.trim() : '';
    return label && (/^\/(?!\/)\S*$/.test(url) || /^https?:\/\/\S+$/i.test(url)) ? [{ label, url }] : [];
  });
}
