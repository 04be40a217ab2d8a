import { ConfigError, loadConfig } from '../../lib/config';
import { MITID_ERHVERV_CVR_CLAIM, memberOidcClientSettings } from '../../lib/member-oidc-settings';

// Members' sign-in through the organisations' OpenID provider: off unless configured, MitID
// Erhverv's CVR claim by default in Denmark, a claim the operator names in Norway.

const minimal = { NODE_ENV: 'development', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/grantflow' };
const provider = { MEMBER_OIDC_ISSUER: 'https://broker.example.dk/', MEMBER_OIDC_CLIENT_ID: 'grantflow', MEMBER_OIDC_CLIENT_SECRET: 'secret' };

function problems(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('members’ OpenID Connect settings', () => {
  it('is off when unset, and reads MitID Erhverv’s claims and name by default', () => {
    expect(memberOidcClientSettings(loadConfig(minimal))).toBeUndefined();
    expect(memberOidcClientSettings(loadConfig({ ...minimal, ...provider }))).toEqual({
      issuer: new URL('https://broker.example.dk/'),
      clientId: 'grantflow',
      clientSecret: 'secret',
      scopes: 'openid email profile',
      organisationClaim: MITID_ERHVERV_CVR_CLAIM,
      emailClaim: 'email',
      userInfoClaims: [MITID_ERHVERV_CVR_CLAIM, 'email'],
      providerName: 'MitID Erhverv',
    });
  });

  it('names each variable missing from a partial configuration', () => {
    expect(problems({ ...minimal, MEMBER_OIDC_ISSUER: provider.MEMBER_OIDC_ISSUER }).map((p) => p.variable)).toEqual(['MEMBER_OIDC_CLIENT_ID', 'MEMBER_OIDC_CLIENT_SECRET']);
  });

  it('needs https in production, and the organisation number’s claim in Norway', () => {
    expect(problems({ ...minimal, ...provider, MEMBER_OIDC_ISSUER: 'http://broker.example.dk/', NODE_ENV: 'production' }).map((p) => p.variable)).toContain('MEMBER_OIDC_ISSUER');
    expect(problems({ ...minimal, ...provider, JURISDICTION: 'NO' }).map((p) => p.variable)).toEqual(['MEMBER_OIDC_ORGANISATION_CLAIM']);
    expect(memberOidcClientSettings(loadConfig({ ...minimal, ...provider, JURISDICTION: 'NO', MEMBER_OIDC_ORGANISATION_CLAIM: 'orgnr', MEMBER_OIDC_PROVIDER_NAME: 'Kommunens megler' }))).toMatchObject({ organisationClaim: 'orgnr', providerName: 'Kommunens megler' });
  });

  it('refuses scopes without openid', () => {
    expect(problems({ ...minimal, ...provider, MEMBER_OIDC_SCOPES: 'email' }).map((p) => p.variable)).toEqual(['MEMBER_OIDC_SCOPES']);
  });
});
