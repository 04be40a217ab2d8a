import path from 'node:path';
import express, { Router } from 'express';

// The package's main file is dist/js/dkfds.min.js.
const DKFDS_DIST = path.resolve(path.dirname(require.resolve('dkfds')), '..');
const OWN_ASSETS = path.join(__dirname, 'assets');

/** The design system's CSS, fonts, icons and script, and our few additions to them. */
export function assetsRouter(): Router {
  const router = Router();
  router.use('/assets/dkfds', express.static(DKFDS_DIST, { maxAge: '7d', index: false, fallthrough: false }));
  router.use('/assets', express.static(OWN_ASSETS, { maxAge: '1h', index: false }));
  return router;
}
