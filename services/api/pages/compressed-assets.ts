import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { RequestHandler } from 'express';

interface Asset {
  type: string;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const TEXT_TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/** An asset compressed once, at start-up (brotli at its best level: the cost is paid once, not per request). */
export function compressedAsset(file: string, body: Buffer): Asset {
  const type = TEXT_TYPES[path.extname(file)];
  if (!type) throw new Error(`not a text asset: ${file}`);
  return {
    type,
    etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
    identity: body,
    br: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: zlib.gzipSync(body, { level: 9 }),
  };
}

/** The text files (CSS, JavaScript, SVG) of the given folders, by their address below the mount. */
export function textAssetsOf(folders: Record<string, string>): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (prefix: string, folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(`${prefix}${entry.name}/`, full);
      else if (TEXT_TYPES[path.extname(entry.name)] && !entry.name.endsWith('.map')) assets.set(`${prefix}${entry.name}`, compressedAsset(full, fs.readFileSync(full)));
    }
  };
  for (const [prefix, folder] of Object.entries(folders)) walk(prefix, folder);
  return assets;
}

/**
 * Serves fingerprinted text assets compressed (brotli, else gzip, as the browser accepts), cached
 * for a year; anything else falls through to the static files.
 */
export function serveCompressed(assets: () => Map<string, Asset>, maxAgeSeconds: number): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Built at the first asset request: most processes (tests, a worker-less API run) never ask.
    const asset = assets().get(req.path.replace(/^\//, ''));
    if (!asset) return next();
    res.set({ 'Cache-Control': `public, max-age=${maxAgeSeconds}, immutable`, 'Content-Type': asset.type, ETag: asset.etag, Vary: 'Accept-Encoding' });
    if (req.get('if-none-match') === asset.etag) return void res.status(304).end();
    const accepted = req.get('accept-encoding') ?? '';
    const [encoding, body] = /\bbr\b/.test(accepted) ? ['br', asset.br] : /\bgzip\b/.test(accepted) ? ['gzip', asset.gzip] : [undefined, asset.identity];
    if (encoding) res.set('Content-Encoding', encoding);
    res.set('Content-Length', String(body.length));
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
