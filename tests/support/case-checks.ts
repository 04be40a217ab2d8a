// What a case driven from submission to its end state must leave behind, shared by the fault test
// (worker kills on the dev server) and the chaos suite (the cluster under many faults): exactly one
// receipt, one decision email, one letter, the right payouts and each transition once. The chaos
// suite drives its grants on through the follow-up report (`throughReport`): then each also has
// exactly one payment email, one accepted report with its email, and ends CLOSED.
import type { Database } from '../../lib/db';
import { subjectOf } from './process';
import { messageIdOf, type ReceivedMail } from './smtp-sink';

export type Plan = 'approved' | 'four_eyes' | 'rejected';

export const CASEWORKER = 'karen@eksempel.dk';
export const APPROVER = 'leder@eksempel.dk';
/** Above this (kroner) a decision needs a second signature; the round's own setting for these tests. */
export const FOUR_EYES_THRESHOLD = 20_000;

/** Every fifth case is rejected, every fifth (other) needs the approver's signature, the rest are approved. */
export function planFor(index: number): Plan {
  if (index % 5 === 0) return 'rejected';
  if (index % 5 === 1) return 'four_eyes';
  return 'approved';
}

export function amountFor(plan: Plan, index: number): number {
  return plan === 'four_eyes' ? 30_000 + index * 10 : 10_000 + index * 10;
}

export const EXPECTED_EVENTS: Record<Plan, string[]> = {
  approved: ['submitted', 'screening_started', 'queued', 'claimed', 'decided', 'payout_scheduled', 'report_due'],
  four_eyes: ['submitted', 'screening_started', 'queued', 'claimed', 'decision_proposed', 'decision_approved', 'payout_scheduled', 'report_due'],
  rejected: ['submitted', 'screening_started', 'queued', 'claimed', 'decided'],
};

/** What follows for a grant driven through its report: finance confirms the payout, the association reports, the caseworker accepts it. */
export const REPORT_EVENTS = ['paid', 'report_submitted', 'report_accepted'];

export function expectedEvents(plan: Plan, throughReport = false): string[] {
  return throughReport && plan !== 'rejected' ? [...EXPECTED_EVENTS[plan], ...REPORT_EVENTS] : EXPECTED_EVENTS[plan];
}

export function expectedEndState(plan: Plan, throughReport = false): string {
  if (plan === 'rejected') return 'DECIDED';
  return throughReport ? 'CLOSED' : 'REPORT_DUE';
}

/** The decide Update's argument for a case's plan. */
export function decisionFor(plan: Plan, amountKroner: number) {
  return plan === 'rejected'
    ? { caseworker: CASEWORKER, outcome: 'rejected' as const, amountGrantedOre: 0, reasons: { criteria: ['target_group'], text: 'Aktiviteten henvender sig mest til foreningens egne medlemmer.' }, conditions: [] }
    : { caseworker: CASEWORKER, outcome: 'approved' as const, amountGrantedOre: amountKroner * 100, reasons: { criteria: [], text: '' }, conditions: [] };
}

/** Small seeded generator, so the fault points of a run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface CheckedCase {
  index: number;
  plan: Plan;
  amountKroner: number;
  id?: string;
  contactEmail?: string;
  endState?: string;
}

/** Per-case counts of what the checks look at, summed over the run: the chaos table's "seen" column. */
export interface CheckTotals {
  receipts: number;
  decisionEmails: number;
  letters: number;
  payouts: number;
  /** Only counted when the grants are driven through their report. */
  paidEmails: number;
  reportsAccepted: number;
  reportAcceptedEmails: number;
  endStates: number;
  pendingOutbox: number;
}

export interface CaseCheckResult {
  problems: string[];
  duplicateEvidence: string[];
  totals: CheckTotals;
}

