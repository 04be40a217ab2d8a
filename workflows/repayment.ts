import { condition, setHandler } from '@temporalio/workflow';
import type { ProcessTimings } from '../domain/round-settings';
import { claimedRepaymentOre, repaymentDecisionProblems } from '../domain/repayment';
import { activities } from './activities';
import { decideRepaymentUpdate, registerRepaymentUpdate, type RepaymentDecisionInput, type RepaymentPaymentInput, type RepaymentState, type ReportState, type ReportStatus } from './messages';
import { invalidInput, notAllowed } from './refusals';

/**
 * Reports accepted before repayments were decided claimed the unspent money in the acceptance
 * itself and closed the case; reports accepted since propose the claim for a caseworker to decide.
 */
export const REPAYMENT_PATCH = 'repayment-decision';

const DAY_MS = 86_400_000;
/** Cases whose round snapshot predates the settings: the settings' own defaults. */
const DEFAULT_DUE_MS = 30 * DAY_MS;
const DEFAULT_REMINDERS_MS = [-7 * DAY_MS, 7 * DAY_MS];

export type RepaymentEmailKind = 'repayment_claim' | 'repayment_waived' | 'repayment_carried_over' | 'repayment_reminder' | 'repayment_overdue' | 'repayment_paid';

/** What the repayment process needs from the reporting workflow it runs in. */
export interface RepaymentHost {
  applicationId: string;
  timings: ProcessTimings;
  status(): ReportStatus;
  reportState(): ReportState;
  record(type: string, actor: string, to: ReportStatus, details?: Record<string, unknown>): Promise<void>;
  email(kind: RepaymentEmailKind, extra: Record<string, unknown>, attachmentIds?: string[]): Promise<void>;
}

export interface RepaymentClaim {
  state(): RepaymentState | null;
  /** What the accepted report proposes: known at once, so the acceptance answers with it. */
  propose(proposal: { reportSequence: number; proposedOre: number; grantedOre: number; acceptedBy: string }): void;
  /** From the proposal to a closed case: the decision, its letter, and for a claim the payment. */
  run(): Promise<void>;
}

/**
 * The repayment claim of an accepted report with money unspent. The handlers are installed at
 * once (they change no commands) and refuse every action until a claim is proposed.
 */
