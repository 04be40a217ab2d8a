import { applicationBody, createOpenRound, eventually, isoDay, postJson } from '../support/fixtures';
import { mailPart, mailTo, subjectOf, submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { parsePdf } from '../support/pdf-text';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';
import { caseStateQuery } from '../../workflows/messages';

// A long-term grant on the real stack: a round that grants for three years pays a third of the
// grant each year, the first on the decision, each later year once the previous year's report is
// accepted; three reports, and the case closes after the last. A round granting for several
// years must give a budget for each year.

let stack: TestStack;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let approver: Awaited<ReturnType<typeof signedInStaff>>;
let admin: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  stack = await startTestStack();
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
  approver = await signedInStaff(stack, ['approver'], 'Lene Leder');
  admin = await signedInStaff(stack, ['admin'], 'Anders Admin');
});

afterAll(async () => {
  await stack?.stop();
});

const url = (p: string) => `${stack.baseUrl}/api/v1${p}`;

const payoutsOf = (c: SubmittedCase) => stack.db.payout.findMany({ where: { applicationId: c.id }, orderBy: { year: 'asc' } });

async function eventTypes(applicationId: string): Promise<string[]> {
  return (await stack.db.caseEvent.findMany({ where: { applicationId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] })).map((e) => e.type);
}

async function countOf(c: SubmittedCase, type: string, count: number): Promise<void> {
  await eventually(async () => ((await eventTypes(c.id)).filter((t) => t === type).length === count ? true : undefined), `${count} × ${type}`);
}

async function casePage(c: SubmittedCase): Promise<string> {
  const response = await fetch(`${stack.baseUrl}/sag/${c.id}`, { headers: { cookie: `gf_case=${c.accessToken}` } });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/\u00a0/g, ' ');
}

async function staffCasePage(c: SubmittedCase): Promise<string> {
  const response = await fetch(`${stack.baseUrl}/personale/sager/${c.id}`, { headers: { cookie: `gf_staff=${approver.token}` } });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/\u00a0/g, ' ');
}

/** Exports the pending payouts and confirms only this case's line of the given year, as finance would. */
async function confirmYear(c: SubmittedCase, year: number): Promise<void> {
  // Another test file's export may have taken the line already: confirm it in the run that holds it.
  expect([200, 201]).toContain((await postJson(url('/payout-runs'), {}, approver.headers)).status);
  const line = await stack.db.payout.findFirstOrThrow({ where: { applicationId: c.id, year } });
  expect(line.payoutRunId).not.toBeNull();
  const confirmed = await postJson(url(`/payout-runs/${line.payoutRunId}/confirmation`), { lines: [{ lineId: line.id }] }, approver.headers);
  expect(confirmed.status).toBe(200);
  await countOf(c, 'paid', year);
}

async function reportAndAccept(c: SubmittedCase, spentKroner: number): Promise<void> {
  await waitForStatus(c.handle, 'REPORT_DUE');
  const report = { narrative: 'Vi holdt fællesspisning hver torsdag hele året.', spentKroner, participants: 200, volunteers: 8, storyConsent: false };
  expect((await postJson(url(`/applications/${c.id}/reports`), report, { authorization: `Bearer ${c.accessToken}` })).status).toBe(202);
  await waitForStatus(c.handle, 'REPORT_SUBMITTED');
  const review = await postJson(url(`/reports/${c.id}/review`), { accept: true }, caseworker.headers);
  expect(review.status).toBe(200);
}

