import { z } from 'zod';
import type { OidcProviderSettings } from './oidc-client';
import { STAFF_ROLES, type StaffRole } from './staff-auth';

/**
 * Which claim value (a group or an app role at the identity provider) gives which roles here, e.g.
 * `{"grp-sagsbehandler":"caseworker","grp-leder":["approver","caseworker"]}`.
 */
const roleMapSchema = z.record(z.string().min(1), z.union([z.enum(STAFF_ROLES), z.array(z.enum(STAFF_ROLES)).min(1)]));

const roleMapFromEnv = z.string().transform((value, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"grp-sagsbehandler":"caseworker"}' });
    return z.NEVER;
  }
  const result = roleMapSchema.safeParse(parsed);
  if (!result.success) {
    ctx.addIssue({ code: 'custom', message: `must map each claim value to one of ${STAFF_ROLES.join(', ')} (or a list of them)` });
    return z.NEVER;
  }
  return Object.fromEntries(Object.entries(result.data).map(([value, roles]) => [value, typeof roles === 'string' ? [roles] : roles])) as Record<string, StaffRole[]>;
});

/**
 * Staff sign-in through the municipality's OpenID Connect provider, keyed by the variables' names
 * so the project's config schema takes them over with `...oidcSettingsSchema.shape`. Unset
 * OIDC_ISSUER: staff sign in with local accounts only.
 */
export const oidcSettingsSchema = z.object({
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the provider’s issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The claim holding the person's groups or app roles (Entra ID: `groups` or `roles`). */
  OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  OIDC_ROLE_MAP: roleMapFromEnv.optional(),
  OIDC_SCOPES: z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid').default('openid email profile'),
  /** What the sign-in button calls the provider: "Log ind med <name>"; unset, "kommunens login". */
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).optional(),
});

export type OidcSettings = z.infer<typeof oidcSettingsSchema>;

export interface OidcClientSettings extends OidcProviderSettings {
  roleClaim: string;
  roleMap: Record<string, StaffRole[]>;
  providerName?: string;
}

const TOGETHER = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ROLE_MAP'] as const;

/** Cross-variable rules, in the `{ variable, message }` shape of the project's ConfigError. */
export function oidcSettingsProblems(settings: OidcSettings & { NODE_ENV: string }): { variable: string; message: string }[] {
  const set = TOGETHER.filter((variable) => settings[variable] !== undefined);
  if (!set.length) return [];
  const problems = TOGETHER.filter((variable) => settings[variable] === undefined).map((variable) => ({
    variable,
    message: `is required with ${set.join(', ')}: OpenID Connect sign-in needs ${TOGETHER.join(', ')}`,
  }));
  if (settings.NODE_ENV === 'production' && settings.OIDC_ISSUER?.startsWith('http:')) {
    problems.push({ variable: 'OIDC_ISSUER', message: 'must be https:// in production' });
  }
  return problems;
}

/** The client's settings when OpenID Connect sign-in is configured, else undefined. */
export function oidcClientSettings(settings: OidcSettings): OidcClientSettings | undefined {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ROLE_MAP } = settings;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_ROLE_MAP) return undefined;
  return {
    issuer: new URL(OIDC_ISSUER),
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    roleClaim: settings.OIDC_ROLE_CLAIM,
    userInfoClaims: [settings.OIDC_ROLE_CLAIM],
    roleMap: OIDC_ROLE_MAP,
    scopes: settings.OIDC_SCOPES,
    providerName: settings.OIDC_PROVIDER_NAME,
  };
}

/**
 * The roles the claim's values map to; empty when none of them is in the map (then the person
 * is refused). A single string claim counts as one value.
 */
export function rolesFromClaims(claims: Record<string, unknown>, roleClaim: string, roleMap: Record<string, StaffRole[]>): StaffRole[] {
  const raw = claims[roleClaim];
  const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? [raw] : [];
  const roles = new Set<StaffRole>();
  for (const value of values) {
    if (Object.hasOwn(roleMap, value)) for (const role of roleMap[value] ?? []) roles.add(role);
  }
  return STAFF_ROLES.filter((role) => roles.has(role));
}
