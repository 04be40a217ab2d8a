import { t, pickLanguage } from '../../locale';
import { fingerprint, generateAccessToken, seal, sha256Hex, tokenMatchesHash, unseal } from '../../lib/tokens';

describe('access tokens', () => {
  it('are at least 128 bits of URL-safe randomness and differ every time', () => {
    const token = generateAccessToken();
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(generateAccessToken()).not.toBe(token);
  });
  it('match only their own hash', () => {
    const token = generateAccessToken();
    expect(tokenMatchesHash(token, sha256Hex(token))).toBe(true);
    expect(tokenMatchesHash(generateAccessToken(), sha256Hex(token))).toBe(false);
  });
  it('can be sealed with one secret and opened only with it', () => {
    const sealed = seal('the-token', 'key-1');
    expect(sealed).not.toContain('the-token');
    expect(unseal(sealed, 'key-1')).toBe('the-token');
    expect(() => unseal(sealed, 'key-2')).toThrow();
  });
  it('fingerprints ignore key order but not values', () => {
    expect(fingerprint({ a: 1, b: { c: 2, d: 3 } })).toBe(fingerprint({ b: { d: 3, c: 2 }, a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });
});

describe('language', () => {
  it.each([
    [undefined, undefined, 'da'],
    [undefined, 'en-GB,en;q=0.9', 'en'],
    [undefined, 'nb-NO', 'nb'],
    [undefined, 'no', 'nb'],
    [undefined, 'fr-FR, de', 'da'],
    ['en', 'da', 'en'],
    ['xx', 'nb', 'nb'],
  ])('?lang=%s with Accept-Language %s gives %s', (query, header, expected) => {
    expect(pickLanguage(query, header)).toBe(expected);
  });
  it('fills in values', () => {
    expect(t('da', 'errors.amount.overRoundMaximum', { max: 50_000 })).toBe('Du kan højst søge 50.000 kr. i denne pulje.');
  });
});
