import { followUpReport } from '../../workflows/follow-up-report';
import {
  approvalUpdate,
  caseStateQuery,
  claimUpdate,
  decideUpdate,
  releaseUpdate,
  reportStateQuery,
  requestInformationUpdate,
  reviewReportUpdate,
  submitReportSignal,
  supplementSignal,
  timelineQuery,
  withdrawSignal,
} from '../../workflows/messages';
import { applicationBody, createOpenRound, eventually, insertApplication, isoDay } from '../support/fixtures';
import { createLogger } from '../../lib/logger';
import { createSqlPool } from '../../lib/db';
import { createWorkflowStarter } from '../../services/api/applications/workflow-starter';
import { mailPart, mailsFor, subjectOf, submitCase, updateRejection, waitForStatus, type SubmittedCase } from '../support/process';
import { formatDateTime } from '../../locale';
import { formatCaseReference } from '../../domain/reference';
import { refreshStatistics } from '../../services/api/stats/refresh';
import { startTestStack, type TestStack } from '../support/stack';
import { parsePdf } from '../support/pdf-text';
import { recordHistory } from '../support/histories';
import { upsertStaffUser } from '../../lib/staff-auth';
import { DANISH_TIME_ZONE, endOfDayIn } from '../../domain/time-zone';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const CASEWORKER = 'karen@eksempel.dk';

/** A round decided by its committee, with a contact person of its own. */
const COMMITTEE_FRAME = {
  legalBasis: 'serviceloven § 18',
  guidelines: { name: 'Retningslinjer for § 18-puljen 2026', adoptedOn: '2025-11-20', adoptedBy: 'Social- og Sundhedsudvalget' },
  decisionMaker: { kind: 'committee', body: 'Social- og Sundhedsudvalget', meetingDate: '2026-06-10' },
  complaintGuidance: {},
  contact: { name: 'Lise Frandsen', phone: '55 36 10 10', email: 'puljer@eksempel.dk' },
};
const APPROVER = 'leder@eksempel.dk';

