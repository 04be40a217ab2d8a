import { ConfigError, loadConfig } from '../../lib/config';
import { oidcClientSettings, rolesFromClaims } from '../../lib/oidc-settings';

const minimal = { NODE_ENV: 'development', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/grantflow' };
const oidc = {
  OIDC_ISSUER: 'https://login.example.dk/tenant/v2.0',
  OIDC_CLIENT_ID: 'grantflow',
  OIDC_CLIENT_SECRET: 'secret',
  OIDC_ROLE_MAP: '{"grp-sagsbehandler":"caseworker","grp-leder":["approver","caseworker"]}',
};

function problems(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('OpenID Connect settings', () => {
  it('is off without OIDC_ISSUER, and on with the four variables', () => {
    expect(oidcClientSettings(loadConfig(minimal))).toBeUndefined();
    expect(oidcClientSettings(loadConfig({ ...minimal, ...oidc }))).toMatchObject({
      clientId: 'grantflow',
      roleClaim: 'groups',
      scopes: 'openid email profile',
      roleMap: { 'grp-sagsbehandler': ['caseworker'], 'grp-leder': ['approver', 'caseworker'] },
    });
  });

  it('names each variable missing from a partial configuration', () => {
    expect(problems({ ...minimal, OIDC_ISSUER: oidc.OIDC_ISSUER, OIDC_CLIENT_ID: 'grantflow' }).map((p) => p.variable)).toEqual(['OIDC_CLIENT_SECRET', 'OIDC_ROLE_MAP']);
  });

  it('refuses a role map that is not JSON, or names a role that does not exist', () => {
    expect(problems({ ...minimal, ...oidc, OIDC_ROLE_MAP: '{grp: caseworker}' })).toEqual([{ variable: 'OIDC_ROLE_MAP', message: expect.stringContaining('must be JSON') }]);
    expect(problems({ ...minimal, ...oidc, OIDC_ROLE_MAP: '{"grp":"superuser"}' })).toEqual([{ variable: 'OIDC_ROLE_MAP', message: expect.stringContaining('caseworker, approver, admin, politician') }]);
  });

  it('refuses scopes without openid, and a plain-HTTP issuer in production', () => {
    expect(problems({ ...minimal, ...oidc, OIDC_SCOPES: 'email profile' }).map((p) => p.variable)).toEqual(['OIDC_SCOPES']);
    expect(problems({ ...minimal, ...oidc, NODE_ENV: 'production', OIDC_ISSUER: 'http://login.example.dk' })).toContainEqual({ variable: 'OIDC_ISSUER', message: 'must be https:// in production' });
  });
});

describe('rolesFromClaims', () => {
  const map = { 'grp-sagsbehandler': ['caseworker' as const], 'grp-leder': ['approver' as const, 'caseworker' as const], 'grp-it': ['admin' as const] };

  it('gives the roles of every mapped value, once each, and ignores the rest', () => {
    expect(rolesFromClaims({ groups: ['grp-kantine', 'grp-leder', 'grp-sagsbehandler'] }, 'groups', map)).toEqual(['caseworker', 'approver']);
  });

  it('reads a single string claim as one value, and the configured claim only', () => {
    expect(rolesFromClaims({ roles: 'grp-it', groups: ['grp-leder'] }, 'roles', map)).toEqual(['admin']);
  });

  it('gives no roles for an unknown group, a missing claim, or a value named like an object property', () => {
    expect(rolesFromClaims({ groups: ['grp-kantine'] }, 'groups', map)).toEqual([]);
    expect(rolesFromClaims({}, 'groups', map)).toEqual([]);
    expect(rolesFromClaims({ groups: ['constructor', '__proto__', 7] }, 'groups', map)).toEqual([]);
  });
});
