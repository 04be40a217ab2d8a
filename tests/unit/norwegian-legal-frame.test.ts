import { defaultLegalFrame, norwegianLegalFrame, resolvedLegalFrame, shippedLegalFrame } from '../../domain/legal-frame';
import { jurisdictionRules } from '../../domain/jurisdiction';
import { reconsiderationProcedure } from '../../domain/reconsideration';
import { processSettingsSchema } from '../../domain/round-settings';
import { frameRulesFrom, validatedRound } from '../../services/api/admin/round-frame';
import { decisionLetterData, renderDecisionLetter, renderReconsiderationLetter, type LetterLanguage, type MunicipalitySettings } from '../../documents/letter';
import { renderEmail, type EmailCommon } from '../../documents/email';
import { formatMoney } from '../../locale';
import type { Application, FundingRound } from '../../prisma/generated/client';
import { parsePdf } from '../support/pdf-text';

// The legal frame defaults of a Norwegian municipality (JURISDICTION=NO): each decision an
// enkeltvedtak with its begrunnelse (fvl §§ 24-25), a klage within three weeks to the municipality
// and on to its klagenemnd (fvl §§ 28-29, 32-33), partsinnsyn (fvl § 18) and innsyn under
// offentleglova, politiattest as Norwegian law frames it: in every language the association
// reads, and never a Danish law's words.

const CONTACT = { name: 'Kari Nordmann', phone: '400 12 345', email: 'frivillighet@eksempel.no' };

const NORWAY: MunicipalitySettings = {
  MUNICIPALITY_NAME: 'Eksempel kommune',
  MUNICIPALITY_DEPARTMENT: 'Helse og omsorg, Frivillighet',
  MUNICIPALITY_ADDRESS: 'Rådhusplassen 1, 9994 Eksempelby',
  MUNICIPALITY_EMAIL: 'frivillighet@eksempel.no',
  MUNICIPALITY_PHONE: '400 12 000',
  MUNICIPALITY_TIME_ZONE: 'Europe/Oslo',
  PUBLIC_BASE_URL: 'https://tilskudd.eksempel.no',
  JURISDICTION: 'NO',
};

/** A case of a round whose frame names only its contact: the rest comes from the jurisdiction's defaults. */
function norwegianCase(language: LetterLanguage) {
  return {
    language,
    referenceNumber: 12,
    submittedAt: new Date('2027-02-01T10:00:00Z'),
    createdAt: new Date('2027-02-01T10:00:00Z'),
    organizationName: 'Frivilligsentralen i Eksempelby',
    organizationCvr: '100000008',
    // Paid to the account the organisation gave: Norway has no NemKonto.
    payoutAccount: '12345678903',
    contactName: 'Ola Nordmann',
    submission: { organization: { address: 'Storgata 4, 9994 Eksempelby' } },
    projectTitle: 'Middag for eldre',
    startDate: new Date('2027-03-01T00:00:00Z'),
    endDate: new Date('2027-06-30T00:00:00Z'),
    amountRequestedOre: 2_000_000n,
    round: { id: 'round-no', name: 'Tilskudd til frivillige lag og foreninger 2027', closesAt: null, decisionCriteria: [], processSettings: { reconsiderationPeriod: 'P3W' }, legalFrame: { contact: CONTACT } },
  } as unknown as Application & { round: FundingRound };
}

async function letterText(language: LetterLanguage, outcome: 'approved' | 'rejected', municipality: MunicipalitySettings = NORWAY): Promise<string> {
  const granted = outcome === 'approved';
  const data = decisionLetterData({
    application: norwegianCase(language),
    decision: {
      outcome,
      amountGrantedOre: granted ? 2_000_000n : 0n,
      reasons: granted ? { criteria: [], text: '' } : { criteria: [], text: 'Budsjettet går i hovedsak til husleie, som ordningen etter retningslinjene punkt 3 ikke dekker.' },
      conditions: [],
      decidedBy: 'system',
      date: new Date('2027-02-15T09:00:00Z'),
    },
    municipality,
    ...(granted ? { payoutDate: '2027-02-22', reporting: { requirement: 'declaration' as const, dueAt: '2027-09-28T21:59:00Z' } } : {}),
  });
  return (await parsePdf(await renderDecisionLetter(data))).text.replace(/\s+/g, ' ');
}

/** The Norwegian scheme's defaults: its frame leaves the contact to its rounds. */
const SCHEME = { legalFrame: { ...norwegianLegalFrame(CONTACT), contact: {} }, decisionCriteria: [], reportingTiers: [] } as never;

/** Words of Danish law that a Norwegian municipality's letter never uses. */
const DANISH_LAW = ['serviceloven', 'Ankestyrelsen', 'Folketingets Ombudsmand', '§ 22', 'forvaltningsloven § 9', 'NemKonto', 'børneattest', 'kommunalfuldmagt'];