async function eventTypes(applicationId: string): Promise<string[]> {
  const events = await stack.db.caseEvent.findMany({ where: { applicationId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  return events.map((event) => event.type);
}

async function contactEmail(applicationId: string): Promise<string> {
  return (await stack.db.application.findUniqueOrThrow({ where: { id: applicationId } })).contactEmail;
}

describe('a continuous round, from submission to a closed case', () => {
  it('goes SUBMITTED → SCREENING → IN_QUEUE → IN_REVIEW → DECIDED → PAYOUT_SCHEDULED → REPORT_DUE → REPORT_SUBMITTED → CLOSED', async () => {
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    await waitForStatus(submitted.handle, 'IN_QUEUE');

    const claimed = await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: CASEWORKER }], updateId: 'claim-1' });
    expect(claimed).toMatchObject({ status: 'IN_REVIEW', assignee: CASEWORKER });
    expect(claimed.allowedActions).toEqual(expect.arrayContaining(['decide', 'requestInformation', 'release']));

    const decided = await submitted.handle.executeUpdate(decideUpdate, {
      args: [{ caseworker: CASEWORKER, outcome: 'approved', amountGrantedOre: 1_200_000, reasons: { criteria: [], text: '' }, conditions: ['Husk at nævne kommunens støtte i jeres opslag.'] }],
      updateId: 'decide-1',
    });
    expect(decided.status).toBe('DECIDED');

    const report = stack.temporal.workflow.getHandle<typeof followUpReport>(`grant-report-${submitted.id}`);
    await waitForStatus(submitted.handle, 'REPORT_DUE');
    expect((await report.query(reportStateQuery)).requirement).toBe('declaration');

    const payout = await stack.db.payout.findUniqueOrThrow({ where: { applicationId_decisionSequence_year: { applicationId: submitted.id, decisionSequence: 1, year: 1 } } });
    expect(payout).toMatchObject({ payoutKey: `payout:${submitted.id}`, amountOre: 1_200_000n, cvr: '13748136' });

    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: submitted.id, kind: 'decision_letter' } });
    expect(Buffer.from(letter.content).subarray(0, 5).toString()).toBe('%PDF-');
    const letterText = (await parsePdf(letter.content)).text;
    expect(letterText).toContain(submitted.reference);
    expect(letterText).toContain('12.000');
    expect(letterText).toContain('Husk at nævne kommunens støtte');
    // The caseworker has no staff account here: the department signs, and no email address is a name.
    expect(letterText).not.toContain(CASEWORKER);

    await report.signal(submitReportSignal, {
      narrative: 'Vi holdt 12 fællesspisninger med i alt 380 deltagere.',
      // The whole grant spent: nothing to claim back (tests/integration/repayment.test.ts claims).
      spentKroner: 12_000,
      participants: 380,
      volunteers: 9,
      story: 'En deltager fortalte, at torsdagen nu er ugens højdepunkt.',
      storyConsent: true,
      documentIds: [],
      at: new Date().toISOString(),
    });
    await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');
    const reviewed = await report.executeUpdate(reviewReportUpdate, { args: [{ caseworker: CASEWORKER, accept: true }], updateId: 'review-1' });
    expect(reviewed.status).toBe('CLOSED');
    expect(await submitted.handle.result()).toBe('CLOSED');
    await recordHistory(submitted.handle, 'continuous-approved-closed');
    await recordHistory(report, 'follow-up-report-accepted');

    const stored = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id }, include: { reports: true } });
    expect(stored.status).toBe('CLOSED');
    expect(stored.amountGrantedOre).toBe(1_200_000n);
    expect(stored.assignee).toBe(CASEWORKER);
    expect(stored.reports[0]).toMatchObject({ reviewOutcome: 'accepted', repaymentOre: 0n });

    expect(await eventTypes(submitted.id)).toEqual([
      'submitted',
      'screening_started',
      'queued',
      'claimed',
      'decided',
      // Nobody confirmed the payout here: the case is never said to be paid (payout-confirmation.test.ts confirms it).
      'payout_scheduled',
      'report_due',
      'report_submitted',
      'report_accepted',
    ]);
    const transitions = await stack.db.caseEvent.findMany({ where: { applicationId: submitted.id }, orderBy: { id: 'asc' } });
    expect(transitions.map((e) => e.toStatus)).toEqual([
      'SUBMITTED', 'SCREENING', 'IN_QUEUE', 'IN_REVIEW', 'DECIDED', 'PAYOUT_SCHEDULED', 'REPORT_DUE', 'REPORT_SUBMITTED', 'CLOSED',
    ]);

    const mails = await mailsFor(await contactEmail(submitted.id), 3);
    expect(mails.map(subjectOf)).toHaveLength(3);
    expect(mails.map(subjectOf).join('\n')).toContain(submitted.reference);
    const decisionMail = mails.find((m) => m.raw.includes('application/pdf'));
    expect(decisionMail).toBeDefined();
    expect(decisionMail!.raw).toMatch(/filename="?afgoerelse-GF-\d{4}-\d{5}\.pdf/);
    const outbox = await eventually(async () => {
      const rows = await stack.db.outboxEmail.findMany({ where: { applicationId: submitted.id } });
      return rows.every((m) => m.status === 'sent') ? rows : undefined;
    }, 'outbox marked sent');
    expect(outbox.map((m) => m.kind).sort()).toEqual(['decision', 'receipt', 'report_accepted']);
    expect(outbox.every((m) => m.status === 'sent' && !/adgang=[A-Za-z0-9_-]{16,}/.test(m.text))).toBe(true);
  });

  it('a caseworker can release a case back to the queue', async () => {
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: CASEWORKER }] });
    const released = await submitted.handle.executeUpdate(releaseUpdate, { args: [{ caseworker: CASEWORKER }] });
    expect(released).toMatchObject({ status: 'IN_QUEUE', assignee: null });
    await eventually(async () => {
      const stored = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } });
      return stored.status === 'IN_QUEUE' && stored.assignee === null ? true : undefined;
    }, 'assignee cleared in the read model');
    await submitted.handle.terminate('test finished');
  });

  it('a rejection needs reasons, gives a letter, and ends at DECIDED with no payout', async () => {
    await upsertStaffUser(stack.db, { email: CASEWORKER, name: 'Karen Holm', title: 'Sagsbehandler', phone: '99 99 12 34', password: 'en-lang-adgangskode', roles: ['caseworker'] });
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: CASEWORKER }] });

    const unreasoned = await updateRejection(
      submitted.handle.executeUpdate(decideUpdate, { args: [{ caseworker: CASEWORKER, outcome: 'rejected', amountGrantedOre: 0, reasons: { criteria: [], text: ' ' }, conditions: [] }] }),
    );
    expect(unreasoned).toMatchObject({ type: 'InvalidDecision' });
    expect((await submitted.handle.query(caseStateQuery)).status).toBe('IN_REVIEW');

    await submitted.handle.executeUpdate(decideUpdate, {
      args: [{ caseworker: CASEWORKER, outcome: 'rejected', amountGrantedOre: 0, reasons: { criteria: ['target_group'], text: 'Aktiviteten henvender sig mest til foreningens egne medlemmer.' }, conditions: [] }],
    });
    expect(await submitted.handle.result()).toBe('DECIDED');
    await recordHistory(submitted.handle, 'continuous-rejected');
    expect(await stack.db.payout.count({ where: { applicationId: submitted.id } })).toBe(0);
    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: submitted.id, kind: 'decision_letter' } });
    const text = (await parsePdf(letter.content)).text;
    expect(text).toContain('Aktiviteten når kun få i målgruppen.');
    // Named by the staff account: name, title and direct phone; the address only as an address.
    expect(text).toContain(`Kontakt Karen Holm (Sagsbehandler) på ${CASEWORKER} eller telefon 99 99 12 34.`);
    expect(text).toMatch(/Med venlig hilsen\s+Karen Holm\s+Sagsbehandler/);
    // The round's frame: a round written straight to the database has the shipped § 18 frame and
    // the municipality's own contact; the complaint guidance says how to ask for a reconsideration.
    expect(text).toContain('Afgørelsen er truffet efter serviceloven § 18.');
    expect(text).toContain('Afgørelsen er truffet af forvaltningen efter delegation fra Social- og Sundhedsudvalget.');
    expect(text).toContain('Hvis I er uenige i afgørelsen (klagevejledning)');
    expect(text).toContain('Afgørelsen kan ikke klages til en anden myndighed.');
    expect(text).toContain(`puljens kontaktperson, ${stack.config.MUNICIPALITY_DEPARTMENT}, på telefon ${stack.config.MUNICIPALITY_PHONE}`);
    const mails = await mailsFor(await contactEmail(submitted.id), 2);
    const decisionMail = mailPart(mails.find((mail) => mail.raw.includes('application/pdf'))!, 'text/plain');
    expect(decisionMail).toContain(`Spørgsmål? Kontakt ${stack.config.MUNICIPALITY_DEPARTMENT}, telefon ${stack.config.MUNICIPALITY_PHONE}, ${stack.config.MUNICIPALITY_EMAIL}.`);
    expect(decisionMail).toContain(`- begrundelse: ${stack.config.PUBLIC_BASE_URL}/ordliste#begrundelse`);
  });
});

