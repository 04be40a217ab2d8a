import type { Config } from '../../../lib/config';

/** Cookies are Secure everywhere but plain-HTTP development and tests. */
export function secureCookies(config: Pick<Config, 'NODE_ENV' | 'PUBLIC_BASE_URL'>): boolean {
  return config.NODE_ENV === 'production' || config.PUBLIC_BASE_URL.startsWith('https:');
}
