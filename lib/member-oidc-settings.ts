import { z } from 'zod';
import type { OidcProviderSettings } from './oidc-client';
import type { Jurisdiction } from './jurisdiction';

/** The claim in which MitID Erhverv (through NemLog-in's broker) names the CVR number the person acts for. */
export const MITID_ERHVERV_CVR_CLAIM = 'https://data.gov.dk/model/core/eid/professional/cvr';

/**
 * Members of an association signing in through an OpenID Connect provider that vouches for the
 * organisation number they act for (MitID Erhverv through a broker in Denmark), keyed by the
 * variables' names so the project's config schema takes them over. Unset MEMBER_OIDC_ISSUER:
 * members sign in by the one-time email link only.
 */
export const memberOidcSettingsSchema = z.object({
  MEMBER_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the provider’s issuer URL, e.g. https://broker.example.dk/' }).optional(),
  MEMBER_OIDC_CLIENT_ID: z.string().min(1).optional(),
  MEMBER_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  MEMBER_OIDC_SCOPES: z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid').default('openid email profile'),
  /** The claim with the organisation number (CVR, organisasjonsnummer); Denmark's default is MitID Erhverv's. */
  MEMBER_OIDC_ORGANISATION_CLAIM: z.string().min(1).optional(),
  MEMBER_OIDC_EMAIL_CLAIM: z.string().min(1).default('email'),
  /** What the sign-in button calls the provider: "Log ind med <name>". */
  MEMBER_OIDC_PROVIDER_NAME: z.string().min(1).max(60).default('MitID Erhverv'),
});

export type MemberOidcSettings = z.infer<typeof memberOidcSettingsSchema>;

export interface MemberOidcClientSettings extends OidcProviderSettings {
  organisationClaim: string;
  emailClaim: string;
  providerName: string;
}

const TOGETHER = ['MEMBER_OIDC_ISSUER', 'MEMBER_OIDC_CLIENT_ID', 'MEMBER_OIDC_CLIENT_SECRET'] as const;

/** Cross-variable rules, in the `{ variable, message }` shape of the project's ConfigError. */
export function memberOidcSettingsProblems(settings: MemberOidcSettings & { NODE_ENV: string; JURISDICTION: Jurisdiction }): { variable: string; message: string }[] {
  const set = TOGETHER.filter((variable) => settings[variable] !== undefined);
  if (!set.length) return [];
  const problems: { variable: string; message: string }[] = TOGETHER.filter((variable) => settings[variable] === undefined).map((variable) => ({
    variable,
    message: `is required with ${set.join(', ')}: members' OpenID Connect sign-in needs ${TOGETHER.join(', ')}`,
  }));
  if (settings.NODE_ENV === 'production' && settings.MEMBER_OIDC_ISSUER?.startsWith('http:')) {
    problems.push({ variable: 'MEMBER_OIDC_ISSUER', message: 'must be https:// in production' });
  }
  // Norway has no one claim every broker uses for the organisasjonsnummer: the operator names it.
  if (settings.JURISDICTION !== 'DK' && !settings.MEMBER_OIDC_ORGANISATION_CLAIM) {
    problems.push({ variable: 'MEMBER_OIDC_ORGANISATION_CLAIM', message: 'is required outside Denmark: the claim in which the provider gives the organisation number' });
  }
  return problems;
}

/** The client's settings when members' OpenID Connect sign-in is configured, else undefined (the feature is off). */
export function memberOidcClientSettings(settings: MemberOidcSettings): MemberOidcClientSettings | undefined {
  const { MEMBER_OIDC_ISSUER, MEMBER_OIDC_CLIENT_ID, MEMBER_OIDC_CLIENT_SECRET } = settings;
  if (!MEMBER_OIDC_ISSUER || !MEMBER_OIDC_CLIENT_ID || !MEMBER_OIDC_CLIENT_SECRET) return undefined;
  const organisationClaim = settings.MEMBER_OIDC_ORGANISATION_CLAIM ?? MITID_ERHVERV_CVR_CLAIM;
  return {
    issuer: new URL(MEMBER_OIDC_ISSUER),
    clientId: MEMBER_OIDC_CLIENT_ID,
    clientSecret: MEMBER_OIDC_CLIENT_SECRET,
    scopes: settings.MEMBER_OIDC_SCOPES,
    organisationClaim,
    emailClaim: settings.MEMBER_OIDC_EMAIL_CLAIM,
    userInfoClaims: [organisationClaim, settings.MEMBER_OIDC_EMAIL_CLAIM],
    providerName: settings.MEMBER_OIDC_PROVIDER_NAME,
  };
}
