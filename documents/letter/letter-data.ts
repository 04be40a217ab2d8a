import type { Language } from '../../lib/languages';
import type { ReportRequirement } from '../../domain/tiers';
import { decisionProblems, type DecisionOutcome, type DecisionReasons } from '../../domain/decision-rules';

export interface DecisionLetterData {
  language: Language;
  municipality: {
    name: string;
    department: string;
    address: string;
    email: string;
    phone: string;
    guidelines: { name: string; adoptedOn: string /* YYYY-MM-DD */; adoptedBy: string };
  };
  date: Date;
  reference: string; // case reference, e.g. GF-2026-00042
  recipient: { organizationName: string; cvr: string; contactName: string; address?: string };
  roundName: string;
  project: { title: string; startDate: string; endDate: string };
  outcome: DecisionOutcome;
  amountRequestedOre: bigint;
  amountGrantedOre: bigint; // integer øre
  reasons: DecisionReasons; // criteria: already-worded decisive criteria the caseworker chose; text: free text
  conditions: string[]; // extra conditions from the caseworker
  reporting?: { requirement: ReportRequirement; dueDate: Date }; // absent when rejected
  payoutDate?: Date; // absent when rejected; paid to the CVR's NemKonto
  appealGuidance: string; // configurable klagevejledning block; Norwegian letters fall back to a default when empty
  /** A person's name (never an email address), their title and direct phone; or the department. */
  caseworker: { name: string; title?: string; email: string; phone?: string };
  /** A changed decision says which decision it replaces, why, and the payout difference. */
  supersedes?: Supersedes;
}

/** reconsideration: the municipality on the association's request; fvl33: a klage the municipality grants; board: the klagenemnd. */
export interface Supersedes {
  basis: 'reconsideration' | 'fvl33' | 'board';
  earlierDate: Date;
  boardDecidedOn?: Date;
  /** Positive: paid out on top; negative: to be paid back. */
  differenceOre: bigint;
}

export type DecisionLetterErrorCode = 'reasons_missing' | 'reasons_insufficient' | 'inconsistent_decision';

/** Raised before any byte is drawn, so a letter that may not be sent is never produced. */
export class DecisionLetterError extends Error {
  constructor(
    readonly code: DecisionLetterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionLetterError';
  }
}

/** The decision rule (domain/decision-rules.ts), and a grant's payout date and report deadline. */
export function assertLetterMayBeSent(data: DecisionLetterData): void {
  const [problem] = decisionProblems(data);
  if (problem) {
    const code =
      problem.field === 'amountGranted' ? 'inconsistent_decision' : problem.messageKey === 'errors.decision.reasonsOnlyFunds' ? 'reasons_insufficient' : 'reasons_missing';
    throw new DecisionLetterError(code, problem.messageKey);
  }
  if (data.outcome !== 'rejected' && !data.reporting) throw new DecisionLetterError('inconsistent_decision', 'A grant needs a reporting requirement and deadline.');
  if (data.outcome !== 'rejected' && !data.payoutDate) throw new DecisionLetterError('inconsistent_decision', 'A grant needs a payout date.');
}
