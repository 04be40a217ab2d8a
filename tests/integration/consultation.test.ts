import fs from 'node:fs';
import path from 'node:path';
import { formatDate, formatDeadline } from '../../locale';
import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { parsePdf } from '../support/pdf-text';
import { mailsFor, subjectOf, submitCase, updateRejection, waitForStatus, type SinkMessage, type SubmittedCase } from '../support/process';
import { claimUpdate, consultUpdate, decideUpdate, releaseUpdate, requestInformationUpdate } from '../../workflows/messages';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Partshøring (forvaltningsloven § 19) on the real stack: the caseworker sends the facts a
// decision would rest on, the association comments (or lets the deadline pass), and the decision
// letter says which. Letters and emails are kept in test-results/consultation/ to be looked at.

let stack: TestStack;
let caseworker: { email: string; headers: Record<string, string> };
const OUT = path.resolve(__dirname, '../../test-results/consultation');

beforeAll(async () => {
  stack = await startTestStack();
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
  fs.mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  await stack?.stop();
});

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;
const FACTS: { text: string; source: 'earlier_report' | 'register' }[] = [
  { text: 'Jeres rapport for tilskuddet i 2025 viser i gennemsnit 6 deltagere pr. gang, ikke de 40, I regner med.', source: 'earlier_report' },
  { text: 'Ifølge CVR-registret har foreningen ingen aktiviteter i kommunen.', source: 'register' },
];

async function eventTypes(applicationId: string): Promise<string[]> {
  const events = await stack.db.caseEvent.findMany({ where: { applicationId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  return events.map((event) => event.type);
}

/** The message's text with quoted-printable undone. */
function decoded(message: SinkMessage): string {
  return message.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})((?:=[0-9A-F]{2})*)/g, (all) => Buffer.from(all.replace(/=/g, ''), 'hex').toString('utf8'));
}

async function claimedCase(process: Record<string, unknown>): Promise<SubmittedCase & { contactEmail: string; applicant: Record<string, string> }> {
  const round = await createOpenRound(stack.db, { process });
  const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const { contactEmail } = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } });
  return { ...submitted, contactEmail, applicant: { authorization: `Bearer ${submitted.accessToken}` } };
}

async function storedLetter(applicationId: string, name: string): Promise<string> {
  const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId, kind: 'decision_letter' } });
  fs.writeFileSync(path.join(OUT, `${name}.pdf`), letter.content);
  return (await parsePdf(letter.content)).text.replace(/\s+/g, ' ');
}

