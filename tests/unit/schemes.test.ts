import { legalFrameSchema, withFrameDefaults } from '../../domain/legal-frame';
import { schemeFrameGaps, schemeInputSchema, withSchemeDefaults } from '../../domain/scheme-input';
import { schemeText } from '../../domain/scheme-texts';

const CULTURE_FRAME = legalFrameSchema.parse({
  legalBasis: 'kommunalfuldmagtsreglerne',
  guidelines: { name: 'Retningslinjer for Kultur- og aktivitetspuljen', adoptedOn: '2026-02-05', adoptedBy: 'Kultur- og Fritidsudvalget' },
  decisionMaker: { kind: 'delegation', body: 'Kultur- og Fritidsudvalget' },
  complaintGuidance: { da: 'Kulturpuljens egen klagevejledning.' },
});

const texts = { da: 'Kulturpuljen', nb: 'Kulturpuljen', en: 'Culture pool' };

describe('a scheme', () => {
  it('must give its legal basis, guidelines and who decides; the contact and meeting date are left to its rounds', () => {
    expect(schemeFrameGaps(legalFrameSchema.parse({})).map((gap) => gap.path)).toEqual([
      'legalFrame.legalBasis',
      'legalFrame.guidelines.name',
      'legalFrame.guidelines.adoptedOn',
      'legalFrame.guidelines.adoptedBy',
      'legalFrame.decisionMaker.body',
    ]);
    expect(schemeFrameGaps(CULTURE_FRAME)).toEqual([]);
    const parsed = schemeInputSchema.safeParse({ slug: 'kultur', name: texts, description: texts, legalFrame: { ...CULTURE_FRAME, legalBasis: ' ' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['legalFrame.legalBasis']);
  });

  it('is named and described in every language, with a slug fit for an address', () => {
    const parsed = schemeInputSchema.safeParse({ slug: 'Kultur Puljen', name: { da: 'Kulturpuljen' }, description: texts, legalFrame: CULTURE_FRAME });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['name.en', 'name.nb', 'slug']);
  });

  it('gets the default reporting tiers and no criteria when it names none', () => {
    const scheme = schemeInputSchema.parse({ slug: 'kultur', name: texts, description: texts, legalFrame: CULTURE_FRAME });
    expect(scheme.decisionCriteria).toEqual([]);
    expect(scheme.reportingTiers.map((tier) => tier.requirement)).toEqual(['declaration', 'accounts', 'audited_accounts']);
  });
});

describe('a new round of a scheme', () => {
  const scheme = {
    legalFrame: CULTURE_FRAME,
    decisionCriteria: [{ code: 'open_to_all', label: { da: 'Ikke åben for alle.', nb: 'Ikke åpen for alle.', en: 'Not open to everyone.' } }],
    reportingTiers: [{ upToKroner: null, requirement: 'declaration' as const, applicationDocuments: [] }],
  };

  it('takes the scheme’s criteria and tiers when it sends none, and keeps its own when it does', () => {
    expect(withSchemeDefaults({ name: 'Runde' }, scheme)).toEqual({ name: 'Runde', decisionCriteria: scheme.decisionCriteria, reportingTiers: scheme.reportingTiers });
    const own = { name: 'Runde', decisionCriteria: [], reportingTiers: [{ upToKroner: null, requirement: 'accounts', applicationDocuments: [] }] };
    expect(withSchemeDefaults(own, scheme)).toEqual(own);
  });

  it('fills each blank of its frame from the scheme’s, its own fields first, complaint guidance per language', () => {
    const round = legalFrameSchema.parse({ guidelines: { url: 'https://eksempel.dk/kultur' }, contact: { name: 'Lise Frandsen' }, complaintGuidance: { en: 'The round’s own guidance.' } });
    const frame = withFrameDefaults(round, CULTURE_FRAME);
    expect(frame).toMatchObject({
      legalBasis: 'kommunalfuldmagtsreglerne',
      guidelines: { name: 'Retningslinjer for Kultur- og aktivitetspuljen', url: 'https://eksempel.dk/kultur' },
      decisionMaker: { kind: 'delegation', body: 'Kultur- og Fritidsudvalget' },
      complaintGuidance: { da: 'Kulturpuljens egen klagevejledning.', en: 'The round’s own guidance.' },
      contact: { name: 'Lise Frandsen' },
    });
    // The scheme leaves the contact to the round: what the round lacks stays blank.
    expect(frame.contact.phone).toBeUndefined();
  });
});

describe('a scheme’s texts', () => {
  it('are read in the reader’s language, Danish standing in for one a row lacks', () => {
    expect(schemeText(texts, 'en')).toBe('Culture pool');
    expect(schemeText({ da: 'Kulturpuljen' }, 'nb')).toBe('Kulturpuljen');
    expect(schemeText(null, 'da')).toBe('');
  });
});
