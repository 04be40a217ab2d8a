import { fundingRoundWorkflowId } from '../../domain/workflow-ids';
import type { CaseStatus } from '../../domain/status';
import { caseStateQuery } from '../../workflows/messages';
import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { mailsFor, submitCase, subjectOf, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, startTestWorker, type RunningWorker, type TestStack } from '../support/stack';
import { t } from '../../locale';

let stack: TestStack;
let laterWorker: RunningWorker | undefined;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await laterWorker?.stop();
  await stack?.stop();
});

/** 55,000 kr. is above the test tiers' 50,000 kr.: the statutes are missing and screening asks for them. */
const ABOVE_TIER = {
  amountRequested: 55_000,
  budget: { lines: [{ category: 'food', description: 'Råvarer til 40 fællesspisninger', amount: 40_000 }, { category: 'materials', description: 'Service og køkkengrej', amount: 15_000 }], cofinancing: [] },
};
const AFTER_DECISION: CaseStatus[] = ['DECIDED', 'PAYOUT_SCHEDULED', 'PAID', 'REPORT_DUE', 'REPORT_SUBMITTED', 'CLOSED'];

const url = (path: string) => `${stack.baseUrl}/api/v1${path}`;
const applicantOf = (submitted: SubmittedCase) => ({ authorization: `Bearer ${submitted.accessToken}` });

async function roundWhen(roundId: string, headers: Record<string, string>, status: string, timeoutMs = 60_000) {
  return eventually(async () => {
    const state = await getJson(url(`/rounds/${roundId}/allocation`), headers);
    return state.body.status === status ? state.body : undefined;
  }, `the round to be ${status}`, timeoutMs);
}

async function endState(submitted: SubmittedCase, accept: CaseStatus[], timeoutMs = 60_000): Promise<CaseStatus> {
  return eventually(async () => {
    const state = await submitted.handle.query(caseStateQuery);
    return accept.includes(state.status) ? state.status : undefined;
  }, `${submitted.reference} to reach ${accept.join('/')}`, timeoutMs);
}

