// Turning a pasted video URL into an embeddable player address, for hosts the server's sanitiser allows.
// Keep EMBED_HOSTS equal to src/platform/html/sanitizer.ts (src/modules/editorial/admin-app.test.ts checks).
export const EMBED_HOSTS = [
  'www.youtube-nocookie.com',
  'www.youtube.com',
  'player.vimeo.com',
  'www.openstreetmap.org',
  'datawrapper.dwcdn.net',
  'w.soundcloud.com',
];

export interface Embed {
  src: string;
  title: string;
}

/** A YouTube or Vimeo page URL, or a player URL on an allowed host → the iframe source; else an error message. */
export function embedFromUrl(input: string): Embed | { error: string } {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { error: 'That is not a web address. Paste the full URL, starting with https://.' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: 'Only web addresses (https://) can be embedded.' };
  const host = u.hostname.toLowerCase().replace(/^m\./, 'www.');
  const id = /^[A-Za-z0-9_-]{6,20}$/;

  // YouTube: watch?v=ID, youtu.be/ID, /shorts/ID, /embed/ID, /live/ID → the privacy-enhanced player.
  let yt: string | null = null;
  if (host === 'youtu.be') yt = u.pathname.slice(1).split('/')[0] ?? null;
  else if (host === 'www.youtube.com' || host === 'youtube.com' || host === 'www.youtube-nocookie.com') {
    if (u.pathname === '/watch') yt = u.searchParams.get('v');
    else {
      const m = /^\/(?:embed|shorts|live|v)\/([^/?#]+)/.exec(u.pathname);
      if (m) yt = m[1]!;
    }
    if (!yt) return { error: 'That YouTube address does not name a video. Use the address of the video page.' };
  }
  if (yt !== null) {
    if (!id.test(yt)) return { error: 'That YouTube address does not name a video.' };
    const start = u.searchParams.get('t') ?? u.searchParams.get('start');
    const secs = start && /^\d+s?$/.test(start) ? `?start=${parseInt(start, 10)}` : '';
    return { src: `https://www.youtube-nocookie.com/embed/${yt}${secs}`, title: 'YouTube video' };
  }

  // Vimeo: vimeo.com/ID or player.vimeo.com/video/ID (with an optional privacy hash).
  if (host === 'vimeo.com' || host === 'www.vimeo.com' || host === 'player.vimeo.com') {
    const m = /^\/(?:video\/)?(\d{3,12})(?:\/([0-9a-f]{6,20}))?/.exec(u.pathname);
    if (!m) return { error: 'That Vimeo address does not name a video.' };
    const hash = m[2] ?? u.searchParams.get('h');
    return { src: `https://player.vimeo.com/video/${m[1]}${hash && /^[0-9a-f]+$/.test(hash) ? `?h=${hash}` : ''}`, title: 'Vimeo video' };
  }

  // A player address on another allowed host (maps, charts, audio), used as it is.
  if (EMBED_HOSTS.includes(u.hostname.toLowerCase())) {
    if (u.protocol !== 'https:') u.protocol = 'https:';
    const title = u.hostname.includes('openstreetmap') ? 'Map' : u.hostname.includes('datawrapper') ? 'Chart' : u.hostname.includes('soundcloud') ? 'Audio' : 'Embedded content';
    return { src: u.href, title };
  }
  return { error: `Embeds can come from YouTube, Vimeo or ${EMBED_HOSTS.slice(3).join(', ')}. Other sites can be linked instead.` };
}