describe('the legal frame defaults of a jurisdiction', () => {
  it('gives a Norwegian municipality the enkeltvedtak frame, a Danish one the § 18 frame', () => {
    expect(defaultLegalFrame('NO', CONTACT)).toEqual(norwegianLegalFrame(CONTACT));
    expect(defaultLegalFrame('DK', CONTACT)).toEqual(shippedLegalFrame(CONTACT));
    const norwegian = norwegianLegalFrame(CONTACT);
    expect(norwegian.legalBasis).toBe('kommunestyrets budsjettvedtak');
    expect(norwegian.legalBasis).not.toMatch(/serviceloven/);
    expect(norwegian.decisionMaker).toEqual({ kind: 'delegation', body: 'Hovedutvalg for helse og omsorg' });
    expect(norwegian.contact).toEqual(CONTACT);
  });

  it('follows the klage, counts three weeks and writes Norwegian kroner in Norway', () => {
    expect(reconsiderationProcedure('NO')).toBe('klage');
    expect(jurisdictionRules('NO')).toMatchObject({ reconsiderationPeriod: 'P3W', currency: 'NOK' });
    expect(jurisdictionRules('DK')).toMatchObject({ reconsiderationPeriod: 'P4W', currency: 'DKK' });
  });

  it('fills a Norwegian round’s blanks from the Norwegian frame and gives it three weeks for a klage', () => {
    const rules = frameRulesFrom({ NODE_ENV: 'test', JURISDICTION: 'NO', MUNICIPALITY_DEPARTMENT: 'Helse og omsorg', MUNICIPALITY_PHONE: '400 12 000', MUNICIPALITY_EMAIL: 'post@eksempel.no' });
    expect(rules.defaults.legalBasis).toBe('kommunestyrets budsjettvedtak');
    const round = validatedRound(
      { slug: 'tilskudd-2027', name: 'Tilskudd 2027', budget: 100_000, maxAmount: 20_000, opensAt: '2027-01-01T00:00:00Z', scheme: 'tilskudd-frivillige-lag' },
      'nb',
      rules,
      SCHEME,
    );
    expect(round.legalFrame).toMatchObject({ legalBasis: 'kommunestyrets budsjettvedtak', contact: { name: 'Helse og omsorg', email: 'post@eksempel.no' } });
    expect(processSettingsSchema.parse(round.processSettings).reconsiderationPeriod).toBe('P3W');
    // A round that sets its own period keeps it.
    const own = validatedRound(
      { slug: 'tilskudd-2027b', name: 'Tilskudd 2027', budget: 100_000, maxAmount: 20_000, opensAt: '2027-01-01T00:00:00Z', scheme: 'tilskudd-frivillige-lag', processSettings: { reconsiderationPeriod: 'P6W' } },
      'nb',
      rules,
      SCHEME,
    );
    expect(own.processSettings.reconsiderationPeriod).toBe('P6W');
  });

  it('completes a stored frame with only a contact from the Norwegian defaults', () => {
    const frame = resolvedLegalFrame({ contact: CONTACT }, defaultLegalFrame('NO', { name: 'x', phone: '1', email: 'x@eksempel.no' }));
    expect(frame.guidelines.name).toBe('Retningslinjer for tilskudd til frivillige lag og foreninger');
    expect(frame.contact).toEqual(CONTACT);
  });
});