/** Checks every case against what its plan must leave in the database and the SMTP sink. */
export async function checkCases(db: Database, runs: CheckedCase[], mails: ReceivedMail[], startedAt: number, throughReport = false): Promise<CaseCheckResult> {
  const problems: string[] = [];
  const duplicateEvidence: string[] = [];
  const totals: CheckTotals = { receipts: 0, decisionEmails: 0, letters: 0, payouts: 0, paidEmails: 0, reportsAccepted: 0, reportAcceptedEmails: 0, endStates: 0, pendingOutbox: 0 };
  const ids = runs.filter((run) => run.id).map((run) => run.id!);
  const lost = runs.filter((run) => !run.id);
  for (const run of lost) problems.push(`case ${run.index}: never submitted`);
  const [events, outbox, letters, payouts, decisions, reports, applications] = await Promise.all([
    db.caseEvent.findMany({ where: { applicationId: { in: ids } }, orderBy: { id: 'asc' } }),
    db.outboxEmail.findMany({ where: { applicationId: { in: ids } } }),
    db.document.findMany({ where: { applicationId: { in: ids }, kind: 'decision_letter' }, select: { applicationId: true, id: true } }),
    db.payout.findMany({ where: { applicationId: { in: ids } } }),
    db.decision.findMany({ where: { applicationId: { in: ids } } }),
    db.followUpReport.findMany({ where: { applicationId: { in: ids } } }),
    db.application.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } }),
  ]);
  const eventKeys = events.map((event) => event.eventKey);
  if (new Set(eventKeys).size !== eventKeys.length) problems.push('duplicate event_key values in case_events');
  totals.pendingOutbox = outbox.filter((row) => row.status !== 'sent').length;

  for (const run of runs.filter((r) => r.id)) {
    const id = run.id!;
    const say = (problem: string) => problems.push(`case ${run.index} (${run.plan}, ${id}): ${problem}`);
    const granted = run.plan !== 'rejected';
    const reported = throughReport && granted;

    const expectedEnd = expectedEndState(run.plan, throughReport);
    if (run.endState !== expectedEnd) say(`workflow end state ${run.endState}, expected ${expectedEnd}`);
    const stored = applications.find((a) => a.id === id)?.status;
    if (stored !== expectedEnd) say(`stored status ${stored}, expected ${expectedEnd}`);
    if (run.endState === expectedEnd && stored === expectedEnd) totals.endStates += 1;

    const caseMails = mails.filter((message) => message.to.includes(run.contactEmail!));
    const receipts = caseMails.filter((m) => subjectOf(m).startsWith('Vi har modtaget jeres ansøgning'));
    const decisionMails = caseMails.filter((m) => m.raw.includes('application/pdf'));
    const paidMails = caseMails.filter((m) => subjectOf(m).startsWith('Tilskuddet er udbetalt'));
    const acceptedMails = caseMails.filter((m) => subjectOf(m).startsWith('Afrapporteringen er godkendt'));
    totals.receipts += receipts.length;
    totals.decisionEmails += decisionMails.length;
    totals.paidEmails += paidMails.length;
    totals.reportAcceptedEmails += acceptedMails.length;
    if (receipts.length !== 1) say(`${receipts.length} receipt emails in the SMTP sink`);
    if (decisionMails.length !== 1) say(`${decisionMails.length} decision emails in the SMTP sink`);
    if (paidMails.length !== (reported ? 1 : 0)) say(`${paidMails.length} payment emails in the SMTP sink`);
    if (acceptedMails.length !== (reported ? 1 : 0)) say(`${acceptedMails.length} report-accepted emails in the SMTP sink`);
    if (caseMails.length !== (reported ? 4 : 2)) say(`${caseMails.length} emails in the SMTP sink in all`);
    const rows = outbox.filter((m) => m.applicationId === id);
    const groups = [['receipt', receipts], ['decision', decisionMails], ['paid', paidMails], ['report_accepted', acceptedMails]] as const;
    for (const [kind, group] of groups) {
      if (group.length > 1) {
        const row = rows.find((m) => m.kind === kind);
        const copies = group.map((m) => `${messageIdOf(m)} received at ${seconds(Date.parse(m.receivedAt) - startedAt)}`);
        duplicateEvidence.push(
          `case ${run.index} ${kind} ×${group.length}: ${copies.join('; ')}; outbox row ${row?.id} (${row?.messageKey}) created ${row ? seconds(row.createdAt.getTime() - startedAt) : '?'}, ` +
            `marked ${row?.status} at ${row?.sentAt ? seconds(row.sentAt.getTime() - startedAt) : '?'}, attempts ${row?.attempts}`,
        );
      }
    }

    const kinds = rows.map((m) => m.kind).sort().join(', ');
    const expectedKinds = reported ? 'decision, paid, receipt, report_accepted' : 'decision, receipt';
    if (kinds !== expectedKinds) say(`outbox kinds [${kinds}], expected [${expectedKinds}]`);
    if (!rows.every((m) => m.status === 'sent')) say(`outbox rows not all sent: ${rows.map((m) => `${m.kind}=${m.status}`).join(', ')}`);

    const caseLetters = letters.filter((l) => l.applicationId === id);
    totals.letters += caseLetters.length;
    if (caseLetters.length !== 1) say(`${caseLetters.length} decision letters`);
    const decisionMail = rows.find((m) => m.kind === 'decision');
    if (caseLetters[0] && decisionMail && decisionMail.attachmentIds.join(',') !== caseLetters[0].id) {
      say(`decision email attaches [${decisionMail.attachmentIds.join(', ')}], the letter is ${caseLetters[0].id}`);
    }

    const casePayouts = payouts.filter((p) => p.applicationId === id);
    totals.payouts += casePayouts.length;
    if (casePayouts.length !== (granted ? 1 : 0)) say(`${casePayouts.length} payouts, expected ${granted ? 1 : 0}`);
    if (granted && casePayouts[0] && casePayouts[0].amountOre !== BigInt(run.amountKroner * 100)) {
      say(`payout of ${casePayouts[0].amountOre} øre, expected ${run.amountKroner * 100}`);
    }

    const caseDecisions = decisions.filter((d) => d.applicationId === id);
    if (caseDecisions.length !== 1) say(`${caseDecisions.length} decision rows`);
    if (run.plan === 'four_eyes' && caseDecisions[0]?.approvedBy !== APPROVER) say(`decision approved by ${caseDecisions[0]?.approvedBy}`);

    const caseReports = reports.filter((r) => r.applicationId === id);
    if (caseReports.length !== (granted ? 1 : 0)) say(`${caseReports.length} follow-up report rows`);
    if (reported && caseReports[0]) {
      const report = caseReports[0];
      if (report.reviewOutcome === 'accepted' && report.repaymentOre === 0n && report.submittedAt) totals.reportsAccepted += 1;
      else say(`report ${report.submittedAt ? 'submitted' : 'not submitted'}, review ${report.reviewOutcome}, repayment ${report.repaymentOre} øre`);
    }

    const types = events.filter((e) => e.applicationId === id).map((e) => e.type);
    const expected = expectedEvents(run.plan, throughReport);
    if (types.join(',') !== expected.join(',')) say(`events [${types.join(', ')}], expected [${expected.join(', ')}]`);
  }
  return { problems, duplicateEvidence, totals };
}