describe('a submission that arrives after the deadline', () => {
  it('is refused by screening on its own (an afvisning): SCREENING → DECIDED with its own letter and email, no payout', async () => {
    // Intake refuses a closed round, so this happens only when the round closes between the
    // submit and the screening: stored here as intake would have stored it a moment too late.
    const deadline = new Date(Date.now() - 60_000);
    const round = await createOpenRound(stack.db, { closesAt: deadline, legalFrame: COMMITTEE_FRAME });
    const stored = await insertApplication(stack.db, round.id, { submittedAt: new Date() });
    const submission = applicationBody(round.id);
    await stack.db.application.update({ where: { id: stored.id }, data: { submission, workflowStartedAt: null } });
    const starter = createWorkflowStarter({ db: stack.db, sql: createSqlPool(stack.config.DATABASE_URL), temporal: stack.temporal, taskQueue: stack.config.TEMPORAL_TASK_QUEUE, log: createLogger('test', 'silent') });
    await starter.startStored(stored.id);

    const handle = stack.temporal.workflow.getHandle(stored.workflowId);
    expect(await handle.result()).toBe('DECIDED');
    await recordHistory(handle, 'late-submission-afvisning');
    const decision = await stack.db.decision.findFirstOrThrow({ where: { applicationId: stored.id } });
    expect(decision).toMatchObject({ outcome: 'rejected', decidedBy: 'system', amountGrantedOre: 0n, reasons: { criteria: ['late_submission'], text: '' } });
    const application = await stack.db.application.findUniqueOrThrow({ where: { id: stored.id } });
    const reference = formatCaseReference(application.referenceNumber, application.submittedAt!);

    // The letter: an afvisning, with the deadline and the arrival time on the municipality's clock.
    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: stored.id, kind: 'decision_letter' } });
    expect(letter.filename).toBe(`afvisning-${reference}.pdf`);
    const text = (await parsePdf(letter.content)).text;
    const deadlineText = formatDateTime('da', deadline, 'long');
    const receivedText = formatDateTime('da', application.submittedAt!, 'long');
    expect(text).toContain('AFVISNING AF ANSØGNING');
    expect(text).toContain(`Ansøgningsfristen var ${deadlineText}. Vi modtog jeres ansøgning ${receivedText}, altså efter fristen.`);
    expect(text).toContain('Derfor har vi ikke vurderet ansøgningens indhold');
    expect(text).toContain('Afgørelsen er truffet af forvaltningen efter delegation fra Social- og Sundhedsudvalget.');
    expect(text).toContain('Afgørelsen kan ikke klages til en anden myndighed.');
    expect(text).toContain('Folketingets Ombudsmand');
    expect(text).toContain('puljens kontaktperson, Lise Frandsen, på telefon 55 36 10 10 eller puljer@eksempel.dk');
    expect(text).not.toContain('I får desværre ikke tilskud');

    // Its own email, with the letter attached, the times, the contact person and the glossary links.
    const mails = await mailsFor(application.contactEmail, 2);
    const afvisningMail = mails.find((mail) => subjectOf(mail).includes('afvist'));
    expect(subjectOf(afvisningMail!)).toBe(`Jeres ansøgning kom efter fristen og er afvist (${reference})`);
    expect(afvisningMail!.raw).toMatch(/filename="?afvisning-GF-\d{4}-\d{5}\.pdf/);
    const body = mailPart(afvisningMail!, 'text/plain');
    expect(body).toContain(`Fristen var ${deadlineText}. Vi modtog ansøgningen ${receivedText}.`);
    expect(body).toContain('Spørgsmål? Kontakt Lise Frandsen, telefon 55 36 10 10, puljer@eksempel.dk.');
    expect(body).toContain(`- afvisning: ${stack.config.PUBLIC_BASE_URL}/ordliste#afvisning`);
    expect(body).toContain(`- klagevejledning: ${stack.config.PUBLIC_BASE_URL}/ordliste#klagevejledning`);
    expect(mailPart(afvisningMail!, 'text/html')).toContain(`<a href="${stack.config.PUBLIC_BASE_URL}/ordliste#begrundelse">begrundelse</a>`);
    const kinds = await eventually(async () => {
      const rows = await stack.db.outboxEmail.findMany({ where: { applicationId: stored.id } });
      return rows.length === 2 ? rows.map((row) => row.kind).sort() : undefined;
    }, 'two emails queued');
    expect(kinds).toEqual(['afvisning', 'receipt']);

    expect(await stack.db.payout.count({ where: { applicationId: stored.id } })).toBe(0);
    expect(await eventTypes(stored.id)).toEqual(['screening_started', 'decided']);
    const decided = await stack.db.caseEvent.findFirstOrThrow({ where: { applicationId: stored.id, type: 'decided' } });
    expect(decided.details).toMatchObject({ automatic: true, afvisning: true });
    const screening = await stack.db.screening.findFirstOrThrow({ where: { applicationId: stored.id } });
    expect((screening.results as { lateSubmission: boolean }).lateSubmission).toBe(true);

    // The statistics count it as a decided case, with the refusals, under the reason late_submission.
    await refreshStatistics(stack.db);
    const [facts] = await stack.db.$queryRawUnsafe<{ outcome: string; reason_codes: string[]; decided_day: Date | null }[]>(
      'SELECT outcome, reason_codes, decided_day FROM stats_case_facts WHERE application_id = $1::uuid',
      stored.id,
    );
    expect(facts).toMatchObject({ outcome: 'rejected', reason_codes: ['late_submission'] });
    expect(facts!.decided_day).not.toBeNull();
  });
});

