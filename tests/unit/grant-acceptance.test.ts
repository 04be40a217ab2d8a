import { LocalSigningProvider, conditionsHash } from '../../lib/signing/local-signing';
import { createSigningProvider, signingSettingsSchema } from '../../lib/signing/signing-settings';
import { conditionsVersion, maySign, normalizedName, signatoriesFor } from '../../domain/acceptance';
import { acceptanceInputSchema } from '../../domain/acceptance-schema';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalBusinessRegister, loadLocalRegister } from '../../lib/register';

const statement = {
  applicationId: '3f2a9c1e-0000-4000-8000-000000000001',
  decisionSequence: 1,
  organizationCvr: '13748136',
  organizationName: 'Foreningen Fælles Bord',
  signerName: 'Inge Hansen',
  conditionsVersion: conditionsVersion(1),
  conditionsHash: conditionsHash('1. Pengene må kun bruges til aktiviteten.'),
  signedAt: '2027-01-10T09:30:00.000Z',
};

describe('who may sign a grant’s acceptance', () => {
  it('takes the register’s signing rule where it names people, else the person the association named', () => {
    const rule = { text: 'Foreningen tegnes af formanden.', signatories: ['Bodil Jensen'] };
    expect(signatoriesFor({ signingRule: rule }, { name: 'Inge Hansen' })).toEqual({ source: 'register', names: ['Bodil Jensen'], rule: rule.text });
    expect(signatoriesFor({ signingRule: { text: 'x', signatories: [] } }, { name: 'Inge Hansen' })).toEqual({ source: 'application', names: ['Inge Hansen'] });
    expect(signatoriesFor(null, { name: 'Inge Hansen' })).toEqual({ source: 'application', names: ['Inge Hansen'] });
  });

  it('compares names without regard to case, spacing or composed letters, and refuses anyone else', () => {
    expect(normalizedName('  Søren  Å. Kierkegaard ')).toBe('søren å kierkegaard');
    expect(maySign('bodil   JENSEN', ['Bodil Jensen', 'Karim Nielsen'])).toBe(true);
    expect(maySign('Bo\u0308dil Jensen'.normalize('NFD'), ['Bödil Jensen'])).toBe(true);
    expect(maySign('Inge Hansen', ['Bodil Jensen', 'Karim Nielsen'])).toBe(false);
    expect(maySign('Bodil', ['Bodil Jensen'])).toBe(false);
    expect(maySign('   ', ['Bodil Jensen'])).toBe(false);
  });

  it('needs a name and the box ticked', () => {
    expect(acceptanceInputSchema.safeParse({ signerName: 'Inge Hansen', accept: true }).success).toBe(true);
    const unticked = acceptanceInputSchema.safeParse({ signerName: ' ', accept: false });
    expect(unticked.success).toBe(false);
    expect(unticked.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['signerName', 'i18n:errors.acceptance.signerNameRequired'],
      ['accept', 'i18n:errors.acceptance.acceptRequired'],
    ]);
  });

  it('reads a signing rule from the local register file, and refuses one that names nobody', async () => {
    const entry = { cvr: '13748136', name: 'Foreningen Fælles Bord', status: 'Aktiv', formCode: 115, formName: 'Frivillig forening', address: null };
    const register = new LocalBusinessRegister([{ ...entry, signingRule: { text: 'Formanden alene.', signatories: ['Inge Hansen'] } }]);
    const found = await register.lookup('13748136');
    expect(found.found && found.entity.signingRule).toEqual({ text: 'Formanden alene.', signatories: ['Inge Hansen'] });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'register-')), 'associations.json');
    fs.writeFileSync(file, JSON.stringify({ associations: [{ ...entry, signingRule: { text: 'Formanden alene.', signatories: [] } }] }));
    expect(() => loadLocalRegister(file)).toThrow(/signatories/);
  });
});

describe('the local signing provider', () => {
  const provider = new LocalSigningProvider('s'.repeat(32));

  it('signs a statement so that it verifies, and any change to it does not', async () => {
    const signed = await provider.sign(statement);
    expect(signed.provider).toBe('local');
    expect(signed.reference).toMatch(/^local-[0-9a-f]{20}$/);
    expect(signed.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(await provider.verify(signed)).toBe(true);
    expect(await provider.verify({ ...signed, statement: { ...statement, conditionsHash: conditionsHash('other conditions') } })).toBe(false);
    expect(await provider.verify({ ...signed, statement: { ...statement, signedAt: '2027-01-10T09:30:01.000Z' } })).toBe(false);
    expect(await new LocalSigningProvider('t'.repeat(32)).verify(signed)).toBe(false);
  });

  it('gives the same signature for the same statement and secret', async () => {
    expect((await provider.sign(statement)).signature).toBe((await provider.sign({ ...statement })).signature);
  });

  it('takes its secret from the environment, at least 32 characters, else one derived from the cookie secret', async () => {
    expect(signingSettingsSchema.safeParse({ SIGNING_SECRET: 'short' }).success).toBe(false);
    expect(signingSettingsSchema.parse({})).toEqual({ SIGNING_PROVIDER: 'local' });
    expect(signingSettingsSchema.safeParse({ SIGNING_PROVIDER: 'penneo' }).success).toBe(false);
    const explicit = createSigningProvider({ SIGNING_PROVIDER: 'local', SIGNING_SECRET: 'x'.repeat(40), COOKIE_SECRET: 'c'.repeat(40) });
    const derived = createSigningProvider({ SIGNING_PROVIDER: 'local', COOKIE_SECRET: 'c'.repeat(40) });
    const signed = await explicit.sign(statement);
    expect(await explicit.verify(signed)).toBe(true);
    expect(await derived.verify(signed)).toBe(false);
    expect(await createSigningProvider({ SIGNING_PROVIDER: 'local', COOKIE_SECRET: 'c'.repeat(40) }).verify(await derived.sign(statement))).toBe(true);
    expect(() => new LocalSigningProvider('too short')).toThrow(/32 characters/);
  });
});
