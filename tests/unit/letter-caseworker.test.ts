import { parsePdfs } from '../support/pdf-text';
import { decisionLetterData, renderDecisionLetter, type MunicipalitySettings } from '../../documents/letter';
import { printableName, type StaffPerson } from '../../lib/staff-people';
import type { Application, FundingRound } from '../../prisma/generated/client';

// The letter names the person who decided, with title and direct phone, and never prints an
// email address where a name belongs.

const MUNICIPALITY: MunicipalitySettings = {
  MUNICIPALITY_NAME: 'Vordingborg Kommune',
  MUNICIPALITY_DEPARTMENT: 'Social og Sundhed, Frivillighed',
  MUNICIPALITY_ADDRESS: 'Valdemarsgade 43, 4760 Vordingborg',
  MUNICIPALITY_EMAIL: 'frivillig@vordingborg.dk',
  MUNICIPALITY_PHONE: '55 36 36 36',
  MUNICIPALITY_TIME_ZONE: 'Europe/Copenhagen',
  PUBLIC_BASE_URL: 'https://tilskud.vordingborg.dk',
};

const EMAIL = 'karin.holm@vordingborg.dk';
const KARIN: StaffPerson = { email: EMAIL, name: 'Karin Holm', title: 'Sagsbehandler', phone: '99 99 12 34' };

const application = {
  language: 'da',
  referenceNumber: 42,
  submittedAt: new Date('2026-02-01T10:00:00Z'),
  createdAt: new Date('2026-02-01T09:00:00Z'),
  organizationName: 'Foreningen Nabohjælp Stege',
  organizationCvr: '13748136',
  contactName: 'Birthe Hansen',
  submission: { organization: { address: 'Storegade 12, 4780 Stege' } },
  projectTitle: 'Strikkecafé for ensomme ældre',
  startDate: new Date('2026-04-01T00:00:00Z'),
  endDate: new Date('2026-12-31T00:00:00Z'),
  amountRequestedOre: 1_200_000n,
  round: { name: '§ 18-puljen 2026', decisionCriteria: [] },
} as unknown as Application & { round: FundingRound };

function letterText(caseworker: StaffPerson | undefined, decidedBy = EMAIL) {
  const data = decisionLetterData({
    application,
    decision: {
      outcome: 'rejected',
      amountGrantedOre: 0n,
      reasons: { criteria: ['Aktiviteten ligger uden for puljens formål.'], text: 'Aktiviteten er et tilbud til kommunens egne ansatte.' },
      conditions: [],
      decidedBy,
      date: new Date('2026-03-02T09:00:00Z'),
    },
    caseworker,
    municipality: MUNICIPALITY,
  });
  return { data, pdf: renderDecisionLetter(data) };
}

describe('the caseworker in the decision letter', () => {
  it('is named with title and direct phone in the case facts, the contact paragraph and the signature', async () => {
    const { data, pdf } = letterText(KARIN);
    expect(data.caseworker).toEqual({ name: 'Karin Holm', title: 'Sagsbehandler', email: EMAIL, phone: '99 99 12 34' });
    const [parsed] = await parsePdfs([await pdf]);
    const text = parsed!.text;
    expect(text).toContain('Karin Holm');
    expect(text).toMatch(/Direkte telefon\s+99 99 12 34/);
    expect(text).toContain(`Kontakt Karin Holm (Sagsbehandler) på ${EMAIL} eller telefon 99 99 12 34.`);
    expect(text).toMatch(/Med venlig hilsen\s+Karin Holm\s+Sagsbehandler\s+Social og Sundhed, Frivillighed\s+Vordingborg Kommune/);
    // The address appears once, as the address to write to, never as a name.
    expect(text.split(EMAIL)).toHaveLength(2);
    expect(text).not.toMatch(/Sagsbehandler\s+karin\.holm@/i);
    expect(text).not.toMatch(/hilsen\s+karin\.holm@/i);
  });

  it('falls back to the department, not the email, when the staff member has no name', async () => {
    expect(printableName('  ')).toBeUndefined();
    expect(printableName(EMAIL)).toBeUndefined();
    expect(printableName(' Karin Holm ')).toBe('Karin Holm');

    const { data, pdf } = letterText(undefined);
    expect(data.caseworker).toEqual({ name: 'Social og Sundhed, Frivillighed', email: 'frivillig@vordingborg.dk', phone: '55 36 36 36' });
    const [parsed] = await parsePdfs([await pdf]);
    expect(parsed!.text).not.toContain(EMAIL);
    expect(parsed!.text).toContain('Kontakt Social og Sundhed, Frivillighed på frivillig@vordingborg.dk eller telefon 55 36 36 36.');
    expect(parsed!.text).toMatch(/Med venlig hilsen\s+Social og Sundhed, Frivillighed\s+Vordingborg Kommune/);
  });

  it('does not name someone other than the one who decided', () => {
    const { data } = letterText(KARIN, 'someone.else@vordingborg.dk');
    expect(data.caseworker.name).toBe('Social og Sundhed, Frivillighed');
  });
});
