import type { Request } from 'express';
import type { Config } from '../../../lib/config';

/** Cookies are Secure everywhere but plain-HTTP development and tests. */
export function secureCookies(config: Pick<Config, 'NODE_ENV' | 'PUBLIC_BASE_URL'>): boolean {
  return config.NODE_ENV === 'production' || config.PUBLIC_BASE_URL.startsWith('https:');
}

/** The app setting createApp stores secureCookies(config) under, so every cookie's name follows it. */
export const SECURE_COOKIES_SETTING = 'grantflow secure cookies';

/**
 * A cookie's name on the wire. Where cookies are Secure, the name carries the prefix browsers
 * enforce: `__Host-` for a cookie of the whole site (Secure, Path=/, no Domain, so neither a
 * subdomain nor plain HTTP can set or shadow it), `__Secure-` for a cookie scoped to one draft's
 * or case's path (`__Host-` requires Path=/). Plain-HTTP development keeps the bare name, which
 * browsers would refuse with a prefix.
 */
export function cookieName(req: Request, name: string, scope: 'site' | 'path' = 'site'): string {
  if (!req.app.get(SECURE_COOKIES_SETTING)) return name;
  return scope === 'site' ? `__Host-${name}` : `__Secure-${name}`;
}
