import { renderCouncilBrief, type CouncilBriefData } from '../../documents/brief';
import { SUPPRESSED } from '../../domain/stats/suppression';
import { expectArchivalPdf } from '../support/pdf-bytes';
import { parsePdfs } from '../support/pdf-text';

// The council brief as a document people can read with assistive technology and archive: the
// same checks as the decision letter's, on the brief's own blocks (figures, bar charts, quotes).

const DATA: CouncilBriefData = {
  period: { from: '2026-01-01', to: '2026-06-30' },
  roundId: null,
  minimumGroupSize: 5,
  turnaround: { total: { medianDays: 21, p90Days: 40 }, municipality: { medianDays: 12 }, applicant: { medianDays: 6 }, decided: 48, targetDays: 30, withinTargetShare: 0.81 },
  stages: [
    { label: 'Screening', medianDays: 2 },
    { label: 'Sagsbehandling', medianDays: 12 },
    { label: 'Partshøring', medianDays: 7 },
  ],
  completeness: { completeFirstShare: 0.62, requestsPerApplication: 0.4, missingItems: [{ label: 'Budget', count: 9 }, { label: 'Vedtægter', count: SUPPRESSED }] },
  dropOff: { draftsStarted: 90, draftsSubmitted: 60, draftsStopped: 30, stoppedAt: [{ label: 'Økonomi', count: 14 }], medianFormMinutes: 18, lapsed: SUPPRESSED, withdrawn: 5 },
  outcomes: { approvalRate: 0.75, reasons: [{ label: 'Uden for målgruppen', count: 6 }], requestedKroner: 820_000, grantedKroner: 540_000 },
  budget: [{ roundId: 'r1', roundName: '§ 18-puljen 2026', budgetKroner: 600_000, grantedKroner: 540_000, usedShare: 0.9 }],
  reach: { submitted: 60, firstTimeShare: 0.3 },
  reporting: { onTimeShare: 0.88 },
  stories: [{ activity: 'Strikkecafé for ensomme ældre', text: 'Hver torsdag mødes 20 ældre og strikker sammen.', round: '§ 18-puljen 2026' }],
};

const SENDER = { municipality: 'Vordingborg Kommune', department: 'Social og Sundhed, Frivillighed' };

describe.each([
  ['da', 'da-DK'],
  ['nb', 'nb-NO'],
  ['en', 'en-GB'],
] as const)('the council brief in %s', (language, lang) => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderCouncilBrief(language, DATA, SENDER, new Date('2026-07-01T08:00:00Z'));
  });

  it('is tagged in its language, PDF/A-2, with its fonts embedded', () => {
    expectArchivalPdf(pdf, lang, ['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'BlockQuote']);
  });

  it('still reads as text, Danish letters and all', async () => {
    const [parsed] = await parsePdfs([pdf]);
    expect(parsed?.text).toContain('Hver torsdag mødes 20 ældre og strikker sammen.');
    expect(parsed?.text).toContain('Partshøring');
    expect(parsed?.text).toContain('§ 18-puljen 2026');
  });
});
