import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The pages' Content-Security-Policy: our own scripts, styles and images only; no frames, no inline code. */
export const PAGE_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  styleSrc: ["'self'"],
  scriptSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

/** Browser features no page of ours uses; a script injected anyway cannot reach them. */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** A year, as ASVS asks of HSTS; browsers then never try plain HTTP for the site or its subdomains. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * The security headers of every response — pages, JSON, assets, downloads, errors — through
 * helmet: the pages' CSP (JSON and assets carry it too: it costs nothing and covers a response a
 * browser is tricked into rendering), nosniff, Referrer-Policy, Cross-Origin-Resource-Policy and
 * -Opener-Policy, X-Frame-Options, Permissions-Policy; HSTS when the site is served over HTTPS
 * (always in production). A response may narrow its own CSP further (downloads are sandboxed).
 */
export function securityHeaders({ https }: { https: boolean }): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { ...PAGE_CSP_DIRECTIVES, ...(https ? { upgradeInsecureRequests: [] } : {}) },
      },
      // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own
      // form posts, which the CSRF check refuses. Pages holding a private link in the address
      // bar set no-referrer themselves.
      referrerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
    }),
    (_req, res, next) => {
      res.set('Permissions-Policy', PERMISSIONS_POLICY);
      next();
    },
  ];
}
