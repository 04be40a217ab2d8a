import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { siteStylesheet } from './site-css';
import { compressedAsset, serveCompressed, textAssetsOf } from './compressed-assets';

// The package's main file is dist/js/dkfds.min.js.
const DKFDS_DIST = path.resolve(path.dirname(require.resolve('dkfds')), '..');
const OWN_ASSETS = path.join(__dirname, 'assets');
const APPLY_ASSETS = path.join(__dirname, 'apply', 'assets');
const A_YEAR = 365 * 24 * 3600 * 1000;

let version: string | undefined;
let stylesheet: string | undefined;

/** The design system's stylesheet as the pages use it (see site-css.ts), built once. */
function siteCss(): string {
  stylesheet ??= siteStylesheet(DKFDS_DIST);
  return stylesheet;
}

/**
 * A fingerprint of every file served under /assets/v/<fingerprint>/: the design system's version
 * and our own files' contents. A changed file changes every asset address, so the addresses can be
 * cached for a year and a deployment is seen at once.
 */
export function assetVersion(): string {
  if (version) return version;
  const hash = crypto.createHash('sha256');
  hash.update(JSON.parse(fs.readFileSync(path.join(DKFDS_DIST, '..', 'package.json'), 'utf8')).version);
  hash.update(siteCss());
  for (const folder of [OWN_ASSETS, APPLY_ASSETS]) {
    for (const name of fs.readdirSync(folder).sort()) {
      hash.update(name).update(fs.readFileSync(path.join(folder, name)));
    }
  }
  version = hash.digest('base64url').slice(0, 12);
  return version;
}

let compressed: ReturnType<typeof textAssetsOf> | undefined;

/** The text assets pages load, compressed once per process: ours, the design system's script, the stylesheet. */
function compressedAssets(): ReturnType<typeof textAssetsOf> {
  if (compressed) return compressed;
  compressed = textAssetsOf({ '': OWN_ASSETS, 'apply/': APPLY_ASSETS });
  compressed.set('dkfds/js/dkfds.min.js', compressedAsset('dkfds.min.js', fs.readFileSync(path.join(DKFDS_DIST, 'js', 'dkfds.min.js'))));
  compressed.set('dkfds/css/dkfds-virkdk.min.css', compressedAsset('dkfds-virkdk.min.css', Buffer.from(siteCss())));
  return compressed;
}

/** Compresses the assets now (the API calls this once listening), so the first visitor does not wait for it. */
export function prepareAssets(): void {
  compressedAssets();
}

/** The fingerprinted address of an asset: "app.css", "dkfds/css/…", "apply/apply.js". */
export function assetUrl(file: string): string {
  return `/assets/v/${assetVersion()}/${file}`;
}

/** The design system's CSS, fonts, icons and script, and our few additions to them. */
export function assetsRouter(): Router {
  const router = Router();
  const forever = { maxAge: A_YEAR, immutable: true, index: false, fallthrough: false } as const;
  const base = `/assets/v/${assetVersion()}`;
  router.use(base, serveCompressed(compressedAssets, A_YEAR / 1000));
  router.use(`${base}/dkfds`, express.static(DKFDS_DIST, forever));
  router.use(`${base}/apply`, express.static(APPLY_ASSETS, forever));
  router.use(base, express.static(OWN_ASSETS, forever));
  // For addresses without the fingerprint (older pages, bookmarks, a browser asking for /favicon.ico).
  router.get('/favicon.ico', (_req, res) => {
    res.sendFile(path.join(OWN_ASSETS, 'favicon.ico'), { maxAge: '1d' });
  });
  router.use('/assets/dkfds', express.static(DKFDS_DIST, { maxAge: '1h', index: false, fallthrough: false }));
  router.use('/assets', express.static(OWN_ASSETS, { maxAge: '1h', index: false }));
  return router;
}
