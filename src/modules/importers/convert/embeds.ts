// A URL that WordPress would have embedded (an [embed] shortcode, a URL alone on its line, an embed block) →
// a player on a host the sanitiser allows, in the editor's own markup; anything else becomes a plain link.
import { EMBED_HOSTS } from '../../../platform/html/sanitizer.js';

export interface Embed {
  src: string;
  title: string;
}

const VIDEO_ID = /^[A-Za-z0-9_-]{6,20}$/;

export function embedFor(raw: string): Embed | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.toLowerCase().replace(/^(m|www)\./, '');
  let yt: string | null = null;
  if (host === 'youtu.be') yt = u.pathname.slice(1).split('/')[0] ?? null;
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    yt = u.pathname === '/watch' ? u.searchParams.get('v') : (/^\/(?:embed|shorts|live|v)\/([^/?#]+)/.exec(u.pathname)?.[1] ?? null);
  }
  if (yt !== null) return VIDEO_ID.test(yt) ? { src: `https://www.youtube-nocookie.com/embed/${yt}`, title: 'YouTube video' } : null;
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const m = /^\/(?:video\/)?(\d{3,12})(?:\/|$)/.exec(u.pathname);
    return m ? { src: `https://player.vimeo.com/video/${m[1]}`, title: 'Vimeo video' } : null;
  }
  if (host === 'soundcloud.com') return { src: `https://w.soundcloud.com/player/?url=${encodeURIComponent(u.href)}`, title: 'Audio' };
  if (EMBED_HOSTS.includes(u.hostname.toLowerCase()) && u.protocol === 'https:') return { src: u.href, title: 'Embedded content' };
  return null;
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** The embed's markup, or a paragraph with a link when the host cannot be embedded (null: not a web address). */
export function embedHtml(url: string): { html: string; embedded: boolean } | null {
  const e = embedFor(url);
  if (e) return { html: `<div class="embed"><iframe src="${escapeAttr(e.src)}" title="${escapeAttr(e.title)}" allow="fullscreen; picture-in-picture"></iframe></div>`, embedded: true };
  if (!/^https?:\/\/[^\s<>"]+$/i.test(url.trim())) return null;
  const u = url.trim();
  return { html: `<p><a href="${escapeAttr(u)}">${escapeText(u)}</a></p>`, embedded: false };
}
