/**
 * Where the municipality is: which register numbers its associations (CVR or Enhetsregisteret),
 * which language its pages open in, which demo register it ships with. Pure names only (workflow
 * code reaches this through the domain rules); the setting is in jurisdiction-settings.ts, the
 * rules per jurisdiction in domain/jurisdiction.ts.
 */
export const JURISDICTIONS = ['DK', 'NO'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export const DEFAULT_JURISDICTION: Jurisdiction = 'DK';

export function isJurisdiction(value: unknown): value is Jurisdiction {
  return typeof value === 'string' && (JURISDICTIONS as readonly string[]).includes(value);
}