describe('a deadline round leaves no case without an end', () => {
  it('closes holding cases in every state before a decision; each ends decided, withdrawn or lapsed', async () => {
    const caseworker = await signedInStaff(stack, ['caseworker']);
    const approver = await signedInStaff(stack, ['caseworker', 'approver']);
    const round = await createOpenRound(stack.db, {
      mode: 'deadline',
      budget: 60_000,
      maxAmount: 60_000,
      fourEyesThreshold: 14_000,
      closesAt: new Date(Date.now() + 30_000),
      process: { answerDeadline: '55s', answerReminders: ['40s'] },
    });

    // In the queue and in review: part of the allocation.
    const [queued, reviewed, askedAfterClose, withdrawnAfterClose] = [
      await submitCase(stack, round.id),
      await submitCase(stack, round.id),
      await submitCase(stack, round.id),
      await submitCase(stack, round.id),
    ];
    // Waiting for the association's statutes: not ready at the close.
    const [answersLater, neverAnswers, withdrawsLater] = [await submitCase(stack, round.id, ABOVE_TIER), await submitCase(stack, round.id, ABOVE_TIER), await submitCase(stack, round.id, ABOVE_TIER)];
    for (const c of [queued, reviewed, askedAfterClose, withdrawnAfterClose]) await waitForStatus(c.handle, 'IN_QUEUE');
    for (const c of [answersLater, neverAnswers, withdrawsLater]) await waitForStatus(c.handle, 'AWAITING_APPLICANT');
    for (const c of [reviewed, askedAfterClose]) expect((await postJson(url(`/applications/${c.id}/assignment`), {}, caseworker.headers)).status).toBe(200);

    // Submitted just before the deadline while no worker runs: still SUBMITTED when the round closes.
    await stack.worker!.stop();
    const lastMinute = await submitCase(stack, round.id);
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: lastMinute.id } })).status).toBe('SUBMITTED');
    await eventually(async () => (Date.now() > round.closesAt!.getTime() + 1_000 ? true : undefined), 'the deadline to pass', 60_000);
    laterWorker = await startTestWorker(stack.config, stack.db);

    const closed = await roundWhen(round.id, approver.headers, 'CLOSED');
    const proposed = new Set(closed.proposal.map((line: { applicationId: string }) => line.applicationId));
    for (const c of [queued, reviewed, askedAfterClose, withdrawnAfterClose]) expect(proposed.has(c.id)).toBe(true);
    for (const c of [answersLater, neverAnswers, withdrawsLater]) expect(proposed.has(c.id)).toBe(false);

    // Until the allocation is confirmed, a deadline round's case is not decided on its own.
    const tooEarly = await postJson(url(`/applications/${reviewed.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: {} }, caseworker.headers);
    expect(tooEarly.status).toBe(409);

    // Between the close and the confirmation: one withdraws, one is asked for more.
    expect((await postJson(url(`/applications/${withdrawnAfterClose.id}/withdrawal`), { reason: 'Aktiviteten er aflyst' }, applicantOf(withdrawnAfterClose))).status).toBe(202);
    expect((await postJson(url(`/applications/${withdrawsLater.id}/withdrawal`), { reason: 'Vi har fået penge andetsteds' }, applicantOf(withdrawsLater))).status).toBe(202);
    const asked = await postJson(url(`/applications/${askedAfterClose.id}/information-requests`), { items: ['Et opdateret budget'], message: '' }, caseworker.headers);
    expect(asked.status).toBe(201);
    await waitForStatus(withdrawnAfterClose.handle, 'WITHDRAWN');

    const decisions = closed.proposal.map((line: { applicationId: string; requested: number }) => ({ applicationId: line.applicationId, outcome: 'approved', amountGranted: line.requested, reasons: {} }));
    const confirmed = await postJson(url(`/rounds/${round.id}/allocation`), { decisions }, approver.headers);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('ALLOCATED');
    const totalKroner = decisions.reduce((sum: number, d: { amountGranted: number }) => sum + d.amountGranted, 0);
    const audited = await stack.db.staffAuditLog.findMany({ where: { action: 'allocation.confirm', details: { path: ['roundId'], equals: round.id } } });
    expect(audited).toEqual([expect.objectContaining({ staffEmail: approver.email, details: { roundId: round.id, applications: decisions.length, totalKroner, status: 'ALLOCATED', conflictOfInterestChecked: true, conflictedApprovers: [] } })]);

    const allocated = await eventually(async () => {
      const state = await getJson(url(`/rounds/${round.id}/allocation`), approver.headers);
      return state.body.outsideAllocation.length > 0 ? state.body : undefined;
    }, 'the cases outside the allocation to be told');
    expect(allocated.outsideAllocation).toEqual(expect.arrayContaining([answersLater.id, neverAnswers.id]));
    expect(allocated.outsideAllocation).not.toContain(withdrawsLater.id);

    // The allocation reached this one while it waited for the association: it is decided on its own.
    const missed = await eventually(async () => {
      const state = await askedAfterClose.handle.query(caseStateQuery);
      return state.decidedSeparately ? state : undefined;
    }, 'the missed case to be decided separately');
    expect(missed.status).toBe('AWAITING_APPLICANT');
    expect((await postJson(url(`/applications/${askedAfterClose.id}/supplements`), { text: 'Det opdaterede budget er vedhæftet.' }, applicantOf(askedAfterClose))).status).toBe(202);
    // The caseworker who asked has it back without claiming it again.
    expect((await waitForStatus(askedAfterClose.handle, 'IN_REVIEW')).assignee).toBe(caseworker.email);
    const generic = await postJson(url(`/applications/${askedAfterClose.id}/decision`), { outcome: 'partially_approved', amountGranted: 8_000, reasons: { criteria: [], text: 'Ansøgningen opfylder ikke kriterierne.' } }, caseworker.headers);
    expect(generic.status).toBe(400);
    expect(generic.body.error.issues).toEqual([{ path: 'reasons', message: t('da', 'errors.decision.reasonsGeneric') }]);
    const partial = await postJson(
      url(`/applications/${askedAfterClose.id}/decision`),
      { outcome: 'partially_approved', amountGranted: 8_000, reasons: { criteria: [], text: 'Servicet og køkkengrejet (3.000 kr.) kan foreningen låne i Nordby Medborgerhus, og 1.000 kr. af råvarerne er til egne medlemmers fest.' } },
      caseworker.headers,
    );
    expect(partial.status).toBe(200);

    // Not ready at the close: answered afterwards, decided on its own from what is left of the
    // budget, above the threshold with a second signature.
    const outside = await answersLater.handle.query(caseStateQuery);
    expect(outside).toMatchObject({ status: 'AWAITING_APPLICANT', decidedSeparately: true });
    expect((await postJson(url(`/applications/${answersLater.id}/supplements`), { text: 'Vedtægterne er vedhæftet.' }, applicantOf(answersLater))).status).toBe(202);
    await waitForStatus(answersLater.handle, 'IN_QUEUE');
    expect((await postJson(url(`/applications/${answersLater.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const all = await postJson(url(`/applications/${answersLater.id}/decision?lang=en`), { outcome: 'approved', amountGranted: 55_000, reasons: {} }, caseworker.headers);
    expect(all.status).toBe(400);
    expect(all.body.error.issues).toEqual([{ path: 'amountGranted', message: expect.stringMatching(/^Only DKK [\d,]+ of the round’s budget is left/) }]);
    const rest = await postJson(
      url(`/applications/${answersLater.id}/decision`),
      { outcome: 'partially_approved', amountGranted: 15_000, reasons: { criteria: [], text: 'Efter fordelingen var der 16.000 kr. eller mindre tilbage af puljens budget på 60.000 kr.; fællesspisningerne får 15.000 kr. af de 55.000 kr.' } },
      caseworker.headers,
    );
    expect(rest.status).toBe(200);
    expect(rest.body.status).toBe('AWAITING_APPROVAL');
    expect((await postJson(url(`/applications/${answersLater.id}/approval`), { approve: true }, approver.headers)).status).toBe(200);

    // The last-minute case: in the allocation if screening finished before the round closed, else on its own.
    if (!proposed.has(lastMinute.id)) {
      const state = await eventually(async () => {
        const s = await lastMinute.handle.query(caseStateQuery);
        return s.decidedSeparately && s.status === 'IN_QUEUE' ? s : undefined;
      }, 'the last-minute case to be decided separately');
      expect(state.allowedActions).toContain('claim');
      expect((await postJson(url(`/applications/${lastMinute.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
      expect((await postJson(url(`/applications/${lastMinute.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: {} }, caseworker.headers)).status).toBe(200);
    }

    const ends = {
      queued: await endState(queued, AFTER_DECISION),
      reviewed: await endState(reviewed, AFTER_DECISION),
      lastMinute: await endState(lastMinute, AFTER_DECISION),
      askedAfterClose: await endState(askedAfterClose, AFTER_DECISION),
      answersLater: await endState(answersLater, AFTER_DECISION),
      withdrawnAfterClose: await endState(withdrawnAfterClose, ['WITHDRAWN']),
      withdrawsLater: await endState(withdrawsLater, ['WITHDRAWN']),
      neverAnswers: await endState(neverAnswers, ['LAPSED'], 90_000),
    };
    expect(Object.values(ends).every((status) => [...AFTER_DECISION, 'WITHDRAWN', 'LAPSED'].includes(status))).toBe(true);

    // Every decided case has its letter and its decision email; the others were told too.
    const decided = [queued, reviewed, lastMinute, askedAfterClose, answersLater];
    for (const c of decided) {
      await eventually(async () => ((await stack.db.document.count({ where: { applicationId: c.id, kind: 'decision_letter' } })) === 1 ? true : undefined), `${c.reference}'s letter`);
      const sent = await eventually(async () => (await stack.db.outboxEmail.findFirst({ where: { applicationId: c.id, kind: 'decision', status: 'sent' } })) ?? undefined, `${c.reference}'s decision email`);
      expect(sent.attachmentIds).toHaveLength(1);
    }
    for (const [c, kind] of [[withdrawnAfterClose, 'withdrawn'], [withdrawsLater, 'withdrawn'], [neverAnswers, 'lapsed']] as const) {
      await eventually(async () => (await stack.db.outboxEmail.findFirst({ where: { applicationId: c.id, kind, status: 'sent' } })) ?? undefined, `${c.reference}'s ${kind} email`);
    }
    const contact = (await stack.db.application.findUniqueOrThrow({ where: { id: answersLater.id } })).contactEmail;
    const mails = await mailsFor(contact, 3);
    expect(mails.map(subjectOf).join(' | ')).toMatch(/afgørelse|Afgørelse/);
    const approval = await stack.db.decision.findFirstOrThrow({ where: { applicationId: answersLater.id } });
    expect(approval).toMatchObject({ decidedBy: caseworker.email, approvedBy: approver.email });

    // The case events say why each left-out case was decided on its own.
    const outsideEvents = await stack.db.caseEvent.findMany({ where: { type: 'outside_allocation', application: { roundId: round.id } } });
    expect(outsideEvents.map((e) => (e.details as { reason: string }).reason).sort()).toEqual(
      expect.arrayContaining(['not_ready_at_allocation', 'not_ready_at_close', 'not_ready_at_close']),
    );
    await stack.temporal.workflow.getHandle(fundingRoundWorkflowId(round.id)).result();
    for (const c of decided) await stack.temporal.workflow.getHandle(`grant-report-${c.id}`).terminate('test finished').catch(() => undefined);
  }, 240_000);
});

