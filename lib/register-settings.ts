import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './project-root';

/** The fictional associations shipped for development and tests. */
export const DEFAULT_BUSINESS_REGISTER_FILE = path.join(PROJECT_ROOT, 'infra', 'register', 'associations.json');
export const DEFAULT_CVR_REGISTER_URL = 'https://distribution.virk.dk/cvr-permanent/virksomhed/_search';
/** Brønnøysundregistrene's open API for Enhetsregisteret (Norway); lookups go to {base}/enheter/{number}. */
export const DEFAULT_BRREG_REGISTER_URL = 'https://data.brreg.no/enhetsregisteret/api';

/**
 * The register's environment variables, keyed by their names so the project's config schema can
 * take them over with `...registerSettingsSchema.shape`. A plain object on purpose: object-level
 * refinements do not survive that merge, so the rule that `cvr` needs credentials lives in
 * `registerSettingsProblems` (and `createBusinessRegister` enforces it again).
 */
export const registerSettingsSchema = z.object({
  BUSINESS_REGISTER: z.enum(['local', 'cvr', 'brreg']).default('local'),
  BUSINESS_REGISTER_FILE: z.string().min(1).default(DEFAULT_BUSINESS_REGISTER_FILE),
  CVR_REGISTER_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default(DEFAULT_CVR_REGISTER_URL),
  CVR_REGISTER_USERNAME: z.string().min(1).optional(),
  CVR_REGISTER_PASSWORD: z.string().min(1).optional(),
  CVR_REGISTER_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(5000),
  BRREG_REGISTER_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default(DEFAULT_BRREG_REGISTER_URL),
  BRREG_REGISTER_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(5000),
});

export type RegisterSettings = z.infer<typeof registerSettingsSchema>;

/** Cross-variable rules, in the `{ variable, message }` shape of the project's ConfigError. */
export function registerSettingsProblems(settings: RegisterSettings): { variable: string; message: string }[] {
  if (settings.BUSINESS_REGISTER !== 'cvr') return [];
  return (['CVR_REGISTER_USERNAME', 'CVR_REGISTER_PASSWORD'] as const)
    .filter((variable) => !settings[variable])
    .map((variable) => ({ variable, message: 'is required when BUSINESS_REGISTER=cvr' }));
}
