// The theme's static files, read once at boot, fingerprinted and compressed: served from memory with
// immutable caching, and never looked up on disk from a request path.
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { extname, join } from 'node:path';
import { buildPath } from '../platform/paths.js';

export interface Asset {
  name: string;
  url: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

export function loadAssets(dir: string = buildPath('src/web/static/')): Map<string, Asset> {
  const byUrl = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const dot = name.lastIndexOf('.');
    const url = `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    byUrl.set(url, { name, url, type, body, gzip: gzipSync(body, { level: 9 }), br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }), etag: `"${hash}"` });
  }
  return byUrl;
}

export function assetUrl(assets: Map<string, Asset>, name: string): string {
  for (const a of assets.values()) if (a.name === name) return a.url;
  throw new Error(`No asset named ${name}`);
}
