import type { Language } from '../../lib/languages';
import type { ReportRequirement } from '../../domain/tiers';
import type { CompleteLegalFrame } from '../../domain/legal-frame';
import type { Jurisdiction } from '../../lib/jurisdiction';
import { decisionProblems, type DecisionOutcome, type DecisionReasons } from '../../domain/decision-rules';

/** The round's legal frame as a letter prints it, with the date a reconsideration must be asked for by. */
export interface LetterFrame {
  /**
   * Whose administrative law the decision follows (the municipality's jurisdiction), whatever
   * language the letter is in: a Norwegian one is an enkeltvedtak with a klage to the klagenemnd,
   * a Danish one is reconsidered by the municipality itself. Not given: Danish.
   */
  law?: Jurisdiction;
  legalBasis: string;
  guidelines: CompleteLegalFrame['guidelines'];
  decisionMaker: CompleteLegalFrame['decisionMaker'];
  contact: CompleteLegalFrame['contact'];
  /** The round's own complaint guidance in the letter's language; absent: the shipped guidance. */
  complaintGuidance?: string;
  /** The letter's date plus the round's reconsideration period. */
  reconsiderBy: Date;
}

/** What every letter about a case says besides its decision: who writes, to whom, under which rules. */
export interface LetterCommon {
  language: Language;
  municipality: { name: string; department: string; address: string; email: string; phone: string };
  frame: LetterFrame;
  date: Date;
  reference: string; // case reference, e.g. GF-2026-00042
  /** `groupName`: a self-organised group applying through the organisation as its sponsor, which is paid. */
  recipient: { organizationName: string; cvr: string; contactName: string; address?: string; groupName?: string };
  roundName: string;
  project: { title: string; startDate: string; endDate: string };
  /** A person's name (never an email address), their title and direct phone; or the department. */
  caseworker: { name: string; title?: string; email: string; phone?: string };
  /** The glossary page (<public base URL>/ordliste) the letter's terms are explained on. */
  glossaryUrl: string;
  /**
   * The account the grant is paid to, masked ("•••• •• 78903"), where the organisation gave one
   * (a jurisdiction without NemKonto, NO); absent: paid to the NemKonto of the CVR number.
   */
  payoutAccount?: string;
}

export interface DecisionLetterData extends LetterCommon {
  outcome: DecisionOutcome;
  amountRequestedOre: bigint;
  amountGrantedOre: bigint; // integer øre
  reasons: DecisionReasons; // criteria: already-worded decisive criteria the caseworker chose; text: free text
  conditions: string[]; // extra conditions from the caseworker
  reporting?: { requirement: ReportRequirement; dueDate: Date }; // absent when rejected
  payoutDate?: Date; // absent when rejected; paid to the CVR's NemKonto, or to payoutAccount
  /** The grant is paid only once the association's signatory accepts its conditions, by this deadline. */
  acceptBy?: Date;
  /** A long-term grant: each year's amount and report due date; the first year is paid on payoutDate. */
  grantYears?: { year: number; amountOre: bigint; reportDueDate: Date }[];
  /** Partshøring before the decision: when the facts were sent, the deadline, and when comments came (if they did). */
  consultation?: { sentAt: Date; answerBy: Date; answeredAt?: Date };
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

/** An application that arrived after the round's deadline: refused without being assessed. */
export interface AfvisningLetterData extends LetterCommon {
  deadline: Date;
  receivedAt: Date;
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
