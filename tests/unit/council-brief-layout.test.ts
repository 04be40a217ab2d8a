import { renderCouncilBrief, type CouncilBriefData } from '../../documents/brief';
import { SUPPRESSED } from '../../domain/stats/suppression';
import { t, type Language, type MessageKey } from '../../locale';
import { contentStreams, readPdfBytes } from '../support/pdf-bytes';
import { parsePdfs, type ParsedPdf } from '../support/pdf-text';

// The council brief as a committee member reads it on paper: blocks kept together (no heading or
// chart caption left at the foot of a page, no page holding a stray line or two), and a count too
// small to show written as "under 5" with no bar, in Danish, Norwegian and English.

const SENDER = { municipality: 'Vordingborg Kommune', department: 'Social og Sundhed, Frivillighed' };
const NOW = new Date('2027-01-05T08:00:00Z');
const LANGUAGES: Language[] = ['da', 'nb', 'en'];

/** A year of a municipality with three rounds, like the demo's: long labels, over-budget rounds. */
function yearOf(language: Language, variant: { missingItems: number; stories: number; rounds: number; storyLength?: number }): CouncilBriefData {
  const step = (code: string) => t(language, `common.formStep.${code}` as MessageKey);
  const stage = (code: string) => t(language, `common.stage.${code}` as MessageKey);
  const missing = [
    { label: 'Budget for aktiviteten (§ 18, stk. 2)', count: 19 },
    { label: 'Vedtægter', count: 12 },
    { label: 'Regnskab for seneste år', count: 7 },
    { label: 'Underskrevet erklæring', count: 5 },
    { label: 'Referat fra generalforsamlingen', count: SUPPRESSED },
  ] as const;
  const rounds = [
    { roundId: 'r1', roundName: 'Tilskud til frivilligt socialt arbejde (§ 18) 2026, forår', budgetKroner: 600_000, requestedKroner: 1_280_000, grantedKroner: 600_000, demandShare: 2.133, usedShare: 1, requestedOverBudgetKroner: 680_000, overBudgetKroner: 0 },
    { roundId: 'r2', roundName: 'Tilskud til frivilligt socialt arbejde (§ 18) 2026, efterår', budgetKroner: 300_000, requestedKroner: 1_176_000, grantedKroner: 320_000, demandShare: 3.92, usedShare: 1.067, requestedOverBudgetKroner: 876_000, overBudgetKroner: 20_000 },
    { roundId: 'r3', roundName: 'Løbende pulje (§ 18)', budgetKroner: 200_000, requestedKroner: 150_000, grantedKroner: 84_000, demandShare: 0.75, usedShare: 0.42, requestedOverBudgetKroner: 0, overBudgetKroner: 0 },
  ];
  const group = (code: string, label: string, submitted: number | typeof SUPPRESSED) =>
    submitted === SUPPRESSED
      ? { code, label, submitted, decided: SUPPRESSED, granted: SUPPRESSED, approvalRate: null, requestedKroner: null, grantedKroner: null }
      : { code, label, submitted, decided: Math.round(submitted * 0.9), granted: Math.round(submitted * 0.7), approvalRate: 0.778, requestedKroner: submitted * 18_000, grantedKroner: submitted * 9_000 };
  const targetGroup = (code: string) => t(language, `common.targetGroup.${code}` as MessageKey);
  return {
    period: { from: '2026-01-01', to: '2026-12-31' },
    roundId: null,
    minimumGroupSize: 5,
    turnaround: { total: { medianDays: 21, p90Days: 47 }, municipality: { medianDays: 13.5 }, applicant: { cases: 61, medianDays: 5 }, decided: 279, targetDays: null, withinTargetShare: 0.81 },
    stages: [
      { label: stage('screening'), medianDays: 0.1 },
      { label: stage('queue'), medianDays: 3 },
      { label: stage('round_wait'), medianDays: 24 },
      { label: stage('review'), medianDays: 7.5 },
      { label: stage('applicant'), medianDays: 5 },
    ],
    completeness: { completeFirstShare: 0.62, requestsPerApplication: 0.4, missingItems: missing.slice(0, variant.missingItems).map((item) => ({ ...item })) },
    dropOff: {
      draftsStarted: 340,
      draftsSubmitted: 269,
      draftsStopped: 71,
      stoppedAt: [
        { label: step('organization'), count: 12 },
        { label: step('contact'), count: SUPPRESSED },
        { label: step('project'), count: 14 },
        { label: step('budget'), count: 33 },
        { label: step('declarations'), count: 10 },
        { label: step('summary'), count: 0 },
      ],
      medianFormMinutes: 18,
      lapsed: SUPPRESSED,
      withdrawn: 6,
    },
    outcomes: {
      approvalRate: 0.75,
      reasons: [
        { label: 'Aktiviteten er ikke frivilligt socialt arbejde (§ 18)', count: 22 },
        { label: 'Budgettet er ikke realistisk', count: 11 },
        { label: 'Aktiviteten ligger uden for kommunen', count: SUPPRESSED },
      ],
      requestedKroner: 4_820_000,
      grantedKroner: 2_540_000,
    },
    funnel: { cases: { received: 269, decided: 230, granted: 172, lapsed: SUPPRESSED, withdrawn: 6, open: 30 } },
    budget: rounds.slice(0, variant.rounds),
    analysis: {
      associations: [group('new', t(language, 'stats.analysis.newAssociations'), 81), group('returning', t(language, 'stats.analysis.returningAssociations'), 188)],
      activityTerms: [group('long_term', t(language, 'stats.analysis.term.long_term', { months: 12 }), 40), group('short_term', t(language, 'stats.analysis.term.short_term', { months: 12 }), 229)],
      targetGroups: [
        group('lonely', targetGroup('lonely'), 120),
        group('older_people', targetGroup('older_people'), 90),
        group('vulnerable_children_families', targetGroup('vulnerable_children_families'), 55),
        group('addiction', targetGroup('addiction'), SUPPRESSED),
      ],
      trend: {
        previousPeriod: { from: '2025-01-01', to: '2025-12-31' },
        current: { submitted: 269, decided: 230, approvalRate: 0.748, medianTurnaroundDays: 21, requestedKroner: 4_820_000, grantedKroner: 2_540_000, firstTimeShare: 0.3 },
        previous: { submitted: 241, decided: 236, approvalRate: 0.71, medianTurnaroundDays: 26.5, requestedKroner: 4_100_000, grantedKroner: 2_400_000, firstTimeShare: null },
      },
    },
    reach: { submitted: 269, firstTimeShare: 0.3 },
    reporting: { onTimeShare: 0.88 },
    stories: Array.from({ length: variant.stories }, (_, index) => ({
      activity: 'Strikkecafé for ensomme ældre',
      text: 'Hver torsdag mødes 20 ældre og strikker sammen. '.repeat(index + (variant.storyLength ?? 1)).trim(),
      round: 'Løbende pulje (§ 18)',
    })),
  };
}