export function repaymentClaim(host: RepaymentHost): RepaymentClaim {
  let current: RepaymentState | null = null;
  let decision: RepaymentDecisionInput | null = null;
  let payment: RepaymentPaymentInput | null = null;
  let proposal: { reportSequence: number; proposedOre: number; grantedOre: number; acceptedBy: string } | null = null;
  // The Updates answer once what they set off is written (letter, email, event), not merely begun.
  let decisionCarriedOut = false;
  let paymentCarriedOut = false;

  setHandler(
    decideRepaymentUpdate,
    async (input) => {
      decision = input;
      await condition(() => decisionCarriedOut);
      return host.reportState();
    },
    {
      validator: (input) => {
        if (host.status() !== 'REPAYMENT_PROPOSED' || !current || decision) {
          throw notAllowed('decideRepayment', host.status(), `a repayment can be decided only while one is proposed; the case is ${host.status()}`);
        }
        const today = new Date().toISOString().slice(0, 10);
        const [problem] = repaymentDecisionProblems(input, { proposedOre: current.proposedOre, grantedOre: current.grantedOre, today });
        if (problem) throw invalidInput(problem);
      },
    },
  );
  setHandler(
    registerRepaymentUpdate,
    async (input) => {
      payment = input;
      await condition(() => paymentCarriedOut);
      return host.reportState();
    },
    {
      validator: ({ paidOn }) => {
        if (host.status() !== 'REPAYMENT_DUE' || payment) {
          throw notAllowed('registerRepayment', host.status(), `a repayment can be registered as paid only while it is due; the case is ${host.status()}`);
        }
        // Today anywhere: a payment registered early in the morning east of UTC is not in the future.
        if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn) || paidOn > new Date(Date.now() + DAY_MS).toISOString().slice(0, 10)) {
          throw invalidInput({ field: 'paidOn', messageKey: 'errors.repayment.paidOnInvalid' });
        }
      },
    },
  );

  return {
    state: () => current,
    propose(proposed) {
      proposal = proposed;
      current = { proposedOre: proposed.proposedOre, grantedOre: proposed.grantedOre, outcome: null, claimedOre: null, dueAt: null, paidOn: null };
    },
    async run() {
      if (!proposal || !current) throw new Error('a repayment runs only once proposed');
      const { reportSequence, proposedOre, acceptedBy } = proposal;
      const { applicationId } = host;
      const key = { applicationId, reportSequence };
      await activities.proposeRepayment({ ...key, proposedOre, at: new Date().toISOString() });
      await host.record('repayment_proposed', acceptedBy, 'REPAYMENT_PROPOSED', { proposedOre, sequence: reportSequence });

      await condition(() => decision !== null);
      const decided = decision!;
      const claimedOre = claimedRepaymentOre(decided, proposedOre);
      const dueAt = claimedOre > 0 ? new Date(Date.now() + (host.timings.repaymentDueMs ?? DEFAULT_DUE_MS)).toISOString() : null;
      current = { ...current, outcome: decided.outcome, claimedOre, dueAt };
      await activities.recordRepaymentDecision({
        ...key,
        outcome: decided.outcome,
        claimedOre,
        reasons: decided.reasons.trim(),
        decidedBy: decided.caseworker,
        decidedAt: new Date().toISOString(),
        dueAt,
        newPeriodEnd: decided.newPeriodEnd ?? null,
      });
      const letter = await activities.storeRepaymentLetter(key);

      if (claimedOre === 0) {
        const waived = decided.outcome === 'waived';
        await host.email(waived ? 'repayment_waived' : 'repayment_carried_over', { reportSequence }, [letter.documentId]);
        await host.record(waived ? 'repayment_waived' : 'repayment_carried_over', decided.caseworker, 'CLOSED', {
          proposedOre,
          ...(decided.newPeriodEnd ? { newPeriodEnd: decided.newPeriodEnd } : {}),
        });
        decisionCarriedOut = true;
        return;
      }

      // The claim is what the statistics count as a repayment: the amount claimed, not the proposal.
      await host.record('repayment_claimed', decided.caseworker, 'REPAYMENT_DUE', { repaymentOre: claimedOre, proposedOre, outcome: decided.outcome, dueAt });
      await host.email('repayment_claim', { reportSequence }, [letter.documentId]);
      decisionCarriedOut = true;
      await awaitPayment(Date.parse(dueAt!), reportSequence);

      const paid = payment!;
      current = { ...current, paidOn: paid.paidOn };
      await activities.recordRepaymentPaid({ ...key, paidOn: paid.paidOn, registeredBy: paid.registeredBy, at: new Date().toISOString() });
      await host.email('repayment_paid', { reportSequence });
      await host.record('repayment_paid', paid.registeredBy, 'CLOSED', { repaymentOre: claimedOre, paidOn: paid.paidOn });
      paymentCarriedOut = true;
    },
  };

  /** Reminders before and after the payment deadline, until staff register the payment. */
  async function awaitPayment(dueAt: number, reportSequence: number): Promise<void> {
    let remindersSent = 0;
    for (const offset of host.timings.repaymentRemindersMs ?? DEFAULT_REMINDERS_MS) {
      if (await condition(() => payment !== null, Math.max(0, dueAt + offset - Date.now()))) return;
      remindersSent += 1;
      const overdue = offset > 0;
      await activities.noteRepaymentReminder({ applicationId: host.applicationId, reportSequence, remindersSent });
      await host.record(overdue ? 'repayment_overdue_reminder_sent' : 'repayment_reminder_sent', 'system', 'REPAYMENT_DUE', { offsetMs: offset });
      await host.email(overdue ? 'repayment_overdue' : 'repayment_reminder', { reportSequence });
    }
    await condition(() => payment !== null);
  }
}
