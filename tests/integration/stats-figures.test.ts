import crypto from 'node:crypto';
import { CaseScript, writeCase, type CaseApplicant } from '../../infra/demo/case-script';
import { t } from '../../locale';
import { createOpenRound, getJson } from '../support/fixtures';
import { parsePdf } from '../support/pdf-text';
import { startTestStack, type TestStack } from '../support/stack';
import { signedInStaff } from '../support/staff';

const DAY = 86_400_000;
const K = 100n; // øre per krone

// Every figure of the statistics summary (what the dashboard, the API and the council brief show)
// for a fixture worked out by hand. Round R1 (budget 150,000 kr., decision target 30 days) is the
// one asked about; R0 is an earlier round two of its associations applied to in 2025.
//
// The period is March–April 2026. In R1, five cases P1–P5 were submitted on 2–6 February (the
// period before), each asking for and granted 10,000 kr. three days later. In the period, twelve
// cases each ask for 20,000 kr. (days after submission; "info" is an information request):
//
//   case  sub.   group     assoc.      activity  path                                                          turnaround  association  queue  review
//   c1    03-02  lonely    new         long      info 0, answered 2, claimed 3, approved 6                     6           2            1      3
//   c2    03-03  lonely    new         short     queued 0, claimed 1, approved 4; report on time               4           –            1      3
//   c3    03-04  lonely    R0 (X1)     long      claimed 1, partshøring 2, comments 5, partial 10,000 at 8      8           3            1      1+3
//   c4    03-05  lonely    R0 (X2)     short     info 0, answered 5, claimed 6, rejected 9                     9           5            1      3
//   c5    03-06  older     new         long      claimed 1, partshøring 2–6, rejected 10; reconsidered:        10          4            1      1+4
//                                                 changed to partial 10,000 at 20
//   c6    03-09  older     new         short     info 0, answered 1, claimed 2, approved 5                     5           1            1      3
//   c7    03-10  older     new         long      claimed 1, approved 3                                         3           –            1      2
//   c8    03-11  children  new         short     info 0, lapsed 14
//   c9    03-12  older     new         short     queued 0, withdrawn 2
//   c10   03-13  lonely    new         short     claimed 1, info 3 (still waiting: open)
//   c11   03-25  lonely    new         long      claimed 2, approved 16 (10 April)                             16          –            2      14
//   c12   03-16  older     P1's CVR    short     claimed 2, approved 7                                         7           –            2      5
//
// c12 applied with the CVR number of P1, which applied to the same round: it is still a new
// association, as an association is new until it has applied in an *earlier round*.
// "long" activities run 13 months, "short" ones 3 months.
//
// Decided in the period (first decision): c1–c7, c11, c12 = 9; in force: 6 approved, 2 partial
// (c3, c5), 1 rejected (c4). Turnaround 3 4 5 6 7 8 9 10 16: median 7, p90 10 + 0.2 × 6 = 11.2,
// mean 68 / 9 = 7.6. Municipality time 3 4 4 4 4 5 6 7 16: median 4, p90 7 + 0.2 × 9 = 8.8,
// mean 53 / 9 = 5.9. The association had five cases (c1 c3 c4 c5 c6: 2 3 5 4 1): median 3,
// p90 4.6, mean 3, the same as the stage "waiting for the association"; 15 of 68 days = 0.221.
// Queue 1 ×7, 2, 2: median 1, p90 2, mean 1.2. Review 2 3 3 3 3 4 5 5 14: median 3,
// p90 5 + 0.2 × 9 = 6.8, mean 4.7. Screening 0 for all nine.
// Complete first time: 6 of 9 (c1 c4 c6 were asked) = 0.667; 3 requests / 9 = 0.333.
// "Vedtægter" was asked for in c1 c4 c6 c8 c10: 5 times.
// Granted in decided cases: 6 × 20,000 + 2 × 10,000 = 140,000 of 160,000 asked in the granted
// ones = 0.875. R1 since it opened: asked 5 × 10,000 + 12 × 20,000 = 290,000 (1.933 of the
// budget: 140,000 beyond it), granted 50,000 + 140,000 = 190,000 (1.267: 40,000 over budget).
// Cohort of the twelve: 9 decided, 8 granted, 1 rejected, 1 lapsed, 1 withdrawn, 1 open.