const FULL = { missingItems: 5, stories: 3, rounds: 3 };

/** Variants that move every block up and down the pages, so each comes near a page's foot. */
const VARIANTS = [0, 1, 2, 3, 4, 5].flatMap((missingItems) =>
  [0, 1, 2, 3].flatMap((stories) => [1, 4].map((storyLength) => ({ missingItems, stories, storyLength, rounds: 1 + ((missingItems + stories) % 3) }))),
);

/** A page's lines without its running footer. */
function bodyLines(language: Language, page: string[]): string[] {
  const footerStart = t(language, 'brief.footer', { municipality: SENDER.municipality, period: '' }).split('·')[0]?.trim() ?? '';
  const pageWord = t(language, 'brief.page', { current: 1, total: 1 }).split(' ')[0] ?? '';
  return page.filter((line) => !line.startsWith(footerStart) && !line.startsWith(pageWord));
}

/** What must never end a page: a heading, or the caption of the chart below it. */
function introductions(language: Language): string[] {
  const headings = ['headline', 'barriers', 'longestWaits', 'missing', 'dropOff', 'budget', 'analysis', 'demand', 'associations', 'terms', 'targetGroups', 'trend', 'stories', 'method'].map(
    (key) => `brief.heading.${key}` as MessageKey,
  );
  return [...headings, 'brief.dropOff.stoppedAt' as const, 'brief.budget.reasons' as const, 'brief.analysis.targetGroupsCaption' as const].map((key) => t(language, key));
}

