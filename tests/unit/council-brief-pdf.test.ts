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
  turnaround: { total: { medianDays: 21, p90Days: 40 }, municipality: { medianDays: 12 }, applicant: { cases: 14, medianDays: 6 }, decided: 48, targetDays: 30, withinTargetShare: 0.81 },
  stages: [
    { label: 'Screening', medianDays: 2 },
    { label: 'Sagsbehandling', medianDays: 12 },
    { label: 'Partshøring', medianDays: 7 },
  ],
  completeness: { completeFirstShare: 0.62, requestsPerApplication: 0.4, missingItems: [{ label: 'Budget', count: 9 }, { label: 'Vedtægter', count: SUPPRESSED }] },
  dropOff: { draftsStarted: 90, draftsSubmitted: 60, draftsStopped: 30, stoppedAt: [{ label: 'Økonomi', count: 14 }], medianFormMinutes: 18, lapsed: SUPPRESSED, withdrawn: 5 },
  outcomes: { approvalRate: 0.75, reasons: [{ label: 'Uden for målgruppen', count: 6 }], requestedKroner: 820_000, grantedKroner: 540_000 },
  funnel: { cases: { received: 60, decided: 48, granted: 36, lapsed: SUPPRESSED, withdrawn: 5, open: 6 } },
  budget: [
    {
      roundId: 'r1',
      roundName: '§ 18-puljen 2026',
      budgetKroner: 600_000,
      requestedKroner: 820_000,
      grantedKroner: 540_000,
      demandShare: 1.367,
      usedShare: 0.9,
      requestedOverBudgetKroner: 220_000,
      overBudgetKroner: 0,
    },
  ],
  reach: { submitted: 60, firstTimeShare: 0.3 },
  reporting: { onTimeShare: 0.88 },
  analysis: {
    associations: [
      { code: 'new', label: 'Nye foreninger', submitted: 18, decided: 14, granted: 10, approvalRate: 0.714, requestedKroner: 240_000, grantedKroner: 150_000 },
      { code: 'returning', label: 'Har søgt før', submitted: 42, decided: 34, granted: 26, approvalRate: 0.765, requestedKroner: 580_000, grantedKroner: 390_000 },
    ],
    activityTerms: [
      { code: 'long_term', label: 'Langvarige', submitted: 12, decided: 10, granted: 9, approvalRate: 0.9, requestedKroner: 300_000, grantedKroner: 250_000 },
      { code: 'short_term', label: 'Kortere', submitted: 48, decided: 38, granted: 27, approvalRate: 0.711, requestedKroner: 520_000, grantedKroner: 290_000 },
    ],
    targetGroups: [{ code: 'lonely', label: 'Ensomme', submitted: 60, decided: 48, granted: 36, approvalRate: 0.75, requestedKroner: 820_000, grantedKroner: 540_000 }],
    trend: {
      previousPeriod: { from: '2025-07-01', to: '2025-12-31' },
      current: { submitted: 60, decided: 48, approvalRate: 0.75, medianTurnaroundDays: 21, requestedKroner: 820_000, grantedKroner: 540_000, firstTimeShare: 0.3 },
      previous: { submitted: 51, decided: 50, approvalRate: 0.7, medianTurnaroundDays: 25, requestedKroner: 700_000, grantedKroner: 500_000, firstTimeShare: 0.25 },
    },
  },
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
