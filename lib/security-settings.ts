import { z } from 'zod';

/**
 * Settings of the HTTP edge, the metrics endpoint and the upload scanner, keyed by variable name
 * so the project's config schema can take them over with `...securitySettingsSchema.shape`.
 */
export const securitySettingsSchema = z.object({
  /**
   * Which proxies in front of the API to believe about the client's address and protocol
   * (X-Forwarded-For, X-Forwarded-Proto): `false`, a number of hops, or a comma-separated list of
   * addresses, CIDR ranges and Express's names (`loopback`, `linklocal`, `uniquelocal`).
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'must be false, a number of hops, or addresses/CIDR ranges separated by commas')
    .default('loopback'),
  /** Bearer token Prometheus sends to scrape /metrics; at least 32 characters. */
  METRICS_TOKEN: z.string().min(32).optional(),
  /** Serve /metrics on this port only (an internal interface), not on the public PORT. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The address the internal metrics port listens on. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** `none`, or `clamd`: every uploaded file is streamed to ClamAV's daemon before it is stored. */
  VIRUS_SCANNER: z.enum(['none', 'clamd']).default('none'),
  /** clamd's TCP address, host:port. */
  CLAMD_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. 127.0.0.1:3310')
    .default('127.0.0.1:3310'),
  /** One file's scan's time limit; past it the upload is refused as "cannot be checked now". */
  VIRUS_SCAN_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
});

export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

/** TRUST_PROXY as Express's `trust proxy` setting takes it. */
export function trustProxyValue(setting: string): boolean | number | string[] {
  if (setting === 'true') return true;
  if (setting === 'false') return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting.split(',').map((part) => part.trim()).filter(Boolean);
}

/** Production rules: HTTPS for what people and the register are reached at, metrics not public. */
export function productionSecurityProblems(
  settings: SecuritySettings & { NODE_ENV: string; PUBLIC_BASE_URL: string; CVR_REGISTER_URL: string; BRREG_REGISTER_URL: string; BUSINESS_REGISTER: string },
): { variable: string; message: string }[] {
  if (settings.NODE_ENV !== 'production') return [];
  const problems: { variable: string; message: string }[] = [];
  if (!settings.PUBLIC_BASE_URL.startsWith('https://')) {
    problems.push({ variable: 'PUBLIC_BASE_URL', message: 'must be an https:// address in production (links in emails carry private tokens)' });
  }
  if (settings.BUSINESS_REGISTER === 'cvr' && !settings.CVR_REGISTER_URL.startsWith('https://')) {
    problems.push({ variable: 'CVR_REGISTER_URL', message: 'must be an https:// address in production (the register credentials travel with every lookup)' });
  }
  if (settings.BUSINESS_REGISTER === 'brreg' && !settings.BRREG_REGISTER_URL.startsWith('https://')) {
    problems.push({ variable: 'BRREG_REGISTER_URL', message: 'must be an https:// address in production (its answer decides whether an applicant is active)' });
  }
  if (settings.TRUST_PROXY === 'true') {
    problems.push({ variable: 'TRUST_PROXY', message: 'true believes any client about its own address; name the proxies (addresses or CIDR ranges) or the number of hops' });
  }
  if (!settings.METRICS_TOKEN && !settings.METRICS_PORT) {
    problems.push({ variable: 'METRICS_TOKEN', message: 'production needs METRICS_TOKEN or METRICS_PORT, so /metrics is not public' });
  }
  return problems;
}
