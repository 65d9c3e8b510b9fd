// Writes a cached page straight to the socket: conditional GET, content negotiation, HEAD.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CachedPage } from './page-cache.js';

export function acceptsEncoding(header: string | undefined, enc: 'br' | 'gzip'): boolean {
  if (!header) return false;
  // Cheap check, then reject explicit q=0.
  const i = header.indexOf(enc);
  if (i === -1) return false;
  const rest = header.slice(i + enc.length, i + enc.length + 8);
  return !/^\s*;\s*q=0(\.0+)?(\s|,|$)/.test(rest);
}

export function writeCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined && page.status === 200 && (inm === page.etag || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === page.etag))) {
    res.writeHead(304, { etag: page.etag, 'cache-control': page.headers['cache-control'] ?? 'no-cache', vary: 'Accept-Encoding' });
    res.end();
    return;
  }
  const ae = req.headers['accept-encoding'];
  let body = page.body;
  let encoding: string | null = null;
  if (page.br && acceptsEncoding(ae, 'br')) {
    body = page.br;
    encoding = 'br';
  } else if (page.gzip && acceptsEncoding(ae, 'gzip')) {
    body = page.gzip;
    encoding = 'gzip';
  }
  const headers: Record<string, string | number> = { ...page.headers, 'content-length': body.length, vary: 'Accept-Encoding' };
  if (encoding) headers['content-encoding'] = encoding;
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
