import path from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import { generatePayloadKeyEntry } from '../../lib/payload-codec';

const minimal = { NODE_ENV: 'development', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/grantflow' };
/** What production needs besides: the register, a cookie secret, HTTPS, metrics not public, the account repayments go to, TLS to Temporal and payload keys. */
const productionBase = {
  ...minimal,
  NODE_ENV: 'production',
  BUSINESS_REGISTER: 'cvr',
  CVR_REGISTER_USERNAME: 'u',
  CVR_REGISTER_PASSWORD: 'p',
  COOKIE_SECRET: 'x'.repeat(32),
  PUBLIC_BASE_URL: 'https://tilskud.example.dk',
  METRICS_TOKEN: 'm'.repeat(32),
  MUNICIPALITY_ACCOUNT: '1234 0012345678',
  TEMPORAL_TLS: 'true',
  TEMPORAL_PAYLOAD_KEYS: generatePayloadKeyEntry('k1'),
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'grantflow',
      SMTP_URL: 'smtp://127.0.0.1:1025',
      PUBLIC_BASE_URL: 'http://localhost:3000',
      SEED_DEMO_DATA: true,
      TEMPORAL_TLS: false,
    });
    expect(config.DATA_DIR).toBe(path.resolve('.data'));
  });

  it('names a missing variable', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL: is required/);
  });

  it('needs NODE_ENV: a service never guesses whether it runs in production', () => {
    const { NODE_ENV: _unset, ...withoutNodeEnv } = minimal;
    expect(() => loadConfig(withoutNodeEnv)).toThrow(/NODE_ENV: is required/);
  });

  it('refuses plain http:// in production for the public address and the CVR register', () => {
    expect(loadConfig(productionBase).CVR_REGISTER_URL).toMatch(/^https:\/\//);
    expect(() => loadConfig({ ...productionBase, PUBLIC_BASE_URL: 'http://tilskud.example.dk' })).toThrow(/PUBLIC_BASE_URL: must be an https:\/\/ address in production/);
    expect(() => loadConfig({ ...productionBase, CVR_REGISTER_URL: 'http://distribution.virk.dk/cvr-permanent/virksomhed/_search' })).toThrow(
      /CVR_REGISTER_URL: must be an https:\/\/ address in production/,
    );
    // Development may use http:// for both.
    expect(loadConfig({ ...minimal, CVR_REGISTER_URL: 'http://127.0.0.1:9200/_search' }).CVR_REGISTER_URL).toBe('http://127.0.0.1:9200/_search');
  });

  it('takes Enhetsregisteret in production over https:// only', () => {
    const { CVR_REGISTER_USERNAME: _user, CVR_REGISTER_PASSWORD: _password, ...withoutCvr } = productionBase;
    const brreg = { ...withoutCvr, BUSINESS_REGISTER: 'brreg' };
    expect(loadConfig(brreg).BRREG_REGISTER_URL).toBe('https://data.brreg.no/enhetsregisteret/api');
    expect(() => loadConfig({ ...brreg, BRREG_REGISTER_URL: 'http://data.brreg.no/enhetsregisteret/api' })).toThrow(
      /BRREG_REGISTER_URL: must be an https:\/\/ address in production/,
    );
    // The rule is for the register in use: a CVR deployment may leave the Norwegian address alone.
    expect(loadConfig({ ...productionBase, BRREG_REGISTER_URL: 'http://127.0.0.1:8080/api' }).BUSINESS_REGISTER).toBe('cvr');
  });

  it('keeps /metrics off the public internet in production: a token or an internal port', () => {
    const { METRICS_TOKEN: _token, ...withoutToken } = productionBase;
    expect(() => loadConfig(withoutToken)).toThrow(/METRICS_TOKEN: production needs METRICS_TOKEN or METRICS_PORT/);
    expect(loadConfig({ ...withoutToken, METRICS_PORT: '9100' }).METRICS_PORT).toBe(9100);
    expect(() => loadConfig({ ...productionBase, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('reads which proxies to trust from TRUST_PROXY', () => {
    expect(loadConfig(minimal).TRUST_PROXY).toBe('loopback');
    expect(loadConfig({ ...minimal, TRUST_PROXY: '10.0.0.0/8, 192.168.1.4' }).TRUST_PROXY).toBe('10.0.0.0/8, 192.168.1.4');
    expect(() => loadConfig({ ...minimal, TRUST_PROXY: 'everyone please' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...productionBase, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: true believes any client/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...minimal, PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'seventy', /PORT:/],
    ['PORT', '70000', /PORT:/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL: must start with postgresql:\/\//],
    ['TEMPORAL_ADDRESS', 'localhost', /TEMPORAL_ADDRESS: must be host:port/],
    ['SMTP_URL', 'http://mail', /SMTP_URL: must start with smtp:\/\//],
    ['NODE_ENV', 'staging', /NODE_ENV:/],
    ['PUBLIC_BASE_URL', 'not a url', /PUBLIC_BASE_URL:/],
    ['TEMPORAL_TLS', 'maybe', /TEMPORAL_TLS:/],
  ])('rejects %s=%s with a message naming it', (variable, value, message) => {
    const attempt = () => loadConfig({ ...minimal, [variable]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', SMTP_URL: 'ftp://x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'NODE_ENV', 'PORT', 'SMTP_URL']);
    }
  });

  it('needs a cookie secret in production and makes one up elsewhere', () => {
    const { COOKIE_SECRET: _secret, ...production } = productionBase;
    expect(() => loadConfig(production)).toThrow(/COOKIE_SECRET: is required in production/);
    expect(() => loadConfig({ ...production, COOKIE_SECRET: 'too-short' })).toThrow(/COOKIE_SECRET/);
    const development = loadConfig(minimal);
    expect(development.COOKIE_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig(minimal).COOKIE_SECRET).not.toBe(development.COOKIE_SECRET);
  });

  it('prints a demo account on repayment claims outside production, and wants the real one in production', () => {
    expect(loadConfig(minimal).MUNICIPALITY_ACCOUNT).toBe('9999 0001234567');
    expect(loadConfig(productionBase).MUNICIPALITY_ACCOUNT).toBe('1234 0012345678');
    const { MUNICIPALITY_ACCOUNT: _account, ...production } = productionBase;
    expect(() => loadConfig(production)).toThrow(/MUNICIPALITY_ACCOUNT: is required in production/);
    expect(() => loadConfig({ ...minimal, MUNICIPALITY_ACCOUNT: '12340012345678' })).toThrow(/MUNICIPALITY_ACCOUNT: must be a Danish bank account/);
  });

  it('never seeds demo data in production', () => {
    const production = productionBase;
    expect(loadConfig(production).SEED_DEMO_DATA).toBe(false);
    expect(() => loadConfig({ ...production, SEED_DEMO_DATA: 'true' })).toThrow(/SEED_DEMO_DATA/);
    expect(() => loadConfig({ ...minimal, NODE_ENV: 'production' })).toThrow(/BUSINESS_REGISTER: the local register/);
  });

  it('wants both halves of an mTLS pair', () => {
    expect(() => loadConfig({ ...minimal, TEMPORAL_TLS_CERT_PATH: '/tmp/client.pem' })).toThrow(/TEMPORAL_TLS_KEY_PATH/);
  });
});