describe('a Norwegian municipality’s decision letter', () => {
  it('in bokmål is an enkeltvedtak with begrunnelse, klage to the municipality and the klagenemnd, partsinnsyn and offentleglova, politiattest', async () => {
    const approved = await letterText('nb', 'approved');
    for (const phrase of [
      'ENKELTVEDTAK OM TILSKUDD',
      'Vedtaket bygger på kommunestyrets budsjettvedtak og på Retningslinjer for tilskudd til frivillige lag og foreninger, vedtatt av Hovedutvalg for helse og omsorg 20. januar 2026',
      'enkeltvedtak (forvaltningsloven § 2 første ledd bokstav b)',
      'forvaltningsloven §§ 24 og 25',
      'Klagefristen er 3 uker fra den dagen dette brevet kom fram til dere (forvaltningsloven § 29)',
      'Send klagen til kommunen, som fattet vedtaket: Eksempel kommune',
      'kan endre vedtaket selv (forvaltningsloven § 33)',
      'kommunens klagenemnd, som avgjør saken (forvaltningsloven § 28 andre ledd)',
      'partsinnsyn, forvaltningsloven § 18',
      'innsyn i saken etter offentleglova',
      'mindreårige eller personer med funksjonsnedsettelse, skal organisasjonen kreve politiattest',
      'etter reglene om politiattest',
      'Org.nr. 100000008',
      '15. februar 2027',
    ]) {
      expect(approved).toContain(phrase);
    }
    for (const danish of DANISH_LAW) expect(approved).not.toContain(danish);
    const rejected = await letterText('nb', 'rejected');
    expect(rejected).toContain('(begrunnelse)');
    expect(rejected).toContain('husleie');
    for (const danish of DANISH_LAW) expect(rejected).not.toContain(danish);
  });

  it.each([
    ['da', ['enkeltvedtak efter den norske forvaltningslov', 'Klagefristen er 3 uger', 'klagenævn (kommunal klagenemnd)', 'offentleglova', 'politiattest']],
    ['en', ['individual decision (enkeltvedtak) under the Norwegian Public Administration Act', 'The deadline is 3 weeks', 'appeals board (kommunal klagenemnd)', 'offentleglova', 'police certificate (politiattest)']],
  ] as const)('in %s states Norwegian law in the reader’s language', async (language, phrases) => {
    const text = await letterText(language, 'approved');
    for (const phrase of phrases) expect(text).toContain(phrase);
    // (The payout's account and its NemKonto wording are the payout texts', not the legal frame's.)
    for (const danish of ['serviceloven', 'Ankestyrelsen', 'Folketingets Ombudsmand', 'forvaltningsloven § 9', 'børneattest']) expect(text).not.toContain(danish);
  });

  it('writes amounts in Norwegian kroner with Norwegian number formats', () => {
    // The deployment's currency follows its jurisdiction (configureLocale at start-up); bokmål writes it "12 000 kr".
    expect(formatMoney('nb', 1_200_000n).replace(/\s/g, ' ')).toMatch(/^12 000 (DKK|kr)$/);
  });

  it('a Danish municipality’s letter in bokmål states Danish law, not the Norwegian klage', async () => {
    const danish = await letterText('nb', 'rejected', { ...NORWAY, JURISDICTION: 'DK' });
    expect(danish).toContain('Vedtaket kan ikke påklages til en annen myndighet');
    expect(danish).toContain('den danske forvaltningsloven § 9');
    expect(danish).not.toContain('klagenemnd');
    expect(danish).not.toContain('offentleglova');
  });
});

describe('a Norwegian municipality’s klage letters and emails', () => {
  const common: EmailCommon = {
    municipalityName: 'Eksempel kommune',
    organizationName: 'Frivilligsentralen i Eksempelby',
    contactName: 'Ola Nordmann',
    reference: 'GF-2027-00012',
    caseUrl: 'https://tilskudd.eksempel.no/sag/1?adgang=x',
    contact: CONTACT,
    glossaryUrl: 'https://tilskudd.eksempel.no/ordliste',
    law: 'NO',
  };

  it('acknowledges a klage as a klage that may go to the klagenemnd, and a decision with the three weeks', () => {
    const received = renderEmail('reconsideration_received', { ...common, requestedAt: new Date('2027-02-20T10:00:00Z'), procedure: 'klage' }, 'nb');
    expect(received.subject).toBe('Vi har mottatt klagen deres (GF-2027-00012)');
    expect(received.text).toContain('sender vi klagen til klagenemnda');
    const decision = renderEmail('decision', { ...common, outcome: 'rejected', amountGrantedOre: 0n }, 'nb');
    expect(decision.text).toContain('Dere kan klage på vedtaket innen 3 uker');
    expect(decision.text).not.toContain('NemKonto');
    // A Danish request in bokmål is no klage.
    const danish = renderEmail('reconsideration_received', { ...common, law: 'DK', requestedAt: new Date('2027-02-20T10:00:00Z'), procedure: 'reconsideration' }, 'nb');
    expect(danish.subject).toBe('Vi har mottatt anmodningen deres om ny vurdering (GF-2027-00012)');
    expect(danish.text).not.toContain('klagenemnda');
  });

  it('forwards the klage with the municipality’s assessment under fvl § 33 second paragraph', async () => {
    const data = decisionLetterData({
      application: norwegianCase('nb'),
      decision: { outcome: 'rejected', amountGrantedOre: 0n, reasons: { criteria: [], text: 'x' }, conditions: [], decidedBy: 'system', date: new Date('2027-03-01T09:00:00Z') },
      municipality: NORWAY,
    });
    const pdf = await renderReconsiderationLetter({
      ...data,
      kind: 'forwarded',
      requestedAt: new Date('2027-02-20T10:00:00Z'),
      decisionDate: new Date('2027-02-15T09:00:00Z'),
      reasons: { criteria: [], text: 'Oversikten viser 6 deltakere fra målgruppen av 40; det endrer ikke vurderingen.' },
    });
    const text = (await parsePdf(pdf)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Vi har sendt klagen deres til klagenemnda');
    expect(text).toContain('forvaltningsloven § 33 andre ledd');
    expect(text).toContain('partsinnsyn, forvaltningsloven § 18');
    for (const danish of DANISH_LAW) expect(text).not.toContain(danish);
  });
});
