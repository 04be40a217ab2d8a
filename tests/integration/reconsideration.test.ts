import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';
import type { ReportingTier } from '../../domain/tiers';
import type { grantApplication } from '../../workflows/grant-application';
import { caseStateQuery } from '../../workflows/messages';
import { refreshStatistics } from '../../services/api/stats/refresh';
import { applicationBody, createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { mailsFor, subjectOf, submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { parsePdf } from '../support/pdf-text';
import { recordHistory } from '../support/histories';
import { samplePdf } from '../support/sample-files';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Reconsideration on the real stack: the association asks through the API with its private
// token, a caseworker upholds or changes the decision. (A Norwegian municipality's klage, forwarded
// to the klagenemnd: tests/integration/norwegian-klage.test.ts.)

let stack: TestStack;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
/** Letters of this file, for looking at: pdftoppm -png -r 60 <file> <out> */
const LETTERS_DIR = path.join(os.tmpdir(), 'grantflow-reconsideration-letters');

// Up to 10,000 kr a declaration, above it a short report: a changed amount can change the report.
const TIERS: ReportingTier[] = [
  { upToKroner: 10_000, requirement: 'declaration', applicationDocuments: [] },
  { upToKroner: null, requirement: 'short_report', applicationDocuments: [] },
];

beforeAll(async () => {
  stack = await startTestStack();
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
  fs.mkdirSync(LETTERS_DIR, { recursive: true });
});

afterAll(async () => {
  await stack?.stop();
});

const url = (p: string) => `${stack.baseUrl}/api/v1${p}`;
const applicant = (c: SubmittedCase) => ({ authorization: `Bearer ${c.accessToken}` });

async function decided(options: { outcome: 'approved' | 'partially_approved' | 'rejected'; amount: number; period?: string; fourEyesThreshold?: number }): Promise<SubmittedCase> {
  const round = await createOpenRound(stack.db, { reportingTiers: TIERS, fourEyesThreshold: options.fourEyesThreshold, process: { reconsiderationPeriod: options.period ?? '1h' } });
  const submitted = await submitCase(stack, round.id);
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(url(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const reasons = options.outcome === 'approved' ? { criteria: [], text: '' } : { criteria: ['budget_share'], text: 'Halvdelen af budgettet går til husleje, som puljen ikke dækker.' };
  const decision = await postJson(url(`/applications/${submitted.id}/decision`), { outcome: options.outcome, amountGranted: options.amount, reasons, conditions: [] }, caseworker.headers);
  expect(decision.status).toBe(200);
  await waitForStatus(submitted.handle, options.outcome === 'rejected' ? 'DECIDED' : 'REPORT_DUE');
  // The period opens once the letter is sent.
  await eventually(async () => ((await submitted.handle.query(caseStateQuery)).reconsiderableUntil ? true : undefined), 'the reconsideration period');
  return submitted;
}

async function ask(c: SubmittedCase, body: Record<string, unknown>, query = '') {
  return postJson(url(`/applications/${c.id}/reconsideration${query}`), body, applicant(c));
}

async function eventTypes(applicationId: string): Promise<string[]> {
  return (await stack.db.caseEvent.findMany({ where: { applicationId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] })).map((e) => e.type);
}

async function letterText(documentId: string, name: string): Promise<string> {
  const document = await stack.db.document.findUniqueOrThrow({ where: { id: documentId } });
  fs.writeFileSync(path.join(LETTERS_DIR, `${name}.pdf`), document.content);
  return (await parsePdf(document.content)).text.replace(/\s+/g, ' ');
}

describe('reconsideration of a Danish decision', () => {
  it('a refusal the association asks about is upheld with a letter saying why', async () => {
    const c = await decided({ outcome: 'rejected', amount: 0 });
    const recipient = (await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).contactEmail;

    const form = new FormData();
    form.append('kind', 'reconsideration');
    form.append('files', new Blob([new Uint8Array(await samplePdf('Nyt budget uden husleje'))], { type: 'application/pdf' }), 'nyt-budget.pdf');
    const upload = await fetch(url(`/applications/${c.id}/documents`), { method: 'POST', headers: applicant(c), body: form });
    expect(upload.status).toBe(201);
    const documentId = ((await upload.json()) as any).documents[0].id as string;

    const missing = await ask(c, { reasons: '  ' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toEqual([expect.objectContaining({ path: 'reasons' })]);

    const asked = await ask(c, { reasons: 'Huslejen er betalt af kommunen selv; vi har rettet budgettet.', documentIds: [documentId] });
    expect(asked.status).toBe(202);
    await waitForStatus(c.handle, 'RECONSIDERATION_REQUESTED');
    expect(await stack.db.reconsideration.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId: c.id, sequence: 1 } } })).toMatchObject({
      procedure: 'reconsideration',
      decisionSequence: 1,
      documentIds: [documentId],
    });
    // Only one request at a time.
    const again = await ask(c, { reasons: 'En gang til.' });
    expect(again.status).toBe(409);
    expect(again.body.error.issues).toEqual([expect.objectContaining({ path: 'reconsideration' })]);

    // Upholding needs a real begrundelse, like a refusal.
    const unexplained = await postJson(url(`/applications/${c.id}/reconsideration/answer`), { answer: 'uphold', reasons: { criteria: [], text: 'Puljens midler er begrænsede.' } }, caseworker.headers);
    expect(unexplained.status).toBe(400);
    expect(unexplained.body.error.issues).toEqual([expect.objectContaining({ path: 'reasons' })]);
    const forward = await postJson(url(`/applications/${c.id}/reconsideration/answer`), { answer: 'forward', reasons: { criteria: [], text: 'Vi ændrer ikke afgørelsen, fordi aktiviteten ikke er social.' } }, caseworker.headers);
    expect(forward.status).toBe(400);
    expect(forward.body.error.issues).toEqual([expect.objectContaining({ path: 'answer' })]);

    const upheld = await postJson(
      url(`/applications/${c.id}/reconsideration/answer`),
      { answer: 'uphold', reasons: { criteria: ['target_group'], text: 'Det rettede budget ændrer ikke, at aktiviteten kun når få ensomme ældre i kommunen.' } },
      caseworker.headers,
    );
    expect(upheld.status).toBe(200);
    expect(upheld.body.status).toBe('DECIDED');

    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: c.id, kind: 'reconsideration_letter' } });
    const text = await letterText(letter.id, 'upheld-da');
    expect(text).toContain('Vi fastholder afgørelsen');
    expect(text).toContain('kun når få ensomme ældre');
    expect(text).toContain('Aktiviteten når kun få i målgruppen.');
    expect(text).toContain('Karen Sagsbehandler');
    // The decision and its letter are still in the case.
    expect(await stack.db.decision.count({ where: { applicationId: c.id } })).toBe(1);
    expect(await stack.db.document.count({ where: { applicationId: c.id, kind: 'decision_letter' } })).toBe(1);

    const mails = await mailsFor(recipient, 4);
    expect(mails.map(subjectOf)).toEqual(expect.arrayContaining([expect.stringContaining('modtaget jeres anmodning om genovervejelse'), expect.stringContaining('Svar på jeres anmodning om genovervejelse')]));
    const answerMail = await stack.db.outboxEmail.findFirstOrThrow({ where: { applicationId: c.id, kind: 'reconsideration_upheld' } });
    expect(answerMail.attachmentIds).toEqual([letter.id]);
    expect(await eventTypes(c.id)).toEqual(expect.arrayContaining(['decided', 'reconsideration_requested', 'reconsideration_upheld']));
    const events = await stack.db.caseEvent.findMany({ where: { applicationId: c.id, type: { in: ['reconsideration_requested', 'reconsideration_upheld'] } }, orderBy: { occurredAt: 'asc' } });
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      ['DECIDED', 'RECONSIDERATION_REQUESTED'],
      ['RECONSIDERATION_REQUESTED', 'DECIDED'],
    ]);
  });

  it('a partial grant changed to the full amount: a new decision and letter, the difference paid, the report set anew; the earlier decision and letter stay', async () => {
    const c = await decided({ outcome: 'partially_approved', amount: 8_000 });
    const reportBefore = await stack.db.followUpReport.findFirstOrThrow({ where: { applicationId: c.id } });
    expect(reportBefore.requirement).toBe('declaration');

    expect((await ask(c, { reasons: 'Huslejen er ikke en del af budgettet; den betaler medborgerhuset.' })).status).toBe(202);
    await waitForStatus(c.handle, 'RECONSIDERATION_REQUESTED');

    const wrongAmount = await postJson(url(`/applications/${c.id}/reconsideration/answer`), { answer: 'change', outcome: 'approved', amountGranted: 9_000, reasons: { criteria: [], text: '' } }, caseworker.headers);
    expect(wrongAmount.status).toBe(400);
    expect(wrongAmount.body.error.issues).toEqual([expect.objectContaining({ path: 'amountGranted' })]);
    const refusal = await postJson(url(`/applications/${c.id}/reconsideration/answer`), { answer: 'change', outcome: 'rejected', amountGranted: 0, reasons: { criteria: ['target_group'], text: 'Aktiviteten når kun få.' } }, caseworker.headers);
    expect(refusal.status).toBe(400);
    expect(refusal.body.error.issues).toEqual([expect.objectContaining({ path: 'outcome' })]);

    const changed = await postJson(
      url(`/applications/${c.id}/reconsideration/answer`),
      { answer: 'change', outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: 'Huslejen betales af medborgerhuset, så hele budgettet er aktivitetsudgifter.' } },
      caseworker.headers,
    );
    expect(changed.status).toBe(200);
    expect(changed.body.decision).toMatchObject({ sequence: 2, outcome: 'approved', amountGrantedOre: 1_200_000 });
    await waitForStatus(c.handle, 'REPORT_DUE');

    const decisions = await stack.db.decision.findMany({ where: { applicationId: c.id }, orderBy: { sequence: 'asc' } });
    expect(decisions.map((d) => [d.sequence, d.outcome, d.amountGrantedOre])).toEqual([
      [1, 'partially_approved', 800_000n],
      [2, 'approved', 1_200_000n],
    ]);
    const payouts = await stack.db.payout.findMany({ where: { applicationId: c.id }, orderBy: { decisionSequence: 'asc' } });
    expect(payouts.map((p) => [p.payoutKey, p.amountOre])).toEqual([
      [`payout:${c.id}`, 800_000n],
      [`payout:${c.id}:2`, 400_000n],
    ]);
    const letters = await stack.db.document.findMany({ where: { applicationId: c.id, kind: 'decision_letter' }, orderBy: { createdAt: 'asc' } });
    expect(letters.map((l) => l.documentKey)).toEqual([`letter:${c.id}:1`, `letter:${c.id}:2`]);
    const text = await letterText(letters[1]!.id, 'changed-da');
    expect(text).toContain('Dette brev erstatter afgørelsen af');
    expect(text).toContain('4.000 kr. mere udbetalt');
    expect(text).toContain('12.000 kr.');
    expect((await parsePdf(letters[0]!.content)).text).toContain('8.000');

    const report = await eventually(async () => {
      const row = await stack.db.followUpReport.findFirstOrThrow({ where: { applicationId: c.id } });
      return row.requirement === 'short_report' ? row : undefined;
    }, 'the report set anew');
    expect(report.sequence).toBe(1);
    const types = await eventTypes(c.id);
    expect(types).toEqual(expect.arrayContaining(['reconsideration_requested', 'decision_changed', 'payout_adjusted', 'report_terms_changed']));
    const email = await stack.db.outboxEmail.findUniqueOrThrow({ where: { messageKey: `${c.id}:decision:2` } });
    expect(email.attachmentIds).toEqual([letters[1]!.id]);
    expect(email.text).toContain('erstatter den gamle');
    expect(email.text).toContain('Vi udbetaler de 4.000 kr., I får mere');

    const view = await getJson(url(`/applications/${c.id}`), caseworker.headers);
    expect(view.body.payouts).toEqual([expect.objectContaining({ amount: 8_000, decisionSequence: 1 }), expect.objectContaining({ amount: 4_000, decisionSequence: 2 })]);
    expect(view.body.reconsiderations).toEqual([expect.objectContaining({ sequence: 1, outcome: 'changed', newDecisionSequence: 2 })]);

    // The statistics count the decision in force: the full grant, not the partial one asked about.
    await refreshStatistics(stack.db);
    const [facts] = await stack.db.$queryRawUnsafe<{ outcome: string; amount_granted_ore: bigint; case_state: string }[]>(
      'SELECT outcome, amount_granted_ore, case_state FROM stats_case_facts WHERE application_id = $1::uuid',
      c.id,
    );
    expect({ ...facts, amount_granted_ore: Number(facts?.amount_granted_ore) }).toEqual({ outcome: 'approved', amount_granted_ore: 1_200_000, case_state: 'approved' });
  });

  it('a change above the four-eyes threshold waits for a second signature; sent back, the request is answered again', async () => {
    const approver = await signedInStaff(stack, ['approver'], 'Lene Leder');
    const c = await decided({ outcome: 'partially_approved', amount: 8_000, fourEyesThreshold: 10_000 });
    expect((await ask(c, { reasons: 'Huslejen betales af medborgerhuset.' })).status).toBe(202);
    await waitForStatus(c.handle, 'RECONSIDERATION_REQUESTED');
    const change = { answer: 'change', outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: 'Huslejen betales af medborgerhuset, så hele budgettet er aktivitetsudgifter.' } };

    const proposed = await postJson(url(`/applications/${c.id}/reconsideration/answer`), change, caseworker.headers);
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'AWAITING_APPROVAL', proposal: { sequence: 2, amountGrantedOre: 1_200_000, needsApproval: true } });
    expect(proposed.body.allowedActions).not.toContain('withdraw');
    expect(await stack.db.document.count({ where: { documentKey: `letter:${c.id}:2` } })).toBe(0);
    expect(await stack.db.payout.count({ where: { applicationId: c.id } })).toBe(1);
    // The second signature is an approver's.
    expect((await postJson(url(`/applications/${c.id}/approval`), { approve: true }, caseworker.headers)).status).toBe(403);

    const returned = await postJson(url(`/applications/${c.id}/approval`), { approve: false, comment: 'Vedlæg lejekontrakten, før vi bevilger mere.' }, approver.headers);
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('RECONSIDERATION_REQUESTED');
    expect(returned.body.allowedActions).toContain('answerReconsideration');

    expect((await postJson(url(`/applications/${c.id}/reconsideration/answer`), change, caseworker.headers)).body.status).toBe('AWAITING_APPROVAL');
    const approved = await postJson(url(`/applications/${c.id}/approval`), { approve: true }, approver.headers);
    expect(approved.status).toBe(200);
    await waitForStatus(c.handle, 'REPORT_DUE');
    const decisions = await stack.db.decision.findMany({ where: { applicationId: c.id }, orderBy: { sequence: 'asc' } });
    expect(decisions.map((d) => [d.sequence, d.amountGrantedOre, d.returnedBy, d.approvedBy])).toEqual([
      [1, 800_000n, null, null],
      [2, 1_200_000n, approver.email, null],
      [3, 1_200_000n, null, approver.email],
    ]);
    expect(await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${c.id}:3` } })).toMatchObject({ amountOre: 400_000n });
    const text = await letterText((await stack.db.document.findUniqueOrThrow({ where: { documentKey: `letter:${c.id}:3` } })).id, 'changed-approved-da');
    expect(text).toContain('4.000 kr. mere udbetalt');
    expect(await stack.db.reconsideration.findFirstOrThrow({ where: { applicationId: c.id } })).toMatchObject({ outcome: 'changed', newDecisionSequence: 3 });
  });

  it('refuses a request before a decision and after the period, naming the field, and stores nothing', async () => {
    const round = await createOpenRound(stack.db, { process: { reconsiderationPeriod: '1h' } });
    const undecided = await submitCase(stack, round.id);
    await waitForStatus(undecided.handle, 'IN_QUEUE');
    const early = await ask(undecided, { reasons: 'Vi vil gerne have svar.' });
    expect(early.status).toBe(409);
    expect(early.body.error.issues).toEqual([expect.objectContaining({ path: 'decision' })]);
    expect(early.body.error.message).toMatch(/endnu ikke truffet en afgørelse/);

    const late = await decided({ outcome: 'rejected', amount: 0, period: '1s' });
    expect(await late.handle.result()).toBe('DECIDED');
    await recordHistory(late.handle, 'rejected-reconsideration-period-over');
    const refused = await ask(late, { reasons: 'Vi er uenige i afgørelsen.' }, '?lang=en');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('reconsideration_not_allowed');
    expect(refused.body.error.issues).toEqual([expect.objectContaining({ path: 'reconsiderableUntil', message: expect.stringMatching(/^The time to ask for reconsideration ended on \d{1,2} \w+ \d{4}\./) })]);

    expect(await stack.db.reconsideration.count({ where: { applicationId: { in: [undecided.id, late.id] } } })).toBe(0);
    expect(await stack.db.caseEvent.count({ where: { applicationId: { in: [undecided.id, late.id] }, type: { startsWith: 'reconsideration' } } })).toBe(0);
  });
});