describe('partshøring', () => {
  it('sent → the association comments → a partial grant whose letter says so, with the date of the comments', async () => {
    const submitted = await claimedCase({ answerDeadline: '1h', answerReminders: ['50m'] });
    const sent = await postJson(api(`/applications/${submitted.id}/consultations`), { facts: FACTS, message: 'Skriv til os, hvis tallene ikke passer.' }, caseworker.headers);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'AWAITING_COMMENTS', allowedActions: ['comment', 'withdraw'] });
    expect(sent.body.openConsultation.facts).toEqual(FACTS);
    // The deadline defaults to the round's answer deadline.
    const answerBy = Date.parse(sent.body.openConsultation.answerBy);
    expect(Math.abs(answerBy - (Date.parse(sent.body.openConsultation.sentAt) + 3_600_000))).toBeLessThan(1000);

    // No decision while the association may still comment.
    const tooEarly = await postJson(api(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' } }, caseworker.headers);
    expect(tooEarly.status).toBe(409);

    const [mail] = (await mailsFor(submitted.contactEmail, 2)).filter((m) => subjectOf(m).startsWith('Jeres bemærkninger'));
    expect(subjectOf(mail!)).toBe(`Jeres bemærkninger, før vi træffer afgørelse – ${submitted.reference}`);
    const body = decoded(mail!);
    fs.writeFileSync(path.join(OUT, 'consultation-email.eml'), body);
    expect(body).toContain('6 deltagere pr. gang');
    expect(body).toContain('(kilde: Rapport fra et tidligere tilskud)');
    expect(body).toContain('(kilde: Offentligt register, fx CVR)');
    expect(body).toContain(`Send jeres bemærkninger senest ${formatDeadline('da', new Date(answerBy))}`);
    expect(body).toMatch(new RegExp(`/sag/${submitted.id}\\?adgang=`));

    const view = await getJson(api(`/applications/${submitted.id}`), submitted.applicant);
    expect(view.body).toMatchObject({ status: 'AWAITING_COMMENTS', openConsultation: { sequence: 1, facts: FACTS } });
    const empty = await postJson(api(`/applications/${submitted.id}/consultation-comments`), { text: ' ' }, submitted.applicant);
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([{ path: 'text', message: 'Skriv jeres bemærkninger, eller vedhæft et dokument.' }]);
    const commented = await postJson(
      api(`/applications/${submitted.id}/consultation-comments`),
      { text: 'Tallet 6 er fra vinteren, hvor vi kun havde åbent om formiddagen. Nu kommer der 30-40.' },
      submitted.applicant,
    );
    expect(commented.status).toBe(202);
    const back = await waitForStatus(submitted.handle, 'IN_REVIEW');
    expect(back).toMatchObject({ assignee: caseworker.email, openConsultation: null });
    const consultation = await stack.db.consultation.findFirstOrThrow({ where: { applicationId: submitted.id } });
    expect(consultation).toMatchObject({ sequence: 1, requestedBy: caseworker.email, facts: FACTS, deadlinePassedAt: null, answer: { text: expect.stringContaining('Nu kommer der 30-40'), documentIds: [] } });
    const staffView = await getJson(api(`/applications/${submitted.id}`), caseworker.headers);
    expect(staffView.body.consultations).toHaveLength(1);

    const decided = await postJson(
      api(`/applications/${submitted.id}/decision`),
      { outcome: 'partially_approved', amountGranted: 8_000, reasons: { criteria: ['target_group'], text: 'Vi har lagt jeres bemærkninger om deltagertallet til grund, men regner med 30 deltagere.' }, conditions: [] },
      caseworker.headers,
    );
    expect(decided.status).toBe(200);
    await waitForStatus(submitted.handle, 'REPORT_DUE');
    const events = await eventually(async () => {
      const types = await eventTypes(submitted.id);
      return types.includes('report_due') ? types : undefined;
    }, 'the report_due event');
    expect(events).toEqual(['submitted', 'screening_started', 'queued', 'claimed', 'consultation_sent', 'consultation_answered', 'decided', 'payout_scheduled', 'report_due']);

    const letter = await storedLetter(submitted.id, 'letter-partial-after-comments');
    expect(letter).toContain(`Vi sendte jer den ${formatDate('da', consultation.sentAt)} de oplysninger, vi har lagt vægt på`);
    expect(letter).toContain('(partshøring, forvaltningslovens § 19)');
    expect(letter).toContain(`Vi modtog jeres bemærkninger den ${formatDate('da', consultation.answeredAt!)} og har inddraget dem i afgørelsen.`);
    await submitted.handle.terminate('test finished');
  });

  it('with no answer: a reminder, the deadline passes, and the refusal says no comments came by the deadline', async () => {
    const submitted = await claimedCase({ answerDeadline: '8s', answerReminders: ['4s'] });
    const sent = await postJson(api(`/applications/${submitted.id}/consultations`), { facts: [FACTS[0]], message: '' }, caseworker.headers);
    expect(sent.status).toBe(201);
    await waitForStatus(submitted.handle, 'IN_REVIEW', 30_000);
    const consultation = await stack.db.consultation.findFirstOrThrow({ where: { applicationId: submitted.id } });
    expect(consultation).toMatchObject({ remindersSent: 1, answeredAt: null, answer: null });
    expect(consultation.deadlinePassedAt!.getTime()).toBeGreaterThanOrEqual(consultation.answerBy.getTime());
    // The read model follows the workflow a moment later.
    const events = await eventually(async () => {
      const types = await eventTypes(submitted.id);
      return types.includes('consultation_deadline_passed') ? types : undefined;
    }, 'the deadline event');
    expect(events).toEqual(['submitted', 'screening_started', 'queued', 'claimed', 'consultation_sent', 'consultation_reminder_sent', 'consultation_deadline_passed']);
    const reminder = (await mailsFor(submitted.contactEmail, 3)).find((m) => subjectOf(m).startsWith('Påmindelse: jeres bemærkninger'));
    expect(reminder).toBeDefined();
    fs.writeFileSync(path.join(OUT, 'consultation-reminder-email.eml'), decoded(reminder!));
    // A deadline in seconds is no end of a day: the email gives its time too, never a whole day more.
    expect(decoded(reminder!)).toContain(`Fristen er ${formatDeadline('da', consultation.answerBy)}.`);
    expect(formatDeadline('da', consultation.answerBy)).toMatch(/ kl\. \d\d\.\d\d$/);

    const decided = await postJson(
      api(`/applications/${submitted.id}/decision`),
      { outcome: 'rejected', amountGranted: 0, reasons: { criteria: ['target_group'], text: 'Jeres rapport for 2025 viser 6 deltagere pr. gang; puljen prioriterer aktiviteter, der når flere.' }, conditions: [] },
      caseworker.headers,
    );
    expect(decided.status).toBe(200);
    expect(await submitted.handle.result()).toBe('DECIDED');
    await recordHistory(submitted.handle, 'consultation-deadline-passed-rejected');
    const letter = await storedLetter(submitted.id, 'letter-refusal-no-comments');
    expect(letter).toContain(`Vi sendte jer den ${formatDate('da', consultation.sentAt)} de oplysninger`);
    expect(letter).toContain(`I svarede ikke inden fristen den ${formatDeadline('da', consultation.answerBy)}.`);
    expect(letter).not.toContain('Vi modtog jeres bemærkninger');
  });

  it('refuses a partshøring without facts, with a past or far deadline, or in the wrong state: 4xx naming the field, nothing stored', async () => {
    const round = await createOpenRound(stack.db, { process: { answerDeadline: '1h', answerReminders: ['50m'] } });
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    const url = api(`/applications/${submitted.id}/consultations`);
    const unclaimed = await postJson(url, { facts: FACTS }, caseworker.headers);
    expect(unclaimed.status).toBe(409);
    expect(unclaimed.body.error.code).toBe('action_not_allowed');
    // An association cannot send a partshøring to itself: the route is for staff only.
    expect((await postJson(url, { facts: FACTS }, { authorization: `Bearer ${submitted.accessToken}` })).status).toBe(401);

    await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers);
    const issuesOf = async (body: unknown, lang = 'da') => {
      const response = await postJson(`${url}?lang=${lang}`, body, caseworker.headers);
      expect(response.status).toBe(400);
      return response.body.error.issues as { path: string; message: string }[];
    };
    expect(await issuesOf({ message: 'Hej' })).toEqual([{ path: 'facts', message: expect.stringContaining('Skriv mindst én oplysning') }]);
    expect(await issuesOf({ facts: [] })).toEqual([{ path: 'facts', message: expect.stringContaining('Skriv mindst én oplysning') }]);
    expect(await issuesOf({ facts: [] }, 'en')).toEqual([{ path: 'facts', message: expect.stringContaining('Write at least one fact') }]);
    expect(await issuesOf({ facts: [{ text: '  ' }] })).toEqual([{ path: 'facts.0.text', message: expect.stringContaining('Skriv oplysningen') }]);
    expect(await issuesOf({ facts: [{ text: 'x', source: 'rumour' }] })).toEqual([{ path: 'facts.0.source', message: expect.any(String) }]);
    expect(await issuesOf({ facts: FACTS, answerBy: 'i morgen' })).toEqual([{ path: 'answerBy', message: expect.stringContaining('Skriv svarfristen som en dato') }]);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect(await issuesOf({ facts: FACTS, answerBy: yesterday })).toEqual([{ path: 'answerBy', message: 'Svarfristen er allerede passeret. Vælg en senere dato.' }]);
    const tenWeeks = new Date(Date.now() + 70 * 86_400_000).toISOString();
    expect(await issuesOf({ facts: FACTS, answerBy: tenWeeks }, 'en')).toEqual([{ path: 'answerBy', message: 'The answer deadline can be at most 8 weeks ahead.' }]);

    expect(await stack.db.consultation.count({ where: { applicationId: submitted.id } })).toBe(0);
    expect(await eventTypes(submitted.id)).toEqual(['submitted', 'screening_started', 'queued', 'claimed']);
    expect((await getJson(api(`/applications/${submitted.id}`), caseworker.headers)).body.status).toBe('IN_REVIEW');
    const comments = await postJson(api(`/applications/${submitted.id}/consultation-comments`), { text: 'Ingen partshøring åben' }, { authorization: `Bearer ${submitted.accessToken}` });
    expect(comments.status).toBe(409);
    await submitted.handle.terminate('test finished');
  });

  it('while the case waits for comments no caseworker action is allowed, but the association can still withdraw', async () => {
    const submitted = await claimedCase({ answerDeadline: '1h', answerReminders: ['50m'] });
    expect((await postJson(api(`/applications/${submitted.id}/consultations`), { facts: [FACTS[1]] }, caseworker.headers)).status).toBe(201);
    const who = { caseworker: caseworker.email };
    const attempts = [
      submitted.handle.executeUpdate(claimUpdate, { args: [who] }),
      submitted.handle.executeUpdate(releaseUpdate, { args: [who] }),
      submitted.handle.executeUpdate(requestInformationUpdate, { args: [{ ...who, items: ['Budget'], message: '' }] }),
      submitted.handle.executeUpdate(consultUpdate, { args: [{ ...who, facts: [FACTS[0]!], message: '' }] }),
      submitted.handle.executeUpdate(decideUpdate, { args: [{ ...who, outcome: 'approved', amountGrantedOre: 1_200_000, reasons: { criteria: [], text: '' }, conditions: [] }] }),
    ];
    for (const attempt of attempts) expect(await updateRejection(attempt)).toMatchObject({ type: 'ActionNotAllowed', message: expect.stringContaining('AWAITING_COMMENTS') });
    expect(await stack.db.consultation.count({ where: { applicationId: submitted.id } })).toBe(1);
    expect((await postJson(api(`/applications/${submitted.id}/withdrawal`), { reason: 'Vi har fundet andre midler.' }, submitted.applicant)).status).toBe(202);
    expect(await submitted.handle.result()).toBe('WITHDRAWN');
    expect(await eventTypes(submitted.id)).toEqual(['submitted', 'screening_started', 'queued', 'claimed', 'consultation_sent', 'withdrawn']);
  });
});
