import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { maySign } from '../domain/acceptance';
import { DANISH_TIME_ZONE, deadlineAfter } from '../domain/time-zone';
import type { ReportTerms } from './grant-terms';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { acceptanceStateQuery, acceptGrantUpdate, type AcceptanceState, type AcceptGrantInput } from './acceptance-messages';
import { applicantActor, type ProposedDecision } from './messages';
import { invalidInput, notAllowed } from './refusals';

// Acceptance before payout: a grant of a round with an acceptance period is paid only once the
// association's signatory accepts its conditions (signed through the signing provider, the
// statement kept with the case). The case waits in AWAITING_ACCEPTANCE with reminders before the
// deadline; past it the grant lapses (GRANT_LAPSED) with a letter and an email, and nothing is paid.

/** Cases decided before grants were accepted go straight to their payout, as they did. */
export const GRANT_ACCEPTANCE_PATCH = 'grant-acceptance';

export interface AcceptanceStep {
  /** The deadline for the acceptance (ISO), for the decision letter and email. */
  readonly acceptBy: string;
  /** Who may sign and the conditions text, stored; the case waits in AWAITING_ACCEPTANCE. */
  open(decision: ProposedDecision, reporting: ReportTerms): Promise<void>;
  /** Sends the link, reminds, and resolves once the grant is accepted or has lapsed (letter and email sent). */
  outcome(): Promise<'accepted' | 'lapsed'>;
  /** The payout is registered after the acceptance: the signatory's request may answer now. */
  settled(): void;
}

/** The acceptance step of a grant, or null when its round sets none (or the case began before it existed). */
export function acceptanceStep(context: CaseContext): AcceptanceStep | null {
  const { input, memory, journal } = context;
  const { applicationId, round } = input;
  const periodMs = round.timings.acceptancePeriodMs ?? 0;
  if (!(periodMs > 0) || !patched(GRANT_ACCEPTANCE_PATCH)) return null;
  const acceptBy = deadlineAfter(new Date(), periodMs, DANISH_TIME_ZONE).toISOString();
  let state: AcceptanceState | null = null;
  let accepted: AcceptGrantInput | null = null;
  let done = false;

  setHandler(acceptanceStateQuery, () => state);
  setHandler(
    acceptGrantUpdate,
    async (acceptance) => {
      if (state!.lapsed) throw notAllowed('acceptGrant', memory.status);
      accepted = acceptance;
      await condition(() => done || state!.lapsed);
      if (!done) throw notAllowed('acceptGrant', memory.status);
      return state!;
    },
    {
      validator: ({ signerName, signed }) => {
        if (!state || accepted || state.lapsed || memory.status !== 'AWAITING_ACCEPTANCE' || Date.now() > Date.parse(state.acceptBy)) throw notAllowed('acceptGrant', memory.status);
        if (!maySign(signerName, state.signatories)) throw invalidInput({ field: 'signerName', messageKey: 'errors.acceptance.notSignatory' });
        if (signed.statement.conditionsHash !== state.conditionsHash) throw invalidInput({ field: 'conditions', messageKey: 'errors.acceptance.conditionsChanged' });
      },
    },
  );

  async function remind(deadline: number, requestedAt: number): Promise<boolean> {
    // Reminders before the deadline only, and only those still ahead when the acceptance was asked for.
    const offsets = (round.timings.acceptanceRemindersMs ?? []).filter((offset) => offset < 0 && deadline + offset > requestedAt);
    for (const offset of offsets) {
      if (await condition(() => accepted !== null, Math.max(1, deadline + offset - Date.now()))) return true;
      await journal.record('acceptance_reminder_sent', 'system', memory.status, { offsetMs: offset });
      await journal.email('acceptance_reminder', { decisionSequence: state!.decisionSequence });
    }
    const remaining = deadline - Date.now();
    return remaining > 0 ? condition(() => accepted !== null, remaining) : accepted !== null;
  }

  return {
    acceptBy,
    async open(decision, reporting) {
      const opened = await journal.inOrder(() => activities.openAcceptance({ applicationId, decisionSequence: decision.sequence, acceptBy, reporting }));
      state = { decisionSequence: decision.sequence, acceptBy, signatories: opened.signatories, conditionsVersion: opened.conditionsVersion, conditionsHash: opened.conditionsHash, acceptedAt: null, acceptedBy: null, lapsed: false };
      await journal.record('acceptance_requested', 'system', 'AWAITING_ACCEPTANCE', { sequence: decision.sequence, acceptBy, conditionsVersion: opened.conditionsVersion, signatories: opened.signatories.length });
    },
    async outcome() {
      const current = state!;
      const requestedAt = Date.now();
      await journal.email('acceptance_requested', { decisionSequence: current.decisionSequence });
      if (await remind(Date.parse(acceptBy), requestedAt)) {
        const acceptance = accepted!;
        const { signed } = acceptance;
        await journal.inOrder(() => activities.recordAcceptance({ applicationId, decisionSequence: current.decisionSequence, signerName: acceptance.signerName, signed }));
        current.acceptedAt = signed.statement.signedAt;
        current.acceptedBy = acceptance.signerName;
        await journal.record('grant_accepted', applicantActor(acceptance), memory.status, {
          sequence: current.decisionSequence,
          signerName: acceptance.signerName,
          signedAt: signed.statement.signedAt,
          conditionsVersion: current.conditionsVersion,
          conditionsHash: current.conditionsHash,
          signingProvider: signed.provider,
          signatureReference: signed.reference,
        });
        return 'accepted';
      }
      current.lapsed = true;
      await journal.inOrder(() => activities.recordAcceptanceLapsed({ applicationId, decisionSequence: current.decisionSequence, at: new Date().toISOString() }));
      await journal.record('grant_lapsed', 'system', 'GRANT_LAPSED', { sequence: current.decisionSequence, acceptBy, amountGrantedOre: memory.decision?.amountGrantedOre ?? 0 });
      const letter = await journal.inOrder(() => activities.storeAcceptanceLapseLetter({ applicationId, decisionSequence: current.decisionSequence }));
      await journal.email('grant_lapsed', { decisionSequence: current.decisionSequence }, [letter.documentId]);
      await condition(allHandlersFinished);
      return 'lapsed';
    },
    settled() {
      done = true;
    },
  };
}