describe('four eyes above the threshold', () => {
  it('the decider cannot approve; a returned decision goes back to review; another approver decides', async () => {
    const round = await createOpenRound(stack.db, { maxAmount: 100_000, fourEyesThreshold: 10_000 });
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: CASEWORKER }] });
    const proposal = { caseworker: CASEWORKER, outcome: 'partially_approved' as const, amountGrantedOre: 1_100_000, reasons: { criteria: ["budget_share"], text: "" }, conditions: [] };
    expect((await submitted.handle.executeUpdate(decideUpdate, { args: [proposal] })).status).toBe('AWAITING_APPROVAL');

    const selfApproval = await updateRejection(submitted.handle.executeUpdate(approvalUpdate, { args: [{ approver: CASEWORKER, approve: true }] }));
    expect(selfApproval).toMatchObject({ type: 'SameApprover' });
    expect((await submitted.handle.query(caseStateQuery)).status).toBe('AWAITING_APPROVAL');

    const noComment = await updateRejection(submitted.handle.executeUpdate(approvalUpdate, { args: [{ approver: APPROVER, approve: false }] }));
    expect(noComment).toMatchObject({ type: 'InvalidDecision' });

    const returned = await submitted.handle.executeUpdate(approvalUpdate, { args: [{ approver: APPROVER, approve: false, comment: 'Begrund beløbet nærmere.' }] });
    expect(returned).toMatchObject({ status: 'IN_REVIEW', proposal: null });

    await submitted.handle.executeUpdate(decideUpdate, { args: [{ ...proposal, reasons: { criteria: ['budget_share'], text: 'Udgifter til husleje dækkes ikke af puljen.' } }] });
    const approved = await submitted.handle.executeUpdate(approvalUpdate, { args: [{ approver: APPROVER, approve: true }] });
    expect(approved.status).toBe('DECIDED');
    await waitForStatus(submitted.handle, 'REPORT_DUE');

    const decisions = await stack.db.decision.findMany({ where: { applicationId: submitted.id }, orderBy: { sequence: 'asc' } });
    expect(decisions).toHaveLength(2);
    expect(decisions[0]).toMatchObject({ returnedBy: APPROVER, approverComment: 'Begrund beløbet nærmere.' });
    expect(decisions[1]).toMatchObject({ approvedBy: APPROVER, decidedBy: CASEWORKER });
    expect(await eventTypes(submitted.id)).toEqual(
      expect.arrayContaining(['decision_proposed', 'decision_returned', 'decision_approved']),
    );
    await stack.temporal.workflow.getHandle(`grant-report-${submitted.id}`).terminate('test finished');
    await submitted.handle.terminate('test finished');
    await recordHistory(submitted.handle, 'four-eyes-returned-then-approved');
  });
});

