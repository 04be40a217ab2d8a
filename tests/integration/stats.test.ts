import crypto from 'node:crypto';
import { CaseScript, writeCase, type CaseApplicant } from '../../infra/demo/case-script';
import { createOpenRound, getJson, postJson } from '../support/fixtures';
import { parsePdf } from '../support/pdf-text';
import { submitCase, waitForStatus } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';
import { signedInStaff } from '../support/staff';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// A hand-computed fixture: seven cases in one round of their own (other suites share the
// database), submitted in March 2026 at 09:00 Danish time, with every step at a known moment.
//
//   case  submitted  path (days after submission)                                  turnaround applicant queue review approval
//   A     03-02      queued 0, claimed 2, approved 5                                  5          0         2     3      –
//   B     03-03      asked for statutes 0, answered 4, claimed 6, rejected 10         10         4         2     4      –
//   C     03-04      queued 0, claimed 1, proposed 3, second signature 5 (partial)    5          0         1     2      2
//   E     03-05      queued 0, claimed 10, asked 12, answered 20, claimed 21, app. 40 40         8         11    21     –
//   F     03-06      queued 0, claimed 3, approved 7, report with an approved story   7          0         3     4      –
//   G     03-09      asked for statutes 0, lapsed 14
//   H     03-10      queued 0, withdrawn 1
//
// Turnaround sorted 5, 5, 7, 10, 40: median 7, 90th percentile 10 + 0.6 × 30 = 28, within the
// 30-day target 4 of 5. Municipality time 5, 5, 6, 7, 32: median 6, p90 7 + 0.6 × 25 = 22.
// The association had two of them (B 4, E 8): "<5", no median; 12 of 67 days = 0.179.
// Queue 1, 2, 2, 3, 11: median 2, p90 3 + 0.6 × 8 = 7.8. Review 2, 3, 4, 4, 21: median 4,
// p90 4 + 0.6 × 17 = 14.2. Approval: one case, "<5".
// Drafts: 8 started, 5 submitted (active 300, 600, 900, 1200, 1500 s: median 15 minutes),
// stopped at budget 2 and project 1.

const CONTACTS = ['Inge Hansen', 'Jens Jensen', 'Karen Madsen', 'Lars Nielsen', 'Mette Poulsen', 'Niels Olsen', 'Ole Berg'];

