import crypto from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { retentionScheduleId } from '../../domain/workflow-ids';
import { RETENTION_KINDS } from '../../domain/retention';
import type { RetentionRunResult } from '../../workflows/retention';
import { prismaRunner, rebuildStatistics } from '../../services/api/stats/refresh';
import { checkNamespaceRetention, ensureRetentionSchedule } from '../../services/worker/retention-schedule';
import { setNamespaceRetention } from '../../infra/temporal-dev-server';
import type { Logger } from '../../lib/logger';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { randomCvr, signIn } from '../support/organisation';
import { submitCase, waitForStatus } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';
import { signedInStaff } from '../support/staff';
import { recordHistory } from '../support/histories';
import { spawnWorkerProcess } from '../support/worker-process';

jest.setTimeout(120_000);

const DAY = 24 * 3600 * 1000;
const YEAR = 365 * DAY;
const ago = (ms: number) => new Date(Date.now() - ms);
const hash = () => crypto.randomBytes(32).toString('hex');

// A retention run works on the whole database: in this file's own database it never anonymises or
// deletes what another test file is using at the same time.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function runRetention(history?: string): Promise<{ result: RetentionRunResult; runId: string }> {
  const workflowId = `retention-test-${crypto.randomUUID()}`;
  const handle = await stack.temporal.workflow.start('retentionRun', { taskQueue: stack.config.TEMPORAL_TASK_QUEUE, workflowId, args: [] });
  const result = (await handle.result()) as RetentionRunResult;
  if (history) await recordHistory(handle, history);
  return { result, runId: `${workflowId}/${handle.firstExecutionRunId}` };
}

const countOf = (result: RetentionRunResult, kind: string) => result.counts.find((entry) => entry.kind === kind)!.count;

/** The statistics facts of the cases, without the refresh's bookkeeping. */
async function factsOf(ids: string[]) {
  return stack.db.statsCaseFacts.findMany({ where: { applicationId: { in: ids } }, orderBy: { applicationId: 'asc' } });
}

async function rollupOf(roundId: string) {
  return stack.db.statsRollup.findMany({ where: { roundId }, orderBy: [{ grain: 'asc' }, { periodStart: 'asc' }, { metric: 'asc' }, { key: 'asc' }, { bucket: 'asc' }] });
}

/** A case that was granted, paid and closed `closedAgo` ago, with its events, payout and an email. */
async function insertClosedGrantedCase(roundId: string, closedAgo: number) {
  const id = crypto.randomUUID();
  const at = (extra: number) => ago(closedAgo + extra);
  await stack.db.application.create({
    data: {
      id, roundId, status: 'CLOSED', organizationCvr: '13748136', organizationName: 'Foreningen Fælles Bord', organizationEmail: 'kasserer@faellesbord.dk',
      contactName: 'Inge Hansen', contactEmail: 'inge@faellesbord.dk', projectTitle: 'Fællesspisning', projectPurpose: 'Et ugentligt måltid mod ensomhed',
      targetGroup: 'lonely', isNewActivity: true, volunteers: 8, expectedParticipants: 40, startDate: at(200 * DAY), endDate: at(30 * DAY),
      amountRequestedOre: 1_200_000n, amountGrantedOre: 1_000_000n, submission: { contact: { name: 'Inge Hansen', email: 'inge@faellesbord.dk' }, project: { targetGroup: 'lonely', volunteers: 8 } },
      workflowId: `grant-application-${id}`, workflowStartedAt: at(300 * DAY), submittedAt: at(300 * DAY),
    },
  });
  const events: [string, string | null, string, number, object][] = [
    ['submitted', null, 'SUBMITTED', 300, {}],
    ['queued', 'SUBMITTED', 'IN_QUEUE', 299, {}],
    ['decided', 'IN_QUEUE', 'DECIDED', 280, { sequence: 1, outcome: 'partially_approved' }],
    ['paid', 'DECIDED', 'PAID', 270, {}],
    ['closed', 'PAID', 'CLOSED', 0, { note: 'Afsluttet efter samtale med Inge Hansen' }],
  ];
  for (const [type, from, to, daysBefore, details] of events) {
    await stack.db.caseEvent.create({
      data: { eventKey: `${id}:${type}`, applicationId: id, type, fromStatus: from as never, toStatus: to as never, actor: 'system', occurredAt: at(daysBefore * DAY), details },
    });
  }
  await stack.db.decision.create({
    data: { applicationId: id, sequence: 1, outcome: 'partially_approved', amountGrantedOre: 1_000_000n, reasons: { criteria: ['budget_share'], text: 'Budgettet er for højt.' }, decidedBy: 'karen@eksempel.dk', decidedAt: at(280 * DAY), needsApproval: false },
  });
  await stack.db.payout.create({ data: { payoutKey: `payout:${id}`, applicationId: id, amountOre: 1_000_000n, cvr: '13748136', scheduledFor: at(275 * DAY), registeredAt: at(275 * DAY) } });
  await stack.db.outboxEmail.create({
    data: { messageKey: `${id}:decision:1`, applicationId: id, kind: 'decision', recipient: 'inge@faellesbord.dk', subject: 'Afgørelse', text: 'Kære Inge', html: '<p>Kære Inge</p>', status: 'sent', sentAt: at(280 * DAY) },
  });
  await stack.db.document.create({
    data: { documentKey: `${id}:statutes`, applicationId: id, kind: 'statutes', filename: 'vedtaegter.pdf', contentType: 'application/pdf', size: 3, sha256: hash(), content: Buffer.from('pdf') },
  });
  return id;
}