describe('confirming an allocation', () => {
  async function closedRound(options: { amounts: number[]; budget: number; fourEyesThreshold?: number }) {
    const round = await createOpenRound(stack.db, { mode: 'deadline', budget: options.budget, maxAmount: 60_000, fourEyesThreshold: options.fourEyesThreshold, closesAt: new Date(Date.now() + 12_000), reportingTiers: [{ upToKroner: null, requirement: 'declaration', applicationDocuments: [] }] });
    const cases: SubmittedCase[] = [];
    for (const amount of options.amounts) {
      cases.push(await submitCase(stack, round.id, { amountRequested: amount, budget: { lines: [{ category: 'food', description: 'Råvarer til 12 fællesspisninger', amount }], cofinancing: [] } }));
    }
    for (const c of cases) await waitForStatus(c.handle, 'IN_QUEUE');
    const approver = await signedInStaff(stack, ['caseworker', 'approver']);
    const closed = await roundWhen(round.id, approver.headers, 'CLOSED');
    return { round, cases, closed, approver };
  }

  it('runs the decision rules first: 400 naming every failing case by reference and field, in the caller’s language; nothing is confirmed', async () => {
    const { round, cases, closed, approver } = await closedRound({ amounts: [20_000, 20_000, 20_000], budget: 30_000 });
    const [first, second, third] = cases as [SubmittedCase, SubmittedCase, SubmittedCase];
    const line = (c: SubmittedCase) => closed.proposal.find((l: { applicationId: string }) => l.applicationId === c.id);
    const reduced = (c: SubmittedCase, reasons: object) => ({ applicationId: c.id, outcome: 'partially_approved', amountGranted: line(c).proposed, reasons });
    const bad = [
      reduced(first, { criteria: [], text: 'Ansøgningen opfylder ikke kriterierne.' }),
      reduced(second, { criteria: ['not_a_criterion'], text: '' }),
      reduced(third, { criteria: ['budget_share'], text: '' }),
    ];
    const refused = await postJson(url(`/rounds/${round.id}/allocation?lang=en`), { decisions: bad }, approver.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([
      { path: 'decisions.0.reasons', message: `${first.reference}: ${t('en', 'errors.decision.reasonsGeneric')}` },
      { path: 'decisions.1.reasons.criteria', message: `${second.reference}: ${t('en', 'errors.decision.unknownCriterion', { count: 1, codes: 'not_a_criterion' })}` },
    ]);
    const danish = await postJson(url(`/rounds/${round.id}/allocation`), { decisions: bad }, approver.headers);
    expect(danish.body.error.issues[0].message).toBe(`${first.reference}: ${t('da', 'errors.decision.reasonsGeneric')}`);

    // Nothing was confirmed: the round is still closed, no case decided, no letter.
    expect((await getJson(url(`/rounds/${round.id}/allocation`), approver.headers)).body).toMatchObject({ status: 'CLOSED', confirmedBy: null });
    expect(await stack.db.decision.count({ where: { application: { roundId: round.id } } })).toBe(0);
    for (const c of cases) expect((await c.handle.query(caseStateQuery)).status).toBe('IN_QUEUE');

    const good = [
      reduced(first, { criteria: [], text: 'Råvarerne er beregnet til 12 fællesspisninger, men aktiviteten er planlagt til 8; beløbet er nedsat derefter.' }),
      reduced(second, { criteria: ['target_group'], text: '' }),
      reduced(third, { criteria: ['budget_share'], text: '' }),
    ];
    const confirmed = await postJson(url(`/rounds/${round.id}/allocation`), { decisions: good }, approver.headers);
    expect(confirmed.status).toBe(200);
    for (const c of cases) await endState(c, AFTER_DECISION);
    for (const c of cases) {
      await eventually(async () => ((await stack.db.document.count({ where: { applicationId: c.id, kind: 'decision_letter' } })) === 1 ? true : undefined), `${c.reference}'s letter`);
      await stack.temporal.workflow.getHandle(`grant-report-${c.id}`).terminate('test finished').catch(() => undefined);
    }
  }, 120_000);

  it('above the four-eyes threshold needs a second, different approver; the second may send it back', async () => {
    const { round, cases, closed, approver } = await closedRound({ amounts: [40_000, 10_000], budget: 100_000, fourEyesThreshold: 30_000 });
    const other = await signedInStaff(stack, ['approver'], 'Anden Godkender');
    const caseworker = await signedInStaff(stack, ['caseworker']);
    const decisions = closed.proposal.map((l: { applicationId: string; requested: number }) => ({ applicationId: l.applicationId, outcome: 'approved', amountGranted: l.requested, reasons: {} }));

    const first = await postJson(url(`/rounds/${round.id}/allocation`), { decisions }, approver.headers);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'AWAITING_APPROVAL', confirmedBy: approver.email, approvedBy: null, fourEyesThreshold: 30_000 });
    for (const c of cases) expect((await c.handle.query(caseStateQuery)).status).toBe('IN_QUEUE');

    const same = await postJson(url(`/rounds/${round.id}/allocation/approval`), { approve: true }, approver.headers);
    expect(same.status).toBe(409);
    expect(same.body.error).toMatchObject({ code: 'same_approver', message: t('da', 'errors.approval.sameAllocationApprover') });
    expect((await postJson(url(`/rounds/${round.id}/allocation/approval`), { approve: true }, caseworker.headers)).status).toBe(403);
    const noComment = await postJson(url(`/rounds/${round.id}/allocation/approval?lang=en`), { approve: false }, other.headers);
    expect(noComment.status).toBe(400);

    const sentBack = await postJson(url(`/rounds/${round.id}/allocation/approval`), { approve: false, comment: 'Tjek beløbet til den største ansøgning.' }, other.headers);
    expect(sentBack.status).toBe(200);
    expect(sentBack.body).toMatchObject({ status: 'CLOSED', confirmedBy: null, returned: { by: other.email, comment: 'Tjek beløbet til den største ansøgning.' } });

    expect((await postJson(url(`/rounds/${round.id}/allocation`), { decisions }, approver.headers)).body.status).toBe('AWAITING_APPROVAL');
    const approved = await postJson(url(`/rounds/${round.id}/allocation/approval`), { approve: true }, other.headers);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'ALLOCATED', confirmedBy: approver.email, approvedBy: other.email });

    for (const c of cases) await endState(c, AFTER_DECISION);
    const stored = await eventually(async () => {
      const rows = await stack.db.decision.findMany({ where: { application: { roundId: round.id } } });
      return rows.length === 2 && rows.every((d) => d.approvedBy !== null) ? rows : undefined;
    }, 'both decisions with their second signature');
    expect(stored.map((d) => [d.decidedBy, d.approvedBy])).toEqual([[approver.email, other.email], [approver.email, other.email]]);
    for (const c of cases) {
      await eventually(async () => ((await stack.db.document.count({ where: { applicationId: c.id, kind: 'decision_letter' } })) === 1 ? true : undefined), `${c.reference}'s letter`);
      await stack.temporal.workflow.getHandle(`grant-report-${c.id}`).terminate('test finished').catch(() => undefined);
    }
  }, 120_000);
});