describe('validators reject what the current state does not allow, and change nothing', () => {
  const ACTIONS = ['claim', 'release', 'requestInformation', 'decide', 'approve'] as const;
  type Action = (typeof ACTIONS)[number];

  function attempt(submitted: SubmittedCase, action: Action): Promise<unknown> {
    switch (action) {
      case 'claim':
        return submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: APPROVER }] });
      case 'release':
        return submitted.handle.executeUpdate(releaseUpdate, { args: [{ caseworker: CASEWORKER }] });
      case 'requestInformation':
        return submitted.handle.executeUpdate(requestInformationUpdate, { args: [{ caseworker: CASEWORKER, items: ['Vedtægter'], message: '' }] });
      case 'decide':
        return submitted.handle.executeUpdate(decideUpdate, { args: [{ caseworker: CASEWORKER, outcome: 'approved', amountGrantedOre: 1_200_000, reasons: { criteria: [], text: '' }, conditions: [] }] });
      case 'approve':
        return submitted.handle.executeUpdate(approvalUpdate, { args: [{ approver: APPROVER, approve: true }] });
    }
  }

  /** Brings a fresh case into the state; the allowed actions there are left out of the matrix. */
  async function caseIn(status: string): Promise<SubmittedCase> {
    const round = await createOpenRound(stack.db, { fourEyesThreshold: status === 'AWAITING_APPROVAL' ? 10_000 : 50_000, process: { answerDeadline: '1h', answerReminders: ['30m'] } });
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    if (status === 'IN_QUEUE') return submitted;
    await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: CASEWORKER }] });
    if (status === 'AWAITING_APPLICANT') {
      await submitted.handle.executeUpdate(requestInformationUpdate, { args: [{ caseworker: CASEWORKER, items: ['Budget'], message: '' }] });
    } else if (status === 'AWAITING_APPROVAL' || status === 'REPORT_DUE') {
      await submitted.handle.executeUpdate(decideUpdate, { args: [{ caseworker: CASEWORKER, outcome: 'approved', amountGrantedOre: 1_200_000, reasons: { criteria: [], text: '' }, conditions: [] }] });
    }
    await waitForStatus(submitted.handle, status as never);
    return submitted;
  }

  it.each([
    ['IN_QUEUE', ['release', 'requestInformation', 'decide', 'approve']],
    ['IN_REVIEW', ['approve']],
    ['AWAITING_APPLICANT', ['claim', 'release', 'requestInformation', 'decide', 'approve']],
    ['AWAITING_APPROVAL', ['claim', 'release', 'requestInformation', 'decide']],
    ['REPORT_DUE', ['claim', 'release', 'requestInformation', 'decide', 'approve']],
  ] as const)('in %s: %j are refused', async (status, refused) => {
    const submitted = await caseIn(status);
    await eventually(async () => ((await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).status === status ? true : undefined), 'read model');
    const before = await submitted.handle.query(caseStateQuery);
    const eventsBefore = await stack.db.caseEvent.count({ where: { applicationId: submitted.id } });
    for (const action of refused) {
      const rejection = await updateRejection(attempt(submitted, action));
      expect({ action, rejection }).toMatchObject({ action, rejection: { type: 'ActionNotAllowed' } });
      expect(rejection!.message).toContain(status);
    }
    expect(await submitted.handle.query(caseStateQuery)).toEqual(before);
    expect(await stack.db.caseEvent.count({ where: { applicationId: submitted.id } })).toBe(eventsBefore);
    expect((await submitted.handle.query(timelineQuery)).at(-1)!.to).toBe(status);
    await stack.temporal.workflow.getHandle(`grant-report-${submitted.id}`).terminate('test finished').catch(() => undefined);
    await submitted.handle.terminate('test finished');
  });

  it('after withdrawal no caseworker action is allowed', async () => {
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await submitted.handle.signal(withdrawSignal, { reason: 'Aktiviteten blev aflyst.', at: new Date().toISOString() });
    expect(await submitted.handle.result()).toBe('WITHDRAWN');
    await recordHistory(submitted.handle, 'withdrawn-in-queue');
    expect(await mailsFor(await contactEmail(submitted.id), 2)).toHaveLength(2);
    expect(await eventTypes(submitted.id)).toEqual(['submitted', 'screening_started', 'queued', 'withdrawn']);
  });
});

