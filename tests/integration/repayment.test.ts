import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDate, t } from '../../locale';
import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { mailPart, mailTo, subjectOf, submitCase, waitForStatus, type SinkMessage, type SubmittedCase } from '../support/process';
import { parsePdf } from '../support/pdf-text';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// A repayment claim on the real stack: a grant whose report leaves money unspent, accepted by a
// caseworker; the claim is proposed, decided (reduced, waived, carried over) with reasons, sent
// as its own letter and email, reminded before and after its deadline, and registered as paid.

let stack: TestStack;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let approver: Awaited<ReturnType<typeof signedInStaff>>;
/** Letters of this file, for looking at: pdftoppm -png -r 60 <file> <out> */
const LETTERS_DIR = path.join(os.tmpdir(), 'grantflow-repayment-letters');

beforeAll(async () => {
  stack = await startTestStack();
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
  approver = await signedInStaff(stack, ['approver'], 'Bo Godkender');
  fs.mkdirSync(LETTERS_DIR, { recursive: true });
});

afterAll(async () => {
  await stack?.stop();
});

const url = (p: string) => `${stack.baseUrl}/api/v1${p}`;

/** 12,000 kr granted, a report of 9,000 kr spent, accepted: 3,000 kr proposed as the claim. */
async function acceptedWithUnspent(process: Record<string, unknown> = {}): Promise<SubmittedCase> {
  const round = await createOpenRound(stack.db, { process: { repaymentDue: '8s', repaymentReminders: ['-4s', '1s'], ...process } });
  const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(url(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  expect((await postJson(url(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers)).status).toBe(200);
  await waitForStatus(submitted.handle, 'REPORT_DUE');
  const report = { narrative: 'Vi holdt 9 af 12 fællesspisninger.', spentKroner: 9_000, participants: 250, volunteers: 8, storyConsent: false };
  expect((await postJson(url(`/applications/${submitted.id}/reports`), report, { authorization: `Bearer ${submitted.accessToken}` })).status).toBe(202);
  await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');
  const review = await postJson(url(`/reports/${submitted.id}/review`), { accept: true }, caseworker.headers);
  expect(review.status).toBe(200);
  expect(review.body).toMatchObject({ status: 'REPAYMENT_PROPOSED', repayment: { proposedOre: 300_000, grantedOre: 1_200_000, outcome: null } });
  await waitForStatus(submitted.handle, 'REPAYMENT_PROPOSED');
  await eventually(() => stack.db.caseEvent.findFirst({ where: { applicationId: submitted.id, type: 'repayment_proposed' } }).then((event) => event ?? undefined), 'the proposal recorded');
  return submitted;
}

async function contactEmail(applicationId: string): Promise<string> {
  return (await stack.db.application.findUniqueOrThrow({ where: { id: applicationId } })).contactEmail;
}

async function eventTypes(applicationId: string): Promise<string[]> {
  const events = await stack.db.caseEvent.findMany({ where: { applicationId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  return events.map((event) => event.type);
}

/** The delivered email whose subject starts as the catalogue's subject does. */
async function mailWithSubject(recipient: string, subjectStart: string): Promise<SinkMessage> {
  return eventually(async () => {
    return (await mailTo(recipient)).find((mail) => subjectOf(mail).startsWith(subjectStart));
  }, `an email "${subjectStart}…" to ${recipient}`, 30_000);
}

async function letterText(applicationId: string): Promise<string> {
  const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId, kind: 'repayment_letter' } });
  fs.writeFileSync(path.join(LETTERS_DIR, letter.filename), letter.content);
  return (await parsePdf(letter.content)).text;
}

describe('a report with unspent money', () => {
  it('proposes a claim; a reduced claim gets its letter and email, reminders, and closes when registered as paid', async () => {
    const c = await acceptedWithUnspent();
    const recipient = await contactEmail(c.id);
    const repayment = () => stack.db.repayment.findFirstOrThrow({ where: { applicationId: c.id } });
    expect(await repayment()).toMatchObject({ proposedOre: 300_000n, outcome: null, claimedOre: null });

    // The acceptance tells the association a claim is being decided, not that the case is over.
    const accepted = mailPart(await mailWithSubject(recipient, 'Afrapporteringen er godkendt'), 'text/plain');
    expect(accepted).toContain('I har ikke brugt 3.000 kr. af tilskuddet');
    expect(accepted).not.toContain('I skal ikke gøre mere');

    // Bad decisions: 400 naming the field in the reader's language, and nothing changes.
    const before = await eventTypes(c.id);
    const decide = (body: object, lang = 'da') => postJson(url(`/applications/${c.id}/repayment/decision?lang=${lang}`), body, caseworker.headers);
    const aboveGrant = await decide({ outcome: 'reduced', amount: 13_000, reasons: 'Foreningen har dokumenteret udgifter.' });
    expect(aboveGrant.status).toBe(400);
    expect(aboveGrant.body.error.issues).toEqual([{ path: 'amount', message: t('da', 'errors.repayment.aboveGrant') }]);
    const aboveProposal = await decide({ outcome: 'reduced', amount: 4_000, reasons: 'Foreningen har dokumenteret udgifter.' }, 'en');
    expect(aboveProposal.status).toBe(400);
    expect(aboveProposal.body.error.issues).toEqual([{ path: 'amount', message: 'The claim cannot be larger than the unspent money proposed as the claim.' }]);
    const unreasoned = await decide({ outcome: 'reduced', amount: 2_000, reasons: '  ' });
    expect(unreasoned.status).toBe(400);
    expect(unreasoned.body.error.issues).toEqual([{ path: 'reasons', message: t('da', 'errors.repayment.reasonsRequired') }]);
    const noAmount = await decide({ outcome: 'reduced', reasons: 'Foreningen har dokumenteret udgifter.' });
    expect(noAmount.body.error.issues).toEqual([{ path: 'amount', message: t('da', 'errors.repayment.amountRequired') }]);
    const approverDecides = await postJson(url(`/applications/${c.id}/repayment/decision`), { outcome: 'waived', reasons: 'x' }, approver.headers);
    expect(approverDecides.status).toBe(403);
    const paidTooEarly = await postJson(url(`/applications/${c.id}/repayment/payment`), { paidOn: new Date().toISOString().slice(0, 10) }, approver.headers);
    expect(paidTooEarly.status).toBe(409);
    expect(await repayment()).toMatchObject({ outcome: null, claimedOre: null, decidedAt: null });
    expect(await eventTypes(c.id)).toEqual(before);
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('REPAYMENT_PROPOSED');

    const reasons = 'Foreningen har dokumenteret 1.000 kr. til leje af køkken, som ikke kom med i regnskabet.';
    const reduced = await decide({ outcome: 'reduced', amount: 2_000, reasons });
    expect(reduced.status).toBe(200);
    expect(reduced.body).toMatchObject({ status: 'REPAYMENT_DUE', repayment: { outcome: 'reduced', claimedOre: 200_000 } });
    const claim = await repayment();
    expect(claim).toMatchObject({ outcome: 'reduced', claimedOre: 200_000n, reasons, decidedBy: caseworker.email });
    const dueAt = formatDate('da', claim.dueAt!);
    const asAssociation = await getJson(url(`/applications/${c.id}`), { authorization: `Bearer ${c.accessToken}` });
    expect(asAssociation.body).toMatchObject({ status: 'REPAYMENT_DUE', repayment: { outcome: 'reduced', proposed: 3_000, claimed: 2_000, dueAt: claim.dueAt!.toISOString(), paidOn: null } });
    expect(await decide({ outcome: 'waived', reasons })).toMatchObject({ status: 409 });

    // The letter: amount, reasons, deadline, account, how to complain.
    const text = await letterText(c.id);
    expect(text).toContain('I skal betale 2.000 kr. tilbage');
    expect(text).toContain(reasons);
    expect(text).toContain(`Overfør 2.000 kr. til kommunens konto senest ${dueAt}.`);
    expect(text).toContain('Reg.nr. 9999');
    expect(text).toContain('Kontonr. 0001234567');
    expect(text).toContain(c.reference);
    expect(text).toContain('Hvis I er uenige i afgørelsen (klagevejledning)');
    expect(text).toContain('I kan bede os om at se på afgørelsen igen (genvurdering).');
    expect(text).toContain('Afgørelsen er truffet efter serviceloven § 18.');
    expect(text).toMatch(/Med venlig hilsen\s+Karen Sagsbehandler/);

    // Its own email, with the letter attached and the amount and deadline in the text.
    const claimMail = await mailWithSubject(recipient, 'Krav om tilbagebetaling af 2.000 kr.');
    expect(claimMail.raw).toMatch(/filename="?krav-om-tilbagebetaling-GF-\d{4}-\d{5}\.pdf/);
    expect(mailPart(claimMail, 'text/plain')).toContain(`Betal senest ${dueAt} til reg.nr. 9999, kontonr. 0001234567. Skriv sagsnummeret ${c.reference} i beskeden til modtageren.`);

    // A reminder before the deadline and one after it.
    await mailWithSubject(recipient, `Påmindelse: Betal 2.000 kr. senest ${dueAt}`);
    await mailWithSubject(recipient, 'Fristen for tilbagebetaling er overskredet');
    expect((await repayment()).remindersSent).toBe(2);
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('REPAYMENT_DUE');

    // Registered as paid by an approver: a date in the future is refused; then the case closes.
    const tomorrowAndMore = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const future = await postJson(url(`/applications/${c.id}/repayment/payment`), { paidOn: tomorrowAndMore }, approver.headers);
    expect(future.status).toBe(400);
    expect(future.body.error.issues).toEqual([{ path: 'paidOn', message: t('da', 'errors.repayment.paidOnInvalid') }]);
    const today = new Date().toISOString().slice(0, 10);
    const paid = await postJson(url(`/applications/${c.id}/repayment/payment`), { paidOn: today }, approver.headers);
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('CLOSED');
    expect(await c.handle.result()).toBe('CLOSED');
    expect(await repayment()).toMatchObject({ paidRegisteredBy: approver.email, paidOn: new Date(`${today}T00:00:00Z`) });
    await mailWithSubject(recipient, 'Tilbagebetalingen er modtaget');

    const events = await stack.db.caseEvent.findMany({ where: { applicationId: c.id }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    expect(events.map((e) => e.type).filter((type) => /^(report|repayment)_/.test(type))).toEqual([
      'report_due',
      'report_submitted',
      'report_accepted',
      'repayment_proposed',
      'repayment_claimed',
      'repayment_reminder_sent',
      'repayment_overdue_reminder_sent',
      'repayment_paid',
    ]);
    expect(events.find((e) => e.type === 'repayment_claimed')).toMatchObject({ toStatus: 'REPAYMENT_DUE', actor: caseworker.email, details: expect.objectContaining({ repaymentOre: 200_000, proposedOre: 300_000 }) });
    expect(events.at(-1)).toMatchObject({ type: 'repayment_paid', toStatus: 'CLOSED', actor: approver.email });
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('CLOSED');
  });

  it('a waived claim gets a short letter and email and closes the case, claiming nothing', async () => {
    const c = await acceptedWithUnspent();
    const waived = await postJson(url(`/applications/${c.id}/repayment/decision`), { outcome: 'waived', reasons: 'Tre aftener blev aflyst på grund af sygdom; pengene går til næste års aktivitet.' }, caseworker.headers);
    expect(waived.status).toBe(200);
    expect(waived.body.status).toBe('CLOSED');
    expect(await c.handle.result()).toBe('CLOSED');
    expect(await stack.db.repayment.findFirstOrThrow({ where: { applicationId: c.id } })).toMatchObject({ outcome: 'waived', claimedOre: 0n, dueAt: null });
    const text = await letterText(c.id);
    expect(text).toContain('I skal ikke betale de ubrugte midler tilbage');
    expect(text).toContain('Vi kræver ikke de 3.000 kr., som ikke er brugt, betalt tilbage.');
    expect(text).not.toContain('Sådan betaler I');
    const mail = await mailWithSubject(await contactEmail(c.id), 'I skal ikke betale ubrugte midler tilbage');
    expect(mail.raw).toMatch(/filename="?frafald-af-tilbagebetaling-GF-/);
    const types = await eventTypes(c.id);
    expect(types.slice(-3)).toEqual(['report_accepted', 'repayment_proposed', 'repayment_waived']);
    expect(types).not.toContain('repayment_claimed');
  });

  it('a carry-over needs the new period’s end, and records it as its own outcome', async () => {
    const c = await acceptedWithUnspent();
    const decide = (body: object) => postJson(url(`/applications/${c.id}/repayment/decision`), body, caseworker.headers);
    const reasons = 'Foreningen bad den 3. marts skriftligt om at bruge pengene til tre ekstra aftener.';
    const noPeriod = await decide({ outcome: 'carried_over', reasons });
    expect(noPeriod.status).toBe(400);
    expect(noPeriod.body.error.issues).toEqual([{ path: 'newPeriodEnd', message: t('da', 'errors.repayment.newPeriodRequired') }]);
    const withAmount = await decide({ outcome: 'carried_over', amount: 3_000, reasons, newPeriodEnd: '2099-06-30' });
    expect(withAmount.body.error.issues).toEqual([{ path: 'amount', message: t('da', 'errors.repayment.noAmountClaimed') }]);
    const carried = await decide({ outcome: 'carried_over', reasons, newPeriodEnd: '2099-06-30' });
    expect(carried.status).toBe(200);
    expect(carried.body.status).toBe('CLOSED');
    expect(await stack.db.repayment.findFirstOrThrow({ where: { applicationId: c.id } })).toMatchObject({ outcome: 'carried_over', claimedOre: 0n, newPeriodEnd: new Date('2099-06-30T00:00:00Z') });
    const event = await stack.db.caseEvent.findFirstOrThrow({ where: { applicationId: c.id, type: 'repayment_carried_over' } });
    expect(event).toMatchObject({ toStatus: 'CLOSED', details: expect.objectContaining({ newPeriodEnd: '2099-06-30', proposedOre: 300_000 }) });
    expect(await letterText(c.id)).toContain('til aktiviteten frem til og med 30. juni 2099');
  });
});