describe.each(LANGUAGES)('the council brief in %s', (language) => {
  let full: ParsedPdf;
  let fullPdf: Buffer;
  let variants: ParsedPdf[];

  beforeAll(async () => {
    fullPdf = await renderCouncilBrief(language, yearOf(language, FULL), SENDER, NOW);
    const pdfs = await Promise.all(VARIANTS.map((variant) => renderCouncilBrief(language, yearOf(language, variant), SENDER, NOW)));
    [full = fail('no brief'), ...variants] = await parsePdfs([fullPdf, ...pdfs]);
  }, 60_000);

  it('draws a bar for every count it shows and none for a count under five', () => {
    // Accent-filled rectangles are the bars: 3 stages, 4 missing items of 5 or more, 4 form
    // steps of 5 or more (the step nobody stopped at is left out), 2 reasons, 3 target groups.
    const accentFill = /\bre\n\/DeviceRGB cs\n0\.1215\d* 0\.3058\d* 0\.4745\d* scn\nf\b/g;
    const bars = contentStreams(readPdfBytes(fullPdf)).reduce((sum, stream) => sum + (stream.match(accentFill)?.length ?? 0), 0);
    expect(bars).toBe(3 + 4 + 4 + 2 + 3);
  });

  it('writes each count under five as "under 5" in its language', () => {
    const fewerThanFive = t(language, 'brief.value.fewerThanFive');
    const shownAsFew = full.pageLines.flat().filter((line) => line.endsWith(` ${fewerThanFive}`));
    // The missing item, the form step, the reason, the lapsed applications and the target group counted under five.
    expect(shownAsFew.sort()).toEqual(
      [
      `Referat fra generalforsamlingen ${fewerThanFive}`,
      `${t(language, 'brief.dropOff.lapsed')} ${fewerThanFive}`,
      `${t(language, 'common.formStep.contact')} ${fewerThanFive}`,
      `Aktiviteten ligger uden for kommunen ${fewerThanFive}`,
      `${t(language, 'common.targetGroup.addiction')} ${fewerThanFive}`,
      ].sort(),
    );
  });

  it('keeps "(§ 18)" and a percentage on one line wherever they stand', () => {
    const lines = full.pageLines.flat();
    expect(lines.filter((line) => /\(§$|^18\)|^%\)/.test(line))).toEqual([]);
    expect(lines.some((line) => line.includes('(§ 18)'))).toBe(true);
  });

  it('never ends a page with a heading or a chart caption, nor holds a stray line or two on a page', () => {
    const intros = introductions(language);
    const problems: string[] = [];
    [full, ...variants].forEach((parsed, index) => {
      parsed.pageLines.forEach((page, pageIndex) => {
        const lines = bodyLines(language, page);
        const last = lines.at(-1) ?? '';
        if (pageIndex < parsed.pageLines.length - 1 && intros.includes(last)) problems.push(`variant ${index}, page ${pageIndex + 1} ends with "${last}"`);
        if (pageIndex > 0 && lines.length < 6) problems.push(`variant ${index}, page ${pageIndex + 1} holds only ${JSON.stringify(lines)}`);
      });
    });
    expect(problems).toEqual([]);
  });

  it('keeps the note on method whole, on one page with its heading', () => {
    const heading = t(language, 'brief.heading.method');
    const split = [full, ...variants].flatMap((parsed, index) => {
      const page = parsed.pageLines.findIndex((lines) => lines.includes(heading));
      const lines = bodyLines(language, parsed.pageLines[page] ?? []);
      return page === parsed.pageLines.length - 1 && lines.at(-1)?.endsWith('.') ? [] : [`variant ${index}: heading on page ${page + 1} of ${parsed.pageLines.length}`];
    });
    expect(split).toEqual([]);
  });

  it('keeps a chart on one page with its caption', () => {
    const chart = [t(language, 'brief.dropOff.stoppedAt'), ...['organization', 'contact', 'project', 'budget', 'declarations'].map((step) => t(language, `common.formStep.${step}` as MessageKey))];
    const split = [full, ...variants].flatMap((parsed, index) => {
      const pages = new Set(chart.map((start) => parsed.pageLines.findIndex((page) => page.some((line) => line.startsWith(start)))));
      return pages.size === 1 && !pages.has(-1) ? [] : [`variant ${index}: on pages ${[...pages].map((page) => page + 1).join(', ')}`];
    });
    expect(split).toEqual([]);
  });
});