const SUBMITTED = (day: string) => new Date(`2026-${day}T08:00:00Z`);

describe('every figure of the statistics, against a fixture worked out by hand', () => {
  let stack: TestStack;
  let r1: string;
  let politician: Awaited<ReturnType<typeof signedInStaff>>;

  async function write(round: string, cvr: string, script: CaseScript, overrides: Partial<CaseApplicant> & { months?: number } = {}) {
    const { months = 3, ...rest } = overrides;
    const start = new Date(script.submittedAt.getTime() + 30 * DAY);
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, start.getUTCDate()));
    await writeCase(stack.db, {
      roundId: round,
      cvr,
      organizationName: `Forening ${cvr}`,
      contactName: 'Kontakt Person',
      contactEmail: `kontakt@${cvr}.dk`,
      projectTitle: `Aktivitet ${cvr}`,
      targetGroup: 'lonely',
      volunteers: 10,
      contactLater: false,
      activity: { startDate: start, endDate: end },
      ...rest,
    }, script);
  }

  beforeAll(async () => {
    stack = await startTestStack();
    const r0 = (await createOpenRound(stack.db, { opensAt: new Date('2025-01-01T00:00:00Z'), closesAt: new Date('2025-12-31T22:59:59Z') })).id;
    r1 = (await createOpenRound(stack.db, { budget: 150_000, process: { decisionTarget: 'P30D' }, opensAt: new Date('2026-01-01T00:00:00Z'), closesAt: null })).id;
    const x1 = '31000001';
    const x2 = '31000002';
    const grant = 20_000n * K;
    await write(r0, x1, new CaseScript(new Date('2025-05-05T08:00:00Z'), 10_000n * K).queued(0).claimed(DAY).decided(3 * DAY, 'approved', 10_000n * K));
    await write(r0, x2, new CaseScript(new Date('2025-05-06T08:00:00Z'), 10_000n * K).queued(0).claimed(DAY).decided(3 * DAY, 'rejected', 0n, { criteria: ['target_group'], text: '' }));
    for (let i = 1; i <= 5; i++) {
      await write(r1, `3200000${i}`, new CaseScript(SUBMITTED(`02-0${i + 1}`), 10_000n * K).queued(0).claimed(DAY).decided(3 * DAY, 'approved', 10_000n * K));
    }

    const older = { targetGroup: 'older_people' };
    const long = { months: 13 };
    await write(r1, '33000001', new CaseScript(SUBMITTED('03-02'), grant).requested(0, ['Vedtægter']).received(2 * DAY).claimed(3 * DAY).decided(6 * DAY, 'approved', grant), long);
    await write(
      r1,
      '33000002',
      new CaseScript(SUBMITTED('03-03'), grant)
        .queued(0)
        .claimed(DAY)
        .decided(4 * DAY, 'approved', grant)
        .paid(4 * DAY)
        .reportDue(4 * DAY, new Date('2026-04-30T21:59:59Z'))
        .reportSubmitted(20 * DAY, { narrative: 'Forløbet.', shareStory: false, spentKroner: 20_000, participants: 30, volunteers: 10, documentIds: [] })
        .reportAccepted(22 * DAY, 0n),
    );
    await write(r1, x1, new CaseScript(SUBMITTED('03-04'), grant).queued(0).claimed(DAY).consulted(2 * DAY).commented(5 * DAY).decided(8 * DAY, 'partially_approved', 10_000n * K, { criteria: ['budget_share'], text: '' }), long);
    await write(r1, x2, new CaseScript(SUBMITTED('03-05'), grant).requested(0, ['Vedtægter']).received(5 * DAY).claimed(6 * DAY).decided(9 * DAY, 'rejected', 0n, { criteria: ['target_group'], text: '' }));
    await write(
      r1,
      '33000005',
      new CaseScript(SUBMITTED('03-06'), grant)
        .queued(0)
        .claimed(DAY)
        .consulted(2 * DAY)
        .commented(6 * DAY)
        .decided(10 * DAY, 'rejected', 0n, { criteria: ['target_group'], text: '' })
        .reconsidered(15 * DAY, 20 * DAY, 'partially_approved', 10_000n * K, { criteria: ['budget_share'], text: '' }),
      { ...older, ...long },
    );
    await write(r1, '33000006', new CaseScript(SUBMITTED('03-09'), grant).requested(0, ['Vedtægter']).received(DAY).claimed(2 * DAY).decided(5 * DAY, 'approved', grant), older);
    await write(r1, '33000007', new CaseScript(SUBMITTED('03-10'), grant).queued(0).claimed(DAY).decided(3 * DAY, 'approved', grant), { ...older, ...long });
    await write(r1, '33000008', new CaseScript(SUBMITTED('03-11'), grant).requested(0, ['Vedtægter']).lapsed(14 * DAY), { targetGroup: 'vulnerable_children_families' });
    await write(r1, '33000009', new CaseScript(SUBMITTED('03-12'), grant).queued(0).withdrawn(2 * DAY), older);
    await write(r1, '33000010', new CaseScript(SUBMITTED('03-13'), grant).queued(0).claimed(DAY).requested(3 * DAY, ['Vedtægter']));
    await write(r1, '33000011', new CaseScript(SUBMITTED('03-25'), grant).queued(0).claimed(2 * DAY).decided(16 * DAY, 'approved', grant), long);
    await write(r1, '32000001', new CaseScript(SUBMITTED('03-16'), grant).queued(0).claimed(2 * DAY).decided(7 * DAY, 'approved', grant), older);

    // The form: seven drafts started in the period, five of them submitted (300–1,500 s of work:
    // median 15 minutes), two left at the budget step.
    const draft = (day: number, furthest: string, seconds: number | null) => ({
      tokenHash: crypto.randomBytes(32).toString('hex'),
      roundId: r1,
      currentStep: furthest,
      furthestStep: furthest,
      stepSeconds: seconds === null ? { organization: 100, project: 100 } : { organization: seconds / 2, summary: seconds / 2 },
      createdAt: new Date(`2026-03-0${day}T10:00:00Z`),
      submittedAt: seconds === null ? null : new Date(`2026-03-0${day}T11:00:00Z`),
    });
    await stack.db.applicationDraft.createMany({
      data: [draft(2, 'summary', 300), draft(3, 'summary', 600), draft(4, 'summary', 900), draft(5, 'summary', 1200), draft(6, 'summary', 1500), draft(7, 'budget', null), draft(8, 'budget', null)],
    });
    politician = await signedInStaff(stack, ['politician']);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const stage = (code: string, figures: object) => ({ stage: code, label: t('da', `common.stage.${code}` as Parameters<typeof t>[1]), ...figures });
  const none = { cases: 0, medianDays: null, p90Days: null, meanDays: null };

  it('adds up: the summary the dashboard, the API and the brief read, figure by figure', async () => {
    const { status, body } = await getJson(`${stack.baseUrl}/api/v1/stats/summary?from=2026-03-01&to=2026-04-30&roundId=${r1}`, politician.headers);
    expect(status).toBe(200);
    const { stories, ...figures } = body;
    expect(stories).toEqual([]);
    expect(figures).toEqual({
      period: { from: '2026-03-01', to: '2026-04-30' },
      roundId: r1,
      schemeId: null,
      minimumGroupSize: 5,
      turnaround: {
        decided: 9,
        targetDays: 30,
        withinTargetShare: 1,
        total: { cases: 9, medianDays: 7, p90Days: 11.2, meanDays: 7.6 },
        municipality: { cases: 9, medianDays: 4, p90Days: 8.8, meanDays: 5.9 },
        applicant: { cases: 5, medianDays: 3, p90Days: 4.6, meanDays: 3 },
        applicantShareOfTime: 0.221,
      },
      funnel: {
        form: { started: 7, submitted: 5, stopped: '<5' },
        cases: { received: 12, decided: 9, granted: 8, rejected: '<5', lapsed: '<5', withdrawn: '<5', open: '<5' },
      },
      stages: [
        stage('screening', { cases: 9, medianDays: 0, p90Days: 0, meanDays: 0 }),
        stage('queue', { cases: 9, medianDays: 1, p90Days: 2, meanDays: 1.2 }),
        stage('round_wait', none),
        stage('review', { cases: 9, medianDays: 3, p90Days: 6.8, meanDays: 4.7 }),
        stage('approval', none),
        stage('applicant', { cases: 5, medianDays: 3, p90Days: 4.6, meanDays: 3 }),
      ],
      completeness: {
        decided: 9,
        completeFirstShare: 0.667,
        requestsPerApplication: 0.333,
        missingItems: [{ code: 'Vedtægter', label: 'Vedtægter', count: 5, share: 1 }],
        otherMissingItems: 0,
      },
      dropOff: {
        draftsStarted: 7,
        draftsSubmitted: 5,
        draftsStopped: '<5',
        stoppedAt: [{ code: 'budget', label: 'Budget og beløb', count: '<5', share: null }],
        medianFormMinutes: 15,
        formTimeByApplicant: [
          { group: 'first', label: 'Foreninger, der søger første gang', submitted: 0, medianFormMinutes: null },
          { group: 'returning', label: 'Foreninger, der har søgt før', submitted: 0, medianFormMinutes: null },
        ],
        lapsed: '<5',
        withdrawn: '<5',
      },
      outcomes: {
        decided: 9,
        approvalRate: 0.889,
        byOutcome: [
          { code: 'approved', label: 'Bevilget', count: 6, share: 0.667 },
          { code: 'partially_approved', label: 'Delvist bevilget', count: '<5', share: null },
          { code: 'rejected', label: 'Afslået', count: '<5', share: null },
        ],
        reasons: [
          { code: 'budget_share', label: 'En stor del af budgettet går til udgifter, puljen ikke dækker.', count: '<5', share: null },
          { code: 'target_group', label: 'Aktiviteten når kun få i målgruppen.', count: '<5', share: null },
        ],
        requestedKroner: 160_000,
        grantedKroner: 140_000,
        grantedShareOfRequested: 0.875,
      },
      budget: [
        {
          roundId: r1,
          roundName: 'Testpulje §18',
          budgetKroner: 150_000,
          requestedKroner: 290_000,
          grantedKroner: 190_000,
          grantedInPeriodKroner: 140_000,
          demandShare: 1.933,
          usedShare: 1.267,
          requestedOverBudgetKroner: 140_000,
          overBudgetKroner: 40_000,
        },
      ],
      reach: {
        submitted: 12,
        firstTime: 10,
        returning: '<5',
        firstTimeShare: 0.833,
        volunteers: [{ code: '6-20', label: '6-20', count: 12, share: 1 }],
        targetGroups: [
          { code: 'lonely', label: 'Ensomme', count: 6, share: 0.5 },
          { code: 'older_people', label: 'Ældre', count: 5, share: 0.417 },
          { code: 'vulnerable_children_families', label: 'Udsatte børn og familier', count: '<5', share: null },
        ],
      },
      reporting: {
        due: '<5',
        onTime: '<5',
        late: 0,
        notYetSubmitted: 0,
        onTimeShare: null,
        remindersPerReport: null,
        medianDaysToSubmit: null,
        sentBack: 0,
        repayments: 0,
        repaidKroner: null,
      },
      monthly: [
        // March: c1–c7 and c12 decided; turnaround 3 4 5 6 7 8 9 10, median 6.5; 7 of 8 granted.
        { month: '2026-03', submitted: 12, decided: 8, medianTurnaroundDays: 6.5, withinTargetShare: 1, approvalRate: 0.875 },
        { month: '2026-04', submitted: 0, decided: '<5', medianTurnaroundDays: null, withinTargetShare: null, approvalRate: null },
      ],
      analysis: {
        associations: [
          // c1 c2 c5 c6 c7 c8 c9 c10 c11 c12: 7 decided and granted (c5 partly), 6 × 20,000 + 10,000.
          { code: 'new', label: 'Nye foreninger', submitted: 10, decided: 7, granted: 7, approvalRate: 1, requestedKroner: 200_000, grantedKroner: 130_000 },
          { code: 'returning', label: 'Har søgt i en tidligere pulje', submitted: '<5', decided: '<5', granted: '<5', approvalRate: null, requestedKroner: null, grantedKroner: null },
        ],
        activityTerms: [
          // c1 c3 c5 c7 c11: all granted, 20,000 + 10,000 + 10,000 + 20,000 + 20,000.
          { code: 'long_term', label: 'Langvarige (over 12 måneder)', submitted: 5, decided: 5, granted: 5, approvalRate: 1, requestedKroner: 100_000, grantedKroner: 80_000 },
          // c2 c4 c6 c8 c9 c10 c12: 4 decided, 3 granted.
          { code: 'short_term', label: 'Kortere (højst 12 måneder)', submitted: 7, decided: '<5', granted: '<5', approvalRate: null, requestedKroner: 140_000, grantedKroner: null },
        ],
        targetGroups: [
          // lonely: c1 c2 c3 c4 c10 c11: 5 decided, 4 granted. older: c5 c6 c7 c9 c12: 4 decided and granted.
          { code: 'lonely', label: 'Ensomme', submitted: 6, decided: 5, granted: '<5', approvalRate: null, requestedKroner: 120_000, grantedKroner: null },
          { code: 'older_people', label: 'Ældre', submitted: 5, decided: '<5', granted: '<5', approvalRate: null, requestedKroner: 100_000, grantedKroner: null },
          { code: 'vulnerable_children_families', label: 'Udsatte børn og familier', submitted: '<5', decided: 0, granted: 0, approvalRate: null, requestedKroner: null, grantedKroner: null },
        ],
        trend: {
          // January–February: P1–P5, all new, each granted 10,000 after three days.
          previousPeriod: { from: '2026-01-01', to: '2026-02-28' },
          current: { submitted: 12, decided: 9, approvalRate: 0.889, medianTurnaroundDays: 7, requestedKroner: 240_000, grantedKroner: 140_000, firstTimeShare: 0.833 },
          previous: { submitted: 5, decided: 5, approvalRate: 1, medianTurnaroundDays: 3, requestedKroner: 50_000, grantedKroner: 50_000, firstTimeShare: 1 },
        },
      },
    });

    // No step of the funnel holds more than the one before it.
    const steps = [figures.funnel.cases.received, figures.funnel.cases.decided, figures.funnel.cases.granted];
    expect(steps).toEqual([...steps].sort((a, b) => b - a));
  });

  it('writes the same figures into the council brief', async () => {
    const response = await fetch(`${stack.baseUrl}/api/v1/stats/council-brief.pdf?from=2026-03-01&to=2026-04-30&roundId=${r1}`, { headers: politician.headers });
    expect(response.status).toBe(200);
    const pdf = await parsePdf(Buffer.from(await response.arrayBuffer()));
    const lines = pdf.pageLines.flat();
    for (const line of [
      'Ansøgninger modtaget 12',
      'Afgørelser truffet i perioden 9',
      'Sagsbehandlingstid, median (indsendt til afgørelse) 7 dage',
      'Sager, der ventede på foreningens svar 5',
      'Tid hos foreningen i disse sager, median 3 dage',
      'Ansøgninger indsendt i perioden 12',
      '… heraf afgjort 9',
      '… heraf bevilget 8',
      '… heraf bortfaldet (intet svar på spørgsmål) under 5',
      'Budget 150.000 kr.',
      'Søgt 290.000 kr. (193 % af budgettet)',
      'Bevilget 190.000 kr. (127 % af budgettet)',
      'Søgt ud over, hvad budgetterne kunne dække 140.000 kr.',
      'Nye foreninger: 10 ansøgninger 7 af 7 afgjorte bevilget, 130.000 kr.',
      'Langvarige (over 12 måneder): 5 ansøgninger 5 af 5 afgjorte bevilget, 80.000 kr.',
      'Kortere (højst 12 måneder): 7 ansøgninger under 5 afgjort',
      'Ansøgninger modtaget 12 (før: 5)',
    ]) {
      expect(lines).toContain(line);
    }
    expect(pdf.text).toContain('Der er bevilget 40.000 kr. mere end budgettet.');
  });

  it('shows the explained budget, the one-cohort funnel and the analysis on the dashboard', async () => {
    const page = await fetch(`${stack.baseUrl}/statistik?from=2026-03-01&to=2026-04-30&roundId=${r1}`, { headers: { cookie: `gf_staff=${politician.token}` } });
    expect(page.status).toBe(200);
    const text = (await page.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('5 af 9 afgjorte sager ventede på foreningens svar');
    expect(text).toContain('Indsendt i perioden 12 … heraf afgjort 9 … heraf bevilget helt eller delvist 8');
    expect(text).toContain('Testpulje §18 150.000 290.000 190.000 140.000 193 % 127 %');
    expect(text).toContain('Testpulje §18: der er bevilget 190.000 kr., 40.000 kr. mere end budgettet på 150.000 kr.');
    expect(text).toContain('Langvarige (over 12 måneder) 5 5 5 100 % 100.000 80.000');
  });
});
