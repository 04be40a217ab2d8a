import { isValidCvr, normalizeCvr } from '../../lib/cvr';
import { kronerToOre, oreToKroner } from '../../domain/money';
import { formatCaseReference } from '../../domain/reference';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';

describe('CVR check digits (modulus 11, weights 2,7,6,5,4,3,2,1)', () => {
  it.each(['13748136', '25313763', '10150817'])('accepts %s', (cvr) => expect(isValidCvr(cvr)).toBe(true));
  it.each([
    ['13748137', 'wrong check digit'],
    ['1374813', 'seven digits'],
    ['137481360', 'nine digits'],
    ['1374813a', 'a letter'],
    ['', 'empty'],
  ])('rejects %s (%s)', (cvr) => expect(isValidCvr(cvr)).toBe(false));
  it('normalises what people type', () => {
    expect(normalizeCvr('DK 1374 8136')).toBe('13748136');
    expect(normalizeCvr('13-74-81-36')).toBe('13748136');
  });
});

describe('money', () => {
  it('converts whole kroner to øre and back', () => {
    expect(kronerToOre(12_000)).toBe(1_200_000n);
    expect(oreToKroner(1_200_099n)).toBe(12_000);
  });
  it('refuses fractions of a krone at the edge', () => {
    expect(() => kronerToOre(10.5)).toThrow(RangeError);
  });
});

describe('case references and workflow IDs', () => {
  it('formats the reference with year and zero-padded serial', () => {
    expect(formatCaseReference(42, new Date('2026-03-01T10:00:00Z'))).toBe('GF-2026-00042');
  });
  it('derives the workflow ID from the application ID', () => {
    expect(grantApplicationWorkflowId('abc')).toBe('grant-application-abc');
  });
});