describe('a three-year grant', () => {
  let c: SubmittedCase;

  it('pays year 1 on the decision and says every year’s amount and report deadline in the letter', async () => {
    const round = await createOpenRound(stack.db, { grantYears: 3, yearlyBudgets: [200_000, 200_000, 200_000] });
    // The activity runs over the three years.
    const base = applicationBody(round.id);
    c = await submitCase(stack, round.id, {
      amountRequested: 30_001,
      project: { ...base.project, endDate: isoDay(3 * 365 + 30) },
      budget: { ...base.budget, lines: [...base.budget.lines, { category: 'activities', description: 'Udflugter over tre år', amount: 18_001 }] },
    });
    await waitForStatus(c.handle, 'IN_QUEUE');
    expect((await postJson(url(`/applications/${c.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const decision = await postJson(url(`/applications/${c.id}/decision`), { outcome: 'approved', amountGranted: 30_001, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
    expect(decision.status).toBe(200);
    await countOf(c, 'payout_scheduled', 1);

    const payouts = await payoutsOf(c);
    expect(payouts.map((p) => ({ year: p.year, amountOre: p.amountOre, key: p.payoutKey }))).toEqual([{ year: 1, amountOre: 1_000_100n, key: `payout:${c.id}` }]);

    const letter = await eventually(() => stack.db.document.findFirst({ where: { applicationId: c.id, kind: 'decision_letter' } }).then((d) => d ?? undefined), 'the decision letter');
    const text = (await parsePdf(letter.content)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Tilskuddet på 30.001 kr. løber over 3 år og udbetales i én rate om året');
    expect(text).toMatch(/År 1: 10\.001 kr\., som vi udbetaler den \d{1,2}\. \w+ \d{4}\. Afrapporteringen for år 1 skal være os i hænde senest/);
    expect(text).toContain('År 2: 10.000 kr., som vi udbetaler, når vi har godkendt afrapporteringen for år 1.');
    expect(text).toContain('År 3: 10.000 kr., som vi udbetaler, når vi har godkendt afrapporteringen for år 2.');

    const page = await casePage(c);
    expect(page).toMatch(/År 1: 10\.001 kr\. udbetales den \d{1,2}\. \w+ \d{4} til foreningens NemKonto\./);
    expect(page).toContain('År 2: 10.000 kr. udbetales, når afrapporteringen for år 1 er godkendt.');
    expect(page).toContain('År 3: 10.000 kr. udbetales, når afrapporteringen for år 2 er godkendt.');
  });

  it('releases each later year’s payout only when the previous year’s report is accepted, and closes after the third report', async () => {
    await confirmYear(c, 1);
    expect(await casePage(c)).toMatch(/År 1: 10\.001 kr\. er udbetalt til foreningens NemKonto den/);

    await reportAndAccept(c, 10_001);
    await countOf(c, 'payout_scheduled', 2);
    expect((await payoutsOf(c)).map((p) => [p.year, p.amountOre, p.payoutKey])).toEqual([
      [1, 1_000_100n, `payout:${c.id}`],
      [2, 1_000_000n, `payout:${c.id}:year-2`],
    ]);
    const recipient = (await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).contactEmail;
    const accepted = await eventually(async () => (await mailTo(recipient)).find((m) => subjectOf(m).startsWith('Afrapporteringen er godkendt')), 'the report accepted email');
    expect(accepted).toBeDefined();
    expect(await staffCasePage(c)).toMatch(/År 3: 10\.000 kr\. registreres til udbetaling, når afrapporteringen for år 2 er godkendt/);
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).status).not.toBe('CLOSED');

    await confirmYear(c, 2);
    await reportAndAccept(c, 10_000);
    await countOf(c, 'payout_scheduled', 3);
    expect((await payoutsOf(c)).map((p) => p.year)).toEqual([1, 2, 3]);
    await confirmYear(c, 3);

    await reportAndAccept(c, 10_000);
    await waitForStatus(c.handle, 'CLOSED');
    await c.handle.result();

    const reports = await stack.db.followUpReport.findMany({ where: { applicationId: c.id }, orderBy: { sequence: 'asc' } });
    expect(reports.map((r) => [r.sequence, r.reviewOutcome])).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'accepted'],
    ]);
    // Each year's report is due a year after the one before.
    expect(reports[1]!.dueAt.getUTCFullYear() - reports[0]!.dueAt.getUTCFullYear()).toBe(1);
    expect(reports[2]!.dueAt.getUTCFullYear() - reports[1]!.dueAt.getUTCFullYear()).toBe(1);

    const events = await eventTypes(c.id);
    expect(events.filter((t) => t === 'report_accepted')).toHaveLength(3);
    expect(events.filter((t) => t === 'paid')).toHaveLength(3);
    // Each later payout comes after the report that releases it.
    const order = events.filter((t) => t === 'payout_scheduled' || t === 'report_accepted');
    expect(order).toEqual(['payout_scheduled', 'report_accepted', 'payout_scheduled', 'report_accepted', 'payout_scheduled', 'report_accepted']);
    const acceptedEvents = await stack.db.caseEvent.findMany({ where: { applicationId: c.id, type: 'report_accepted' }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    expect(acceptedEvents.map((e) => e.toStatus)).toEqual(['PAID', 'PAID', 'CLOSED']);
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('CLOSED');

    // The association is told after each report what comes next: the next year's payment, then the end.
    const acceptedMails = await eventually(async () => {
      const mails = (await mailTo(recipient)).filter((m) => subjectOf(m).startsWith('Afrapporteringen er godkendt'));
      return mails.length === 3 ? mails : undefined;
    }, 'three report accepted emails');
    const bodies = acceptedMails.map((m) => mailPart(m, 'text/plain').replace(/\s+/g, ' '));
    expect(bodies.filter((b) => b.includes('vi udbetaler nu raten for år 2'))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes('vi udbetaler nu raten for år 3'))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes('Sagen er nu afsluttet'))).toHaveLength(1);
  });
});

/** A three-year grant of `kroner`, decided; its years' shares are whole kroner. */
async function threeYearGrant(kroner: number, process: Record<string, unknown> = {}): Promise<SubmittedCase> {
  const round = await createOpenRound(stack.db, { grantYears: 3, yearlyBudgets: [200_000, 200_000, 200_000], maxAmount: 50_000, process });
  const base = applicationBody(round.id);
  const c = await submitCase(stack, round.id, {
    amountRequested: 45_000,
    project: { ...base.project, endDate: isoDay(3 * 365 + 30) },
    budget: { ...base.budget, lines: [...base.budget.lines, { category: 'activities', description: 'Udflugter over tre år', amount: 33_000 }] },
  });
  await waitForStatus(c.handle, 'IN_QUEUE');
  expect((await postJson(url(`/applications/${c.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const reasons = kroner < 45_000 ? { criteria: ['budget_share'], text: 'Udflugterne er dyrere, end puljen kan dække.' } : { criteria: [], text: '' };
  const decision = await postJson(url(`/applications/${c.id}/decision`), { outcome: kroner < 45_000 ? 'partially_approved' : 'approved', amountGranted: kroner, reasons, conditions: [] }, caseworker.headers);
  expect(decision.status).toBe(200);
  await countOf(c, 'payout_scheduled', 1);
  return c;
}

describe('a three-year grant changed on reconsideration', () => {
  it('pays the first year’s difference now, and the later years their share of the new amount', async () => {
    const c = await threeYearGrant(30_000, { reconsiderationPeriod: '1h' });
    await eventually(async () => ((await c.handle.query(caseStateQuery)).reconsiderableUntil ? true : undefined), 'the reconsideration period');
    const asked = await postJson(url(`/applications/${c.id}/reconsideration`), { reasons: 'Udflugterne er en del af aktiviteten, ikke en luksus.' }, { authorization: `Bearer ${c.accessToken}` });
    expect(asked.status).toBe(202);
    await waitForStatus(c.handle, 'RECONSIDERATION_REQUESTED');
    const changed = await postJson(
      url(`/applications/${c.id}/reconsideration/answer`),
      { answer: 'change', outcome: 'approved', amountGranted: 45_000, reasons: { criteria: [], text: 'Udflugterne hører med til aktiviteten.' } },
      caseworker.headers,
    );
    expect(changed.status).toBe(200);
    await countOf(c, 'payout_adjusted', 1);

    // Year 1 was 10,000 kr.; it is now 15,000 kr.: 5,000 kr. more now, nothing more for the later years yet.
    expect((await payoutsOf(c)).map((p) => [p.payoutKey, p.year, p.amountOre])).toEqual([
      [`payout:${c.id}`, 1, 1_000_000n],
      [`payout:${c.id}:2`, 1, 500_000n],
    ]);
    const letter = await eventually(() => stack.db.document.findFirst({ where: { applicationId: c.id, documentKey: `letter:${c.id}:2` } }).then((d) => d ?? undefined), 'the new letter');
    const text = (await parsePdf(letter.content)).text.replace(/\s+/g, ' ');
    expect(text).toContain('5.000 kr. mere udbetalt');
    expect(text).toContain('Tilskuddet på 45.000 kr. løber over 3 år');
    expect(text).toContain('År 2: 15.000 kr., som vi udbetaler, når vi har godkendt afrapporteringen for år 1.');

    await reportAndAccept(c, 15_000);
    await countOf(c, 'payout_scheduled', 2);
    const second = await stack.db.payout.findFirstOrThrow({ where: { applicationId: c.id, year: 2 } });
    expect(second.amountOre).toBe(1_500_000n);
  });
});

describe('a round that grants for several years', () => {
  const roundBody = (overrides: Record<string, unknown>) => ({
    slug: `flerarig-${Math.random().toString(36).slice(2, 10)}`,
    scheme: 'paragraf-18',
    name: 'Flerårig pulje',
    budget: 600_000,
    maxAmount: 50_000,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    ...overrides,
  });

  it('stores the years and a budget for each year', async () => {
    const created = await postJson(url('/rounds'), roundBody({ grantYears: 3, yearlyBudgets: [200_000, 250_000, 150_000] }), admin.headers);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ grantYears: 3, yearlyBudgets: [200_000, 250_000, 150_000] });
    const stored = await stack.db.fundingRound.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.grantYears).toBe(3);
    expect(stored.yearlyBudgetsOre).toEqual([20_000_000n, 25_000_000n, 15_000_000n]);
  });

  it('refuses several years without a budget for each, in the caller’s language, storing nothing', async () => {
    const before = await stack.db.fundingRound.count();
    const cases: [string, Record<string, unknown>, string][] = [
      ['', { grantYears: 3 }, 'En pulje, der giver tilskud over flere år, skal have et budget for hvert år: ét beløb pr. år.'],
      ['?lang=nb', { grantYears: 2, yearlyBudgets: [100_000] }, 'En pulje som gir tilskudd over flere år, må ha et budsjett for hvert år: ett beløp per år.'],
      ['?lang=en', { grantYears: 1, yearlyBudgets: [100_000] }, 'Yearly budgets apply only to rounds that grant for several years.'],
    ];
    for (const [query, overrides, message] of cases) {
      const refused = await postJson(url(`/rounds${query}`), roundBody(overrides), admin.headers);
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues).toEqual([{ path: 'yearlyBudgets', message }]);
    }
    const tooMany = await postJson(url('/rounds?lang=en'), roundBody({ grantYears: 4, yearlyBudgets: [1, 1, 1, 1] }), admin.headers);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.issues).toEqual(expect.arrayContaining([{ path: 'grantYears', message: 'Say for how many years a grant runs: 1, 2 or 3.' }]));
    expect(await stack.db.fundingRound.count()).toBe(before);
  });
});