describe('information requests, reminders and lapse (durations of seconds)', () => {
  it('missing documents send the case to AWAITING_APPLICANT; an answer brings it back to the queue', async () => {
    const round = await createOpenRound(stack.db, { maxAmount: 100_000 });
    const submitted = await submitCase(stack, round.id, { amountRequested: 60_000, budget: { lines: [{ category: 'activities', description: 'Udflugter', amount: 60_000 }], cofinancing: [] } });
    const waiting = await waitForStatus(submitted.handle, 'AWAITING_APPLICANT');
    expect(waiting.openRequest).toMatchObject({ sequence: 1, requestedBy: 'system' });
    expect(waiting.openRequest!.items.join(' ')).toMatch(/[Vv]edtægter/);

    await submitted.handle.signal(supplementSignal, { requestSequence: 1, text: 'Vedtægterne er vedhæftet.', documentIds: [], at: new Date().toISOString() });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await submitted.handle.terminate('test finished');
    await recordHistory(submitted.handle, 'missing-documents-answered');
    const request = await stack.db.informationRequest.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId: submitted.id, sequence: 1 } } });
    expect(request.answeredAt).not.toBeNull();
    expect(request.answer).toMatchObject({ text: 'Vedtægterne er vedhæftet.' });
    const screening = await stack.db.screening.findFirstOrThrow({ where: { applicationId: submitted.id } });
    expect(screening.missingItems).toEqual([{ code: 'document', detail: 'statutes' }]);
  });

  it('a caseworker asks; two reminders go out; no answer by the deadline lapses the case', async () => {
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: CASEWORKER }] });
    const asked = await submitted.handle.executeUpdate(requestInformationUpdate, {
      args: [{ caseworker: CASEWORKER, items: ['Et underskrevet budget'], message: 'Send os budgettet med bestyrelsens underskrift.' }],
    });
    expect(asked.status).toBe('AWAITING_APPLICANT');

    expect(await submitted.handle.result()).toBe('LAPSED');
    await recordHistory(submitted.handle, 'information-request-lapsed');
    const types = await eventTypes(submitted.id);
    expect(types.slice(-4)).toEqual(['information_requested', 'information_reminder_sent', 'information_reminder_sent', 'lapsed']);
    const request = await stack.db.informationRequest.findFirstOrThrow({ where: { applicationId: submitted.id } });
    expect(request.lapsedAt!.getTime() - request.createdAt.getTime()).toBeGreaterThanOrEqual(6_000);

    const kinds = (await stack.db.outboxEmail.findMany({ where: { applicationId: submitted.id }, orderBy: { createdAt: 'asc' } })).map((m) => m.kind);
    expect(kinds).toEqual(['receipt', 'information_request', 'information_reminder', 'information_reminder', 'lapsed']);
    expect(await mailsFor(await contactEmail(submitted.id), 5)).toHaveLength(5);
  });

  it('records an SLA breach once when the decision target passes', async () => {
    const round = await createOpenRound(stack.db, { process: { decisionTarget: '2s' } });
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await eventually(async () => ((await submitted.handle.query(caseStateQuery)).slaBreached ? true : undefined), 'SLA breach');
    await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: CASEWORKER }] });
    expect((await eventTypes(submitted.id)).filter((t) => t === 'sla_breached')).toHaveLength(1);
    await submitted.handle.terminate('test finished');
  });
});