describe('statistics from the event table', () => {
  let stack: TestStack;
  let roundId: string;
  let politician: { headers: Record<string, string> };
  const grant = 1_200_000n;

  function applicant(index: number, overrides: Partial<CaseApplicant> = {}): CaseApplicant {
    return {
      roundId,
      cvr: String(10_000_000 + index),
      organizationName: `Forening nr. ${index}`,
      contactName: CONTACTS[index]!,
      contactEmail: `kontakt${index}@forening${index}.dk`,
      projectTitle: `Aktivitet ${index}`,
      targetGroup: index % 2 === 0 ? 'lonely' : 'older_people',
      volunteers: 4 + index * 3,
      contactLater: true,
      ...overrides,
    };
  }
  const march = (day: number) => new Date(`2026-03-${String(day).padStart(2, '0')}T08:00:00Z`);

  async function writeFixture() {
    const a = new CaseScript(march(2), grant).queued(0).claimed(2 * DAY).decided(5 * DAY, 'approved', grant).paid(5 * DAY);
    const b = new CaseScript(march(3), grant).requested(0, ['Vedtægter']).received(4 * DAY).claimed(6 * DAY).decided(10 * DAY, 'rejected', 0n, { criteria: ['target_group'], text: '' });
    const c = new CaseScript(march(4), grant).queued(0).claimed(DAY).decided(3 * DAY, 'partially_approved', 600_000n, { criteria: ['budget_share'], text: '' }, 5 * DAY).paid(5 * DAY);
    const e = new CaseScript(march(5), grant).queued(0).claimed(10 * DAY).requested(12 * DAY, ['Vedtægter']).received(20 * DAY).claimed(21 * DAY).decided(40 * DAY, 'approved', grant).paid(40 * DAY);
    const f = new CaseScript(march(6), grant)
      .queued(0)
      .claimed(3 * DAY)
      .decided(7 * DAY, 'approved', grant)
      .paid(7 * DAY)
      .reportDue(7 * DAY, new Date('2026-06-30T21:59:59Z'))
      .reportSubmitted(30 * DAY, { narrative: 'Regnskab og forløb.', story: 'Hver torsdag spiste 40 naboer sammen i medborgerhuset.', storyConsent: true, spentKroner: 11_000, participants: 40, volunteers: 8, documentIds: [] })
      .reportAccepted(32 * DAY, 100_000n)
      .storyReviewed(33 * DAY, { text: 'Hver torsdag spiste 40 naboer sammen i medborgerhuset.', activity: 'Aktivitet 4' });
    const g = new CaseScript(march(9), grant).requested(0, ['Vedtægter']).lapsed(14 * DAY);
    const h = new CaseScript(march(10), grant).queued(0).withdrawn(DAY);
    // C and E apply with A's and B's CVR numbers (in the same round).
    await writeCase(stack.db, applicant(0), a);
    await writeCase(stack.db, applicant(1), b);
    await writeCase(stack.db, applicant(2, { cvr: applicant(0).cvr }), c);
    await writeCase(stack.db, applicant(3, { cvr: applicant(1).cvr }), e);
    await writeCase(stack.db, applicant(4), f);
    await writeCase(stack.db, applicant(5), g);
    await writeCase(stack.db, applicant(6), h);

    const draft = (created: string, furthest: string, seconds: number | null) => ({
      tokenHash: crypto.randomBytes(32).toString('hex'),
      roundId,
      currentStep: furthest,
      furthestStep: furthest,
      stepSeconds: seconds === null ? { organization: 120, project: 200 } : { organization: seconds / 2, summary: seconds / 2 },
      createdAt: new Date(`${created}T10:00:00Z`),
      submittedAt: seconds === null ? null : new Date(`${created}T11:00:00Z`),
    });
    await stack.db.applicationDraft.createMany({
      data: [
        draft('2026-03-02', 'summary', 300),
        draft('2026-03-02', 'summary', 600),
        draft('2026-03-03', 'summary', 900),
        draft('2026-03-04', 'summary', 1200),
        draft('2026-03-05', 'summary', 1500),
        draft('2026-03-05', 'budget', null),
        draft('2026-03-06', 'budget', null),
        draft('2026-03-07', 'project', null),
      ],
    });
  }

  beforeAll(async () => {
    stack = await startTestStack();
    const round = await createOpenRound(stack.db, { process: { decisionTarget: 'P30D' }, opensAt: new Date('2026-01-01T00:00:00Z'), closesAt: null });
    roundId = round.id;
    await writeFixture();
    politician = await signedInStaff(stack, ['politician']);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const summary = (query: string, headers = politician.headers) => getJson(`${stack.baseUrl}/api/v1/stats/summary?roundId=${roundId}&${query}`, headers);

  it('computes medians, percentiles, the time split, stage waits and the funnel as worked out by hand', async () => {
    const { status, body } = await summary('from=2026-03-01&to=2026-04-30');
    expect(status).toBe(200);
    expect(body.turnaround).toEqual({
      decided: 5,
      targetDays: 30,
      withinTargetShare: 0.8,
      total: { cases: 5, medianDays: 7, p90Days: 28, meanDays: 13.4 },
      municipality: { cases: 5, medianDays: 6, p90Days: 22, meanDays: 11 },
      applicant: { cases: '<5', medianDays: null, p90Days: null, meanDays: null },
      applicantShareOfTime: 0.179,
    });
    const stage = (name: string) => body.stages.find((s: { stage: string }) => s.stage === name);
    expect(stage('queue')).toMatchObject({ cases: 5, medianDays: 2, p90Days: 7.8 });
    expect(stage('review')).toMatchObject({ cases: 5, medianDays: 4, p90Days: 14.2 });
    expect(stage('screening')).toMatchObject({ cases: 5, medianDays: 0 });
    expect(stage('approval')).toMatchObject({ cases: '<5', medianDays: null, p90Days: null });
    expect(stage('applicant')).toMatchObject({ cases: '<5', medianDays: null });
    expect(stage('round_wait')).toMatchObject({ cases: 0, medianDays: null });

    expect(body.completeness).toMatchObject({ decided: 5, completeFirstShare: 0.6, requestsPerApplication: 0.4 });
    expect(body.dropOff).toEqual({
      draftsStarted: 8,
      draftsSubmitted: 5,
      draftsStopped: '<5',
      stoppedAt: [
        { code: 'project', label: 'Aktiviteten', count: '<5', share: null },
        { code: 'budget', label: 'Budget og beløb', count: '<5', share: null },
      ],
      medianFormMinutes: 15,
      formTimeByApplicant: [
        { group: 'first', label: 'Foreninger, der søger første gang', submitted: 0, medianFormMinutes: null },
        { group: 'returning', label: 'Foreninger, der har søgt før', submitted: 0, medianFormMinutes: null },
      ],
      lapsed: '<5',
      withdrawn: '<5',
    });
    expect(body.outcomes).toMatchObject({ decided: 5, approvalRate: 0.8, requestedKroner: 48_000, grantedKroner: 42_000, grantedShareOfRequested: 0.875 });
    // C and E applied with A's and B's CVR numbers, but in the same round: still new associations.
    expect(body.reach).toMatchObject({ submitted: 7, firstTime: 7, returning: 0, firstTimeShare: 1 });
    expect(body.budget).toEqual([expect.objectContaining({ roundId, budgetKroner: 500_000, grantedKroner: 42_000, grantedInPeriodKroner: 42_000, usedShare: 0.084 })]);
    expect(body.monthly).toEqual([
      { month: '2026-03', submitted: 7, decided: '<5', medianTurnaroundDays: null, withinTargetShare: null, approvalRate: null },
      { month: '2026-04', submitted: 0, decided: '<5', medianTurnaroundDays: null, withinTargetShare: null, approvalRate: null },
    ]);
    expect(body.stories).toEqual([
      { round: 'Testpulje §18', activity: 'Aktivitet 4', month: '2026-04', text: 'Hver torsdag spiste 40 naboer sammen i medborgerhuset.' },
    ]);
  });

  it('gives the same figures for a period cut mid-month, read from day rows', async () => {
    const { body } = await summary('from=2026-03-04&to=2026-04-15');
    expect(body.turnaround.total).toEqual({ cases: 5, medianDays: 7, p90Days: 28, meanDays: 13.4 });
    // Submitted from the 4th: C, E, F, G, H.
    expect(body.reach.submitted).toBe(5);
    const { body: before } = await summary('from=2026-03-01&to=2026-03-31');
    // E was decided on 14 April, so March holds four decisions: too few to show.
    expect(before.turnaround.decided).toBe('<5');
    expect(before.turnaround.total.medianDays).toBeNull();
  });

  it('shows groups of fewer than five as "<5" and never names a rare missing item', async () => {
    const { body } = await summary('from=2026-03-01&to=2026-04-30');
    // "Vedtægter" was asked for three times (B, E, G).
    expect(body.completeness.missingItems).toEqual([]);
    expect(body.completeness.otherMissingItems).toBe('<5');
    expect(body.outcomes.byOutcome).toEqual([
      { code: 'approved', label: 'Bevilget', count: '<5', share: null },
      { code: 'partially_approved', label: 'Delvist bevilget', count: '<5', share: null },
      { code: 'rejected', label: 'Afslået', count: '<5', share: null },
    ]);
    expect(body.outcomes.reasons.every((reason: { count: unknown }) => reason.count === '<5')).toBe(true);
    // F's report is due on 30 June: reports count in the period they are due.
    expect(body.reporting).toMatchObject({ due: 0, onTime: 0, onTimeShare: null });
    const { body: summer } = await summary('from=2026-06-01&to=2026-06-30');
    expect(summer.reporting).toEqual({
      due: '<5',
      onTime: '<5',
      late: 0,
      notYetSubmitted: 0,
      onTimeShare: null,
      remindersPerReport: null,
      medianDaysToSubmit: null,
      sentBack: 0,
      repayments: '<5',
      repaidKroner: null,
    });
  });

  it('follows new events without a restart', async () => {
    const late = new CaseScript(new Date('2026-03-20T08:00:00Z'), grant).queued(0).claimed(DAY).decided(2 * DAY, 'approved', grant);
    await writeCase(stack.db, { roundId, cvr: '19999999', organizationName: 'Ny forening', contactName: 'Pia Holm', contactEmail: 'pia@ny.dk', projectTitle: 'Ny', targetGroup: 'lonely', volunteers: 3, contactLater: false }, late);
    const { body } = await summary('from=2026-03-01&to=2026-04-30');
    expect(body.turnaround.decided).toBe(6);
    // Turnaround 2, 5, 5, 7, 10, 40: median (5 + 7) / 2 = 6.
    expect(body.turnaround.total.medianDays).toBe(6);
    expect(body.monthly[0]).toMatchObject({ month: '2026-03', decided: 5, medianTurnaroundDays: 5, withinTargetShare: 1, approvalRate: 0.8 });
  });

  it('answers 401 without sign-in, serves every staff role, and answers 400 with field issues for a bad period', async () => {
    expect((await getJson(`${stack.baseUrl}/api/v1/stats/summary`)).status).toBe(401);
    const admin = await signedInStaff(stack, ['admin']);
    expect((await getJson(`${stack.baseUrl}/api/v1/stats/summary`, admin.headers)).status).toBe(200);
    const bad = await getJson(`${stack.baseUrl}/api/v1/stats/summary?from=2026-13-01&roundId=nope`, politician.headers);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['from', 'roundId']);
    const reversed = await getJson(`${stack.baseUrl}/api/v1/stats/summary?from=2026-04-01&to=2026-03-01&lang=en`, politician.headers);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.issues).toEqual([{ path: 'to', message: 'The end date must be on or after the start date.' }]);
  });

  it('documents the statistics and open-data routes in the OpenAPI document', async () => {
    const { body } = await getJson(`${stack.baseUrl}/api/v1/openapi.json`);
    for (const route of ['/stats/summary', '/stats/council-brief.pdf', '/open-data/grants.json', '/open-data/grants.csv']) expect(body.paths[route]?.get).toBeDefined();
    expect(Object.keys(body.components.schemas.StatsSummary.properties)).toEqual(expect.arrayContaining(['turnaround', 'stages', 'dropOff', 'monthly', 'stories']));
  });

  it('puts no personal data in any statistics response or open-data file', async () => {
    const responses: string[] = [];
    const keys = new Set<string>();
    const collectKeys = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collectKeys);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          collectKeys(inner);
        }
      }
    };
    for (const query of ['from=2026-03-01&to=2026-04-30', 'from=2026-03-04&to=2026-04-15&lang=en']) {
      const { body } = await summary(query);
      collectKeys(body);
      responses.push(JSON.stringify(body));
    }
    const json = await getJson(`${stack.baseUrl}/api/v1/open-data/grants.json?roundId=${roundId}`);
    expect(json.status).toBe(200);
    collectKeys(json.body);
    responses.push(JSON.stringify(json.body));
    const csv = await fetch(`${stack.baseUrl}/api/v1/open-data/grants.csv?roundId=${roundId}`);
    expect(csv.status).toBe(200);
    responses.push(await csv.text());

    expect([...keys].filter((key) => /contact|email|phone|person|assignee|actor|decidedBy|caseworker/i.test(key))).toEqual([]);
    for (const text of responses) {
      for (const name of [...CONTACTS, 'Pia Holm']) expect(text).not.toContain(name);
      expect(text).not.toMatch(/@/);
    }
  });

  it('publishes the decided grants as open data without signing in', async () => {
    const { body } = await getJson(`${stack.baseUrl}/api/v1/open-data/grants.json?roundId=${roundId}`);
    expect(body.count).toBe(5);
    // Newest decision first: E, decided on 14 April.
    expect(body.grants[0]).toEqual({
      round: 'Testpulje §18',
      association: 'Forening nr. 3',
      cvr: '10000001',
      activity: 'Aktivitet 3',
      targetGroup: 'older_people',
      targetGroupLabel: 'Ældre',
      amountGranted: 12_000,
      decisionDate: '2026-04-14',
    });
    expect(body.grants.map((g: { association: string }) => g.association)).toContain('Ny forening');
    const csv = await (await fetch(`${stack.baseUrl}/api/v1/open-data/grants.csv?roundId=${roundId}`)).text();
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Pulje;Forening;CVR-nummer;Aktivitet;Målgruppe;Bevilget beløb (kr.);Afgørelsesdato');
    expect(lines).toContain('Testpulje §18;Forening nr. 2;10000000;Aktivitet 2;Ensomme;6000,00;2026-03-09');
    expect(lines).toHaveLength(6);
  });

  it('writes a council brief PDF in Danish with the headline numbers, barriers, budget and stories', async () => {
    const response = await fetch(`${stack.baseUrl}/api/v1/stats/council-brief.pdf?from=2026-03-01&to=2026-04-30&roundId=${roundId}`, { headers: politician.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await parsePdf(bytes);
    for (const heading of ['Udvalgsbrief', 'Nøgletal', 'Barrierer i processen', 'De tre faser med længst ventetid', 'Oftest manglende oplysninger', 'Frafald', 'Budget', 'Fortællinger fra foreningerne', 'Om tallene']) {
      expect(pdf.text).toContain(heading);
    }
    expect(pdf.text).toContain('Sagsbehandling');
    expect(pdf.text).toContain('Hver torsdag spiste 40 naboer sammen i medborgerhuset.');
    expect(pdf.text).toContain('Testpulje §18');
    for (const name of CONTACTS) expect(pdf.text).not.toContain(name);
    expect((await fetch(`${stack.baseUrl}/api/v1/stats/council-brief.pdf`)).status).toBe(401);
  });

  it('exposes the process metrics at /metrics once a case has run through', async () => {
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    const caseworker = await signedInStaff(stack, ['caseworker']);
    expect((await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/assignment`, {}, caseworker.headers)).status).toBe(200);
    const decided = await postJson(
      `${stack.baseUrl}/api/v1/applications/${submitted.id}/decision`,
      { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] },
      caseworker.headers,
    );
    expect(decided.status).toBe(200);
    await waitForStatus(submitted.handle, 'REPORT_DUE');

    const metrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    const value = (line: RegExp) => Number(line.exec(metrics)?.[1] ?? Number.NaN);
    expect(value(/^grantflow_applications_submitted_total (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^grantflow_decisions_total\{outcome="approved"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^grantflow_stage_duration_seconds_count\{stage="review"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^grantflow_stage_duration_seconds_bucket\{stage="queue",le="\+Inf"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^grantflow_cases_open\{status="REPORT_DUE"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^# TYPE grantflow_stage_duration_seconds histogram$/m);
    expect(metrics).toMatch(/^# TYPE grantflow_cases_open gauge$/m);
    expect(metrics).toMatch(/^grantflow_email_outbox_pending \d+$/m);
    expect(metrics).toMatch(/^grantflow_email_outbox_oldest_pending_seconds [\d.e+-]+$/m);
    expect(metrics).toMatch(/^http_requests_total\{method="POST",route="\/api\/v1\/applications",status="201"\} \d+$/m);
  });
});