/** An open case of the organisation `number`, sent `sentAgo` ago: retention leaves it alone. */
async function insertOpenCase(roundId: string, number: string, sentAgo: number, contact: { name: string; email: string }) {
  const id = crypto.randomUUID();
  const organization = { cvr: number, name: `Forening ${number}`, email: `kasse-${number}@forening.example.dk`, address: 'Gammel Vej 2, 9991 Eksempelby' };
  await stack.db.application.create({
    data: {
      id, roundId, status: 'IN_QUEUE', organizationCvr: number, organizationName: organization.name, organizationEmail: organization.email,
      contactName: contact.name, contactEmail: contact.email, projectTitle: 'Strikkecafé', projectPurpose: 'Hver tirsdag',
      targetGroup: 'lonely', isNewActivity: true, volunteers: 3, expectedParticipants: 12, startDate: ago(sentAgo - 30 * DAY), endDate: ago(sentAgo - 200 * DAY),
      amountRequestedOre: 300_000n, submission: { organization, contact, project: { targetGroup: 'lonely', volunteers: 3 } },
      workflowId: `grant-application-${id}`, workflowStartedAt: ago(sentAgo), submittedAt: ago(sentAgo), createdAt: ago(sentAgo),
    },
  });
  return id;
}

describe('retention run', () => {
  test('deletes or anonymises what has expired, keeps the rest and the statistics, and a second run changes nothing', async () => {
    const round = await createOpenRound(stack.db);

    // A case withdrawn by the association (real process, receipt email, private link), four years ago.
    const withdrawn = await submitCase(stack, round.id);
    await waitForStatus(withdrawn.handle, 'IN_QUEUE');
    const applicant = { authorization: `Bearer ${withdrawn.accessToken}` };
    expect((await postJson(`${stack.baseUrl}/api/v1/applications/${withdrawn.id}/withdrawal`, { reason: 'Inge Hansen er flyttet.' }, applicant)).status).toBe(202);
    await waitForStatus(withdrawn.handle, 'WITHDRAWN');
    await withdrawn.handle.result();
    await eventually(async () => ((await stack.db.outboxEmail.count({ where: { applicationId: withdrawn.id, status: 'sent' } })) >= 1 ? true : undefined), 'the receipt sent');
    await stack.db.document.create({
      data: { documentKey: `${withdrawn.id}:budget`, applicationId: withdrawn.id, kind: 'budget', filename: 'budget.pdf', contentType: 'application/pdf', size: 3, sha256: hash(), content: Buffer.from('pdf') },
    });
    const staff = await stack.db.staffUser.create({ data: { email: `karen+${crypto.randomUUID().slice(0, 8)}@eksempel.dk`, name: 'Karen', roles: ['caseworker'] } });
    await stack.db.caseNote.create({ data: { applicationId: withdrawn.id, authorId: staff.id, authorName: 'Karen', text: 'Talte med Inge i telefon' } });
    await stack.db.$executeRawUnsafe(`UPDATE case_events SET occurred_at = occurred_at - interval '4 years' WHERE application_id = $1::uuid`, withdrawn.id);

    // A granted case closed seven years ago; an open case whose events are just as old.
    const granted = await insertClosedGrantedCase(round.id, 7 * YEAR);
    const open = await submitCase(stack, round.id);
    await waitForStatus(open.handle, 'IN_QUEUE');
    await stack.db.$executeRawUnsafe(`UPDATE case_events SET occurred_at = occurred_at - interval '10 years' WHERE application_id = $1::uuid`, open.id);
    const revokedLink = await stack.db.accessToken.create({ data: { tokenHash: hash(), applicationId: open.id, purpose: 'new_link', revokedAt: ago(2 * DAY) } });

    // A case that lapsed two years ago: not yet due for anonymising, but its link expired a year
    // after it closed (PRIVATE_LINK_TTL, P1Y); a link asked for last month still works.
    const lapsed = await insertClosedGrantedCase(round.id, 2 * YEAR);
    await stack.db.$executeRawUnsafe(`UPDATE applications SET status = 'LAPSED' WHERE id = $1::uuid`, lapsed);
    await stack.db.$executeRawUnsafe(`UPDATE case_events SET to_status = 'LAPSED', type = 'lapsed' WHERE event_key = $1`, `${lapsed}:closed`);
    await stack.db.payout.deleteMany({ where: { applicationId: lapsed } });
    const expiredLink = await stack.db.accessToken.create({ data: { tokenHash: hash(), applicationId: lapsed, purpose: 'receipt', createdAt: ago(2 * YEAR + 300 * DAY) } });
    const recentLink = await stack.db.accessToken.create({ data: { tokenHash: hash(), applicationId: lapsed, purpose: 'new_link', createdAt: ago(30 * DAY) } });

    // Drafts: one left 100 days ago with an upload, one changed today.
    const oldDraft = await stack.db.applicationDraft.create({
      data: { tokenHash: hash(), roundId: round.id, data: { contact: { name: 'Ole Olsen', email: 'ole@example.dk' } }, currentStep: 'project', furthestStep: 'budget', stepSeconds: { organization: 60, project: 120 }, resumeEmail: 'ole@example.dk' },
    });
    await stack.db.document.create({
      data: { documentKey: `${oldDraft.id}:statutes`, draftId: oldDraft.id, kind: 'statutes', filename: 'ole.pdf', contentType: 'application/pdf', size: 3, sha256: hash(), content: Buffer.from('pdf') },
    });
    await stack.db.$executeRawUnsafe(`UPDATE application_drafts SET created_at = now() - interval '120 days', updated_at = now() - interval '100 days' WHERE id = $1::uuid`, oldDraft.id);
    const youngDraft = await stack.db.applicationDraft.create({
      data: { tokenHash: hash(), roundId: round.id, data: { contact: { name: 'Mia' } }, currentStep: 'organization', furthestStep: 'organization', resumeEmail: 'mia@example.dk' },
    });

    // Staff sessions, sign-in attempts, sent emails, rate limits, logs and a payout run, old and new.
    const endedSession = await stack.db.staffSession.create({ data: { tokenHash: hash(), userId: staff.id, createdAt: ago(3 * DAY), lastSeenAt: ago(3 * DAY), expiresAt: ago(3 * DAY) } });
    const liveSession = await stack.db.staffSession.create({ data: { tokenHash: hash(), userId: staff.id, lastSeenAt: new Date(), expiresAt: new Date(Date.now() + 3600_000) } });
    const oldAttempt = await stack.db.staffLoginAttempt.create({ data: { email: 'someone@eksempel.dk', ip: '10.0.0.1', success: false, at: ago(100 * DAY) } });
    const newAttempt = await stack.db.staffLoginAttempt.create({ data: { email: 'someone@eksempel.dk', ip: '10.0.0.1', success: false } });
    const oldMail = await stack.db.outboxEmail.create({ data: { messageKey: `draft:${oldDraft.id}:resume`, kind: 'draft_resume', recipient: 'ole@example.dk', subject: 'Din kladde', text: 'Hej Ole', html: '<p>Hej Ole</p>', status: 'sent', sentAt: ago(40 * DAY) } });
    const newMail = await stack.db.outboxEmail.create({ data: { messageKey: `draft:${youngDraft.id}:resume`, kind: 'draft_resume', recipient: 'mia@example.dk', subject: 'Din kladde', text: 'Hej Mia', html: '<p>Hej Mia</p>', status: 'sent', sentAt: ago(DAY) } });
    await stack.db.rateLimit.create({ data: { key: `retention-old-${crypto.randomUUID()}`, points: 3, expire: BigInt(ago(2 * DAY).getTime()) } });
    const liveLimit = await stack.db.rateLimit.create({ data: { key: `retention-live-${crypto.randomUUID()}`, points: 3, expire: BigInt(Date.now() + 3600_000) } });
    const oldView = await stack.db.staffAccessLog.create({ data: { staffUserId: staff.id, staffEmail: staff.email, applicationId: open.id, purpose: 'case_page', at: ago(6 * YEAR) } });
    const newView = await stack.db.staffAccessLog.create({ data: { staffUserId: staff.id, staffEmail: staff.email, applicationId: open.id, purpose: 'case_page' } });
    const oldAudit = await stack.db.staffAuditLog.create({ data: { staffEmail: staff.email, action: 'note', details: { text: 'x' }, at: ago(6 * YEAR) } });
    const oldRun = await stack.db.payoutRun.create({ data: { createdBy: staff.email, csv: 'cvr;navn;beløb\n13748136;Foreningen Fælles Bord;10000', totalOre: 1_000_000n, createdAt: ago(7 * YEAR) } });
    const newRun = await stack.db.payoutRun.create({ data: { createdBy: staff.email, csv: 'cvr;navn;beløb', totalOre: 0n } });

    // An association's sign-in: links used up, expired and live; member sessions ended and live; its membership log.
    const association = await stack.db.organisation.create({ data: { number: '13748136', name: 'Foreningen Fælles Bord' } });
    const member = await stack.db.organisationMember.create({ data: { organisationId: association.id, email: 'inge@faellesbord.dk', role: 'admin' } });
    const signInLink = (data: { createdAt: Date; expiresAt: Date; usedAt?: Date }) =>
      stack.db.organisationSignInToken.create({ data: { tokenHash: hash(), organisationNumber: association.number, email: member.email, ...data } });
    const usedSignInLink = await signInLink({ createdAt: ago(3 * DAY), expiresAt: ago(3 * DAY - 20 * 60_000), usedAt: ago(3 * DAY - 60_000) });
    const expiredSignInLink = await signInLink({ createdAt: ago(2 * DAY), expiresAt: ago(2 * DAY - 20 * 60_000) });
    const liveSignInLink = await signInLink({ createdAt: ago(60_000), expiresAt: new Date(Date.now() + 19 * 60_000) });
    const endedMemberSession = await stack.db.organisationSession.create({ data: { tokenHash: hash(), memberId: member.id, createdAt: ago(3 * DAY), expiresAt: ago(2 * DAY) } });
    const liveMemberSession = await stack.db.organisationSession.create({ data: { tokenHash: hash(), memberId: member.id, expiresAt: new Date(Date.now() + 12 * 3600_000) } });
    const oldMembershipChange = await stack.db.organisationEvent.create({ data: { organisationId: association.id, type: 'member_invited', actor: member.email, subject: 'ole@faellesbord.dk', occurredAt: ago(6 * YEAR) } });
    const newMembershipChange = await stack.db.organisationEvent.create({ data: { organisationId: association.id, type: 'first_member', actor: member.email, subject: member.email } });
    // A member's sign-ins are kept as long as staff sign-in attempts (RETENTION_LOGIN_ATTEMPTS, 90 days).
    const oldSignIn = await stack.db.organisationEvent.create({ data: { organisationId: association.id, type: 'signed_in', actor: member.email, subject: member.email, method: 'oidc', occurredAt: ago(100 * DAY) } });
    const newSignIn = await stack.db.organisationEvent.create({ data: { organisationId: association.id, type: 'signed_in', actor: member.email, subject: member.email, method: 'email', occurredAt: ago(80 * DAY) } });

    // Documents organisations keep (RETENTION_ORGANISATION_DOCUMENTS, P1Y): statutes replaced two
    // years ago go, those replaced last month and the current ones stay; an organisation with no
    // members and no application loses its documents, while a case's copy of one stays the case's.
    const keptDocument = (organisationId: string, replacedAt: Date | null) =>
      stack.db.organisationDocument.create({ data: { organisationId, kind: 'statutes', filename: 'vedtaegter.pdf', contentType: 'application/pdf', size: 3, sha256: hash(), content: Buffer.from('pdf'), uploadedBy: member.email, replacedAt } });
    const longReplaced = await keptDocument(association.id, ago(2 * YEAR));
    const recentlyReplaced = await keptDocument(association.id, ago(30 * DAY));
    const currentStatutes = await keptDocument(association.id, null);
    const dormant = await stack.db.organisation.create({ data: { number: '29190003', name: 'Den sovende forening' } });
    const dormantStatutes = await keptDocument(dormant.id, null);
    const caseCopy = await stack.db.document.create({
      data: { documentKey: `${open.id}:statutes:copy`, applicationId: open.id, kind: 'statutes', filename: 'vedtaegter.pdf', contentType: 'application/pdf', size: 3, sha256: hash(), content: Buffer.from('pdf'), fromOrganisationDocumentId: dormantStatutes.id },
    });

    // Profiles (RETENTION_ORGANISATION_DOCUMENTS, P1Y, the same line as the documents): the
    // member's association keeps its own; of the organisations without members, the dormant one
    // and the one whose last application and draft are two years old lose theirs, while one that
    // applied last month and one with a draft changed last week keep theirs and their documents.
    const profile = (organisationId: string, name: string) =>
      stack.db.organisationProfile.create({ data: { organisationId, name, email: 'kasse@forening.example.dk', contactName: 'Bente Berg', contactEmail: 'bente@forening.example.dk', contactPhone: '+45 12 34 56 78' } });
    const draftFor = async (number: string, changedAgo: number) => {
      const draft = await stack.db.applicationDraft.create({
        data: { tokenHash: hash(), roundId: round.id, data: { answers: { organization: { cvr: number, name: `Forening ${number}` } } }, currentStep: 'project', furthestStep: 'project' },
      });
      await stack.db.$executeRawUnsafe(`UPDATE application_drafts SET created_at = $2, updated_at = $2 WHERE id = $1::uuid`, draft.id, ago(changedAgo));
    };
    const associationProfile = await profile(association.id, association.name);
    const dormantProfile = await profile(dormant.id, dormant.name);
    const former = await stack.db.organisation.create({ data: { number: randomCvr(), name: 'Den tidligere ansøger' } });
    const formerContact = { name: 'Ulla Berg', email: `ulla-${crypto.randomUUID().slice(0, 8)}@forening.example.dk` };
    await insertOpenCase(round.id, former.number, 2 * YEAR, formerContact);
    await draftFor(former.number, 2 * YEAR);
    const formerProfile = await profile(former.id, former.name);
    const recent = await stack.db.organisation.create({ data: { number: randomCvr(), name: 'Den nye ansøger' } });
    await insertOpenCase(round.id, recent.number, 30 * DAY, { name: 'Per Holm', email: 'per@forening.example.dk' });
    const recentProfile = await profile(recent.id, recent.name);
    const recentStatutes = await keptDocument(recent.id, null);
    const drafting = await stack.db.organisation.create({ data: { number: randomCvr(), name: 'Den skrivende forening' } });
    await draftFor(drafting.number, 7 * DAY);
    const draftingProfile = await profile(drafting.id, drafting.name);
    const draftingStatutes = await keptDocument(drafting.id, null);

    // The statistics as every table says before the run, recomputed from scratch.
    await rebuildStatistics(prismaRunner(stack.db));
    const caseIds = [withdrawn.id, granted, open.id];
    const factsBefore = await factsOf(caseIds);
    const rollupBefore = await rollupOf(round.id);
    expect(factsBefore).toHaveLength(3);

    const first = await runRetention('retention-run.organisation-profile-retention');
    expect(countOf(first.result, 'case_refused')).toBeGreaterThanOrEqual(1);
    expect(countOf(first.result, 'case_granted')).toBeGreaterThanOrEqual(1);
    expect(countOf(first.result, 'draft')).toBeGreaterThanOrEqual(1);

    // The withdrawn case: contact data, answers, uploads, notes, emails and links gone; its events stay.
    const withdrawnAfter = await stack.db.application.findUniqueOrThrow({ where: { id: withdrawn.id } });
    expect(withdrawnAfter).toMatchObject({ contactName: '', contactEmail: '', organizationEmail: '', projectPurpose: '', status: 'WITHDRAWN', organizationCvr: '13748136' });
    expect(withdrawnAfter.anonymisedAt).not.toBeNull();
    expect(JSON.stringify(withdrawnAfter.submission)).not.toMatch(/Inge|faellesbord|ensomheden/);
    expect(await stack.db.document.count({ where: { applicationId: withdrawn.id } })).toBe(0);
    expect(await stack.db.caseNote.count({ where: { applicationId: withdrawn.id } })).toBe(0);
    expect(await stack.db.accessToken.count({ where: { applicationId: withdrawn.id } })).toBe(0);
    const withdrawnMails = await stack.db.outboxEmail.findMany({ where: { applicationId: withdrawn.id } });
    expect(withdrawnMails.length).toBeGreaterThanOrEqual(1);
    for (const mail of withdrawnMails) expect(mail).toMatchObject({ recipient: '', text: '', html: '', subject: '' });
    const events = await stack.db.caseEvent.findMany({ where: { applicationId: withdrawn.id } });
    expect(events.map((event) => event.type)).toContain('withdrawn');
    expect(JSON.stringify(events.map((event) => event.details))).not.toMatch(/Inge/);

    // The granted case: anonymised, its payout and decision kept for the accounts.
    const grantedAfter = await stack.db.application.findUniqueOrThrow({ where: { id: granted }, include: { payouts: true, decisions: true, documents: true } });
    expect(grantedAfter).toMatchObject({ contactName: '', contactEmail: '' });
    expect(grantedAfter.payouts).toHaveLength(1);
    expect(grantedAfter.decisions[0]!.amountGrantedOre).toBe(1_000_000n);
    expect(grantedAfter.documents).toHaveLength(0);

    // The open case is untouched, however old its events; only its revoked link went.
    const openAfter = await stack.db.application.findUniqueOrThrow({ where: { id: open.id } });
    expect(openAfter).toMatchObject({ contactName: 'Inge Hansen', anonymisedAt: null });
    expect(await stack.db.accessToken.findUnique({ where: { tokenHash: revokedLink.tokenHash } })).toBeNull();
    expect(await stack.db.accessToken.count({ where: { applicationId: open.id } })).toBeGreaterThanOrEqual(1);

    // The lapsed case keeps its data; only its expired link went.
    expect(await stack.db.application.findUniqueOrThrow({ where: { id: lapsed } })).toMatchObject({ contactName: 'Inge Hansen', anonymisedAt: null });
    expect(await stack.db.accessToken.findUnique({ where: { tokenHash: expiredLink.tokenHash } })).toBeNull();
    expect(await stack.db.accessToken.findUnique({ where: { tokenHash: recentLink.tokenHash } })).not.toBeNull();

    // Drafts: the old one keeps only its step and seconds; the young one is untouched.
    const oldDraftAfter = await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: oldDraft.id } });
    expect(oldDraftAfter).toMatchObject({ data: {}, resumeEmail: null, furthestStep: 'budget', stepSeconds: { organization: 60, project: 120 } });
    expect(oldDraftAfter.tokenHash).not.toBe(oldDraft.tokenHash);
    expect(await stack.db.document.count({ where: { draftId: oldDraft.id } })).toBe(0);
    expect(await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: youngDraft.id } })).toMatchObject({ resumeEmail: 'mia@example.dk', anonymisedAt: null });

    // Sessions, attempts, emails, rate limits, logs, payout runs.
    expect(await stack.db.staffSession.findUnique({ where: { tokenHash: endedSession.tokenHash } })).toBeNull();
    expect(await stack.db.staffSession.findUnique({ where: { tokenHash: liveSession.tokenHash } })).not.toBeNull();
    expect(await stack.db.staffLoginAttempt.findUnique({ where: { id: oldAttempt.id } })).toBeNull();
    expect(await stack.db.staffLoginAttempt.findUnique({ where: { id: newAttempt.id } })).not.toBeNull();
    expect(await stack.db.outboxEmail.findUniqueOrThrow({ where: { id: oldMail.id } })).toMatchObject({ recipient: '', text: '', html: '', status: 'sent', kind: 'draft_resume' });
    expect(await stack.db.outboxEmail.findUniqueOrThrow({ where: { id: newMail.id } })).toMatchObject({ recipient: 'mia@example.dk' });
    expect(await stack.db.rateLimit.count({ where: { key: { startsWith: 'retention-old-' } } })).toBe(0);
    expect(await stack.db.rateLimit.findUnique({ where: { key: liveLimit.key } })).not.toBeNull();
    expect(await stack.db.staffAccessLog.findUnique({ where: { id: oldView.id } })).toBeNull();
    expect(await stack.db.staffAccessLog.findUnique({ where: { id: newView.id } })).not.toBeNull();
    expect(await stack.db.staffAuditLog.findUnique({ where: { id: oldAudit.id } })).toBeNull();
    expect((await stack.db.payoutRun.findUniqueOrThrow({ where: { id: oldRun.id } })).csv).toBe('');
    expect((await stack.db.payoutRun.findUniqueOrThrow({ where: { id: newRun.id } })).csv).not.toBe('');

    // The association's sign-in: what ended went, what still works stays, and so does the member.
    expect(countOf(first.result, 'organisation_sign_in_link')).toBe(2);
    expect(await stack.db.organisationSignInToken.findUnique({ where: { tokenHash: usedSignInLink.tokenHash } })).toBeNull();
    expect(await stack.db.organisationSignInToken.findUnique({ where: { tokenHash: expiredSignInLink.tokenHash } })).toBeNull();
    expect(await stack.db.organisationSignInToken.findUnique({ where: { tokenHash: liveSignInLink.tokenHash } })).not.toBeNull();
    expect(await stack.db.organisationSession.findUnique({ where: { tokenHash: endedMemberSession.tokenHash } })).toBeNull();
    expect(await stack.db.organisationSession.findUnique({ where: { tokenHash: liveMemberSession.tokenHash } })).not.toBeNull();
    expect(await stack.db.organisationEvent.findUnique({ where: { id: oldMembershipChange.id } })).toBeNull();
    expect(await stack.db.organisationEvent.findUnique({ where: { id: newMembershipChange.id } })).not.toBeNull();
    expect(await stack.db.organisationEvent.findUnique({ where: { id: oldSignIn.id } })).toBeNull();
    expect(await stack.db.organisationEvent.findUnique({ where: { id: newSignIn.id } })).not.toBeNull();
    expect(await stack.db.organisationMember.findUnique({ where: { id: member.id } })).not.toBeNull();

    // The kept documents: the long-replaced version and the dormant organisation's went; the case's copy stays.
    expect(countOf(first.result, 'organisation_document')).toBe(2);
    expect(await stack.db.organisationDocument.findUnique({ where: { id: longReplaced.id } })).toBeNull();
    expect(await stack.db.organisationDocument.findUnique({ where: { id: dormantStatutes.id } })).toBeNull();
    expect(await stack.db.organisationDocument.findUnique({ where: { id: recentlyReplaced.id } })).not.toBeNull();
    expect(await stack.db.organisationDocument.findUnique({ where: { id: currentStatutes.id } })).not.toBeNull();
    expect(await stack.db.document.findUnique({ where: { id: caseCopy.id } })).not.toBeNull();
    expect(await stack.db.organisationDocument.findUnique({ where: { id: recentStatutes.id } })).not.toBeNull();
    expect(await stack.db.organisationDocument.findUnique({ where: { id: draftingStatutes.id } })).not.toBeNull();

    // The profiles of the organisations that no longer apply went; the others stay as they were.
    expect(countOf(first.result, 'organisation_profile')).toBe(2);
    const profileOf = (organisationId: string) => stack.db.organisationProfile.findUnique({ where: { organisationId } });
    expect(await profileOf(dormantProfile.organisationId)).toBeNull();
    expect(await profileOf(formerProfile.organisationId)).toBeNull();
    for (const kept of [associationProfile, recentProfile, draftingProfile]) expect(await profileOf(kept.organisationId)).toEqual(kept);
    expect(await stack.db.organisation.count({ where: { id: { in: [dormant.id, former.id] } } })).toBe(2);

    // Someone the former applicant named signs in again later: its first member, whose profile
    // page works and starts afresh from the last application.
    const cookie = await signIn(stack.baseUrl, former.number, formerContact.email);
    const profilePage = await fetch(`${stack.baseUrl}/forening/profil`, { headers: { cookie } });
    expect(profilePage.status).toBe(200);
    expect(await profilePage.text()).toContain(formerContact.email);
    expect(await profileOf(former.id)).toMatchObject({ name: `Forening ${former.number}`, contactName: formerContact.name, contactEmail: formerContact.email });
    for (const page of ['/forening', '/forening/medlemmer', '/forening/dokumenter']) {
      expect((await fetch(`${stack.baseUrl}${page}`, { headers: { cookie } })).status).toBe(200);
    }

    // Staff still open the anonymised cases (their history and figures), without the personal data.
    const caseworker = await signedInStaff(stack, ['caseworker']);
    for (const id of [withdrawn.id, granted]) {
      const page = await fetch(`${stack.baseUrl}/personale/sager/${id}`, { headers: caseworker.headers });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html.match(/.{0,160}(\bInge\b|faellesbord\.dk).{0,80}/g) ?? []).toEqual([]);
      expect((await fetch(`${stack.baseUrl}/api/v1/applications/${id}`, { headers: caseworker.headers })).status).toBe(200);
    }

    // The statistics, recomputed from scratch from what is left, are the same.
    await rebuildStatistics(prismaRunner(stack.db));
    expect(await factsOf(caseIds)).toEqual(factsBefore);
    expect(await rollupOf(round.id)).toEqual(rollupBefore);

    // Every step logged its count; /metrics adds them up.
    const logged = await stack.db.retentionLog.findMany({ where: { runId: first.runId } });
    expect(new Set(logged.map((row) => row.kind)).size).toBe(first.result.counts.length);
    const metrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    const metricValue = (kind: string, action: string) => Number(new RegExp(`^grantflow_retention_rows_total\\{kind="${kind}",action="${action}"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
    expect(metricValue('case_refused', 'anonymise')).toBeGreaterThanOrEqual(countOf(first.result, 'case_refused'));
    expect(metricValue('login_attempt', 'delete')).toBeGreaterThanOrEqual(1);

    // A second run finds nothing more to do, and counts zero.
    const second = await runRetention();
    expect(second.result.counts.every((entry) => entry.count === 0)).toBe(true);
    const loggedAgain = await stack.db.retentionLog.findMany({ where: { runId: second.runId } });
    expect(loggedAgain.length).toBeGreaterThan(0);
    expect(loggedAgain.every((row) => row.count === 0)).toBe(true);
    expect(await stack.db.application.findUniqueOrThrow({ where: { id: withdrawn.id } })).toEqual(withdrawnAfter);
  });
});

describe('retention schedule', () => {
  test('the worker creates it at start-up: the retention run, on its task queue, never two at once; triggered, it runs and logs each step', async () => {
    const taskQueue = `test-${crypto.randomUUID()}`;
    const worker = spawnWorkerProcess({
      name: 'worker (retention schedule)',
      env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'info', NODE_ENV: 'test', WORKER_METRICS_PORT: '0', RETENTION_SCHEDULE: '30 2 * * *' },
    });
    const handle = stack.temporal.schedule.getHandle(retentionScheduleId(taskQueue));
    try {
      await worker.ready;
      const described = await handle.describe();
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'retentionRun', taskQueue });
      expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
      expect(described.spec.calendars?.length ?? 0).toBeGreaterThan(0);

      // Triggered, the schedule starts the retention run on that worker; each step logs its count.
      await handle.trigger();
      const steps = await eventually(async () => {
        const lines = worker.output.filter((line) => line.includes('"msg":"retention step"'));
        return lines.length >= RETENTION_KINDS.length ? lines.map((line) => JSON.parse(line) as Record<string, unknown>) : undefined;
      }, 'a retention step logged for every kind', 60_000);
      expect(new Set(steps.map((step) => step.kind))).toEqual(new Set(RETENTION_KINDS));
      for (const step of steps) {
        expect(step).toMatchObject({ kind: expect.any(String), action: expect.stringMatching(/^(delete|anonymise)$/), count: expect.any(Number) });
        // Counts, never what was removed.
        expect(JSON.stringify(step)).not.toMatch(/@|Inge|Ole/);
      }

      // Start-up again (another replica, a restart): the same schedule, brought in line.
      expect(await ensureRetentionSchedule(stack.temporal, { TEMPORAL_TASK_QUEUE: taskQueue, RETENTION_SCHEDULE: 'PT6H', MUNICIPALITY_TIME_ZONE: 'Europe/Copenhagen' })).toBe('updated');
      expect((await handle.describe()).spec.intervals).toMatchObject([{ every: 6 * 3600 * 1000 }]);
    } finally {
      await worker.stop();
      await handle.delete().catch(() => undefined);
    }
  });

  test('the namespace keeps closed workflows as long as TEMPORAL_NAMESPACE_RETENTION says; a worker warns when it keeps them longer', async () => {
    const namespace = stack.config.TEMPORAL_NAMESPACE;
    await setNamespaceRetention(stack.config.TEMPORAL_ADDRESS, namespace, 30 * DAY);
    const described = await stack.temporal.workflowService.describeNamespace({ namespace });
    expect(Number(described.config?.workflowExecutionRetentionTtl?.seconds)).toBe(30 * 24 * 3600);
    const warnings: string[] = [];
    const log = { warn: (_fields: object, message: string) => warnings.push(message) } as unknown as Logger;
    await checkNamespaceRetention(stack.temporal, { TEMPORAL_NAMESPACE: namespace, TEMPORAL_NAMESPACE_RETENTION: 'P30D' }, log);
    expect(warnings).toEqual([]);
    await checkNamespaceRetention(stack.temporal, { TEMPORAL_NAMESPACE: namespace, TEMPORAL_NAMESPACE_RETENTION: 'P7D' }, log);
    expect(warnings).toEqual([expect.stringMatching(/TEMPORAL_NAMESPACE_RETENTION/)]);
  });
});
