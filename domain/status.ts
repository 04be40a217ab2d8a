/** Where a case is in the process. The workflow owns the status; the database mirrors it. */
export const CASE_STATUSES = [
  'SUBMITTED',
  'SCREENING',
  'AWAITING_APPLICANT',
  /** Partshøring: the association has facts to comment on before the decision. */
  'AWAITING_COMMENTS',
  'IN_QUEUE',
  'IN_REVIEW',
  'AWAITING_APPROVAL',
  'DECIDED',
  /** Granted; the payout is registered and exported, waiting for finance to confirm it was paid. */
  'PAYOUT_SCHEDULED',
  /** Finance confirmed the payout. */
  'PAID',
  'REPORT_DUE',
  'REPORT_SUBMITTED',
  /** The report was accepted with money unspent: a caseworker decides whether to claim it back. */
  'REPAYMENT_PROPOSED',
  /** A repayment was claimed: the case waits until the money is registered as paid. */
  'REPAYMENT_DUE',
  'CLOSED',
  'WITHDRAWN',
  'LAPSED',
  /** The association asked for the decision to be reconsidered (Norway: a klage); a caseworker answers. */
  'RECONSIDERATION_REQUESTED',
  /** Norway: the municipality did not grant the klage and sent it to the klagenemnd. */
  'FORWARDED_TO_APPEALS_BOARD',
  /**
   * The association said no thank you to the grant before it was paid: the payout is cancelled and
   * the case closed. Not WITHDRAWN: that is an application given up before its decision, which the
   * statistics count as an applicant lost on the way; a declined grant was decided.
   */
  'GRANT_DECLINED',
  /** Granted: the association's signatory has yet to accept the grant's conditions; no payout before. */
  'AWAITING_ACCEPTANCE',
  /** The grant was not accepted by the deadline the round sets: it lapsed, nothing is paid, the case is closed. */
  'GRANT_LAPSED',
] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The statuses of a case not yet decided, withdrawn or lapsed. */
export const BEFORE_DECISION: readonly CaseStatus[] = ['SUBMITTED', 'SCREENING', 'AWAITING_APPLICANT', 'AWAITING_COMMENTS', 'IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL'];