describe('follow-up reporting timers', () => {
  it('reminds before, on and after the due date, escalates when overdue, and a returned report is due again', async () => {
    // The activity ends as its last day ends on the municipality's clocks.
    const activityEnd = endOfDayIn(isoDay(-1), DANISH_TIME_ZONE).getTime();
    const dueInSeconds = Math.ceil((Date.now() - activityEnd) / 1000) + 5;
    const round = await createOpenRound(stack.db, {
      process: {
        reportDue: { kind: 'after_activity_end', duration: `${dueInSeconds}s` },
        reportReminders: ['-3s', '0s', '2s'],
        reportEscalationAfter: '4s',
        reportResubmissionDeadline: 'P30D',
      },
    });
    // An association of its own: its overdue report would otherwise hold back (rule E9) every
    // later case of the shared test association in the suites that run after this one.
    const submitted = await submitCase(stack, round.id, {
      organization: { cvr: '99108223', name: 'Familienetværket Trygge Rammer', email: 'kasserer@tryggerammer.dk' },
      project: {
        title: 'Sommerlejr', purpose: 'Ferie for børnefamilier med lav indkomst', targetGroup: 'vulnerable_children_families',
        activities: 'En uges lejr', startDate: isoDay(-5), endDate: isoDay(-1), volunteers: 6, expectedParticipants: 30, isNew: false, childrenUnder15: true,
      },
      declarations: { truthful: true, childCertificates: true, contactLater: false },
    });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: CASEWORKER }] });
    await submitted.handle.executeUpdate(decideUpdate, { args: [{ caseworker: CASEWORKER, outcome: 'approved', amountGrantedOre: 1_200_000, reasons: { criteria: [], text: '' }, conditions: [] }] });
    await waitForStatus(submitted.handle, 'REPORT_DUE');

    await eventually(async () => ((await eventTypes(submitted.id)).includes('report_overdue_escalated') ? true : undefined), 'escalation', 30_000);
    const types = await eventTypes(submitted.id);
    expect(types.filter((t) => t === 'report_reminder_sent')).toHaveLength(2);
    expect(types.filter((t) => t === 'report_overdue_reminder_sent')).toHaveLength(1);
    const escalation = await eventually(
      () => stack.db.outboxEmail.findFirst({ where: { applicationId: submitted.id, kind: 'report_escalation' } }).then((row) => row ?? undefined),
      'escalation email',
    );
    expect(escalation.recipient).toBe(CASEWORKER);
    expect(escalation.text).not.toContain(`Hej ${CASEWORKER}`);

    const report = stack.temporal.workflow.getHandle<typeof followUpReport>(`grant-report-${submitted.id}`);
    const reviewTooEarly = await updateRejection(report.executeUpdate(reviewReportUpdate, { args: [{ caseworker: CASEWORKER, accept: true }] }));
    expect(reviewTooEarly).toMatchObject({ type: 'ActionNotAllowed' });
    expect((await report.query(reportStateQuery)).status).toBe('REPORT_DUE');
    const submission = { narrative: 'Lejren blev holdt.', spentKroner: 12_000, participants: 28, volunteers: 6, storyConsent: false, documentIds: [], at: new Date().toISOString() };
    await report.signal(submitReportSignal, submission);
    await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');
    const sentBack = await report.executeUpdate(reviewReportUpdate, { args: [{ caseworker: CASEWORKER, accept: false, comment: 'Vedlæg regnskabet.' }] });
    expect(sentBack).toMatchObject({ status: 'REPORT_DUE', sequence: 2 });
    await waitForStatus(submitted.handle, 'REPORT_DUE');

    await report.signal(submitReportSignal, { ...submission, at: new Date().toISOString() });
    await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');
    await report.executeUpdate(reviewReportUpdate, { args: [{ caseworker: CASEWORKER, accept: true }] });
    expect(await submitted.handle.result()).toBe('CLOSED');
    await recordHistory(report, 'follow-up-report-reminders-returned-accepted');
    const reports = await stack.db.followUpReport.findMany({ where: { applicationId: submitted.id }, orderBy: { sequence: 'asc' } });
    expect(reports.map((r) => r.reviewOutcome)).toEqual(['returned', 'accepted']);
    expect(reports[0]!.remindersSent).toBe(3);
  });
});
