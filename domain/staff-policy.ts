import type { StaffRole } from '../lib/staff-roles';

/**
 * Who among the staff may do what: the one role policy the API's route guards, the staff pages'
 * guards, the forms a page shows and the staff menu all ask, by the action's name. A caseworker
 * works and decides cases; an approver gives the second signature above a round's four-eyes
 * threshold, approves allocations and handles payouts; a politician reads aggregated statistics
 * only; the volunteer centre's staff prepare drafts for associations; an admin holds every role. The README's table of roles is checked against this one.
 */
const POLICY = {
  /** Read a case (queue, case page, its documents and letters). */
  'case.read': ['caseworker', 'approver'],
  /** Enter what the association sent on paper or by phone, in its name. */
  'case.actForApplicant': ['caseworker', 'approver'],
  'case.claim': ['caseworker', 'approver'],
  'case.release': ['caseworker', 'approver'],
  'case.requestInformation': ['caseworker'],
  'case.consult': ['caseworker'],
  /** Decide (and preview the decision letter); above the threshold the decision awaits approval. */
  'case.decide': ['caseworker'],
  /** Approve or return a decision above the threshold (never one's own). */
  'case.approve': ['approver'],
  'case.note': ['caseworker', 'approver'],
  /** Judge a screening rule the automatic check could not. */
  'case.judgeScreening': ['caseworker', 'approver'],
  /** Close a case's private links at once. */
  'case.revokeLinks': ['caseworker', 'approver'],
  /** Correct the account a Norwegian grant is paid to, when the organisation asks. */
  'case.correctPayoutAccount': ['caseworker', 'approver'],
  /** Answer a request for reconsideration, and register a board's decision on a forwarded complaint. */
  'reconsideration.answer': ['caseworker'],
  'grantChange.decide': ['caseworker'],
  'report.read': ['caseworker', 'approver'],
  /** Accept a follow-up report or send it back. */
  'report.review': ['caseworker'],
  /** Approve a report's story for publication, or decline it. */
  'story.review': ['caseworker', 'approver'],
  'repayment.decide': ['caseworker'],
  'repayment.registerPaid': ['caseworker', 'approver'],
  'allocation.read': ['caseworker', 'approver'],
  'allocation.confirm': ['approver'],
  /** The second signature on an allocation above the threshold (never one's own). */
  'allocation.approve': ['approver'],
  'payoutRun.read': ['approver'],
  'payoutRun.create': ['approver'],
  /** Register finance's confirmation of a payout run. */
  'payoutRun.confirm': ['approver'],
  'round.read': ['caseworker', 'approver', 'politician'],
  'round.manage': [],
  'scheme.manage': [],
  'staff.manage': [],
  /** Declare and withdraw one's own ties to associations (inhabilitet); admins see everyone's. */
  'ties.declare': ['caseworker', 'approver'],
  /** The administration's start page. */
  'admin.overview': [],
  'accessLog.read': [],
  'auditLog.read': [],
  /** See the emails the outbox set aside (uncertain, dead) and resolve them: delivered, or send again. */
  'outbox.resolve': [],
  'stats.read': ['caseworker', 'approver', 'politician'],
  /** Decode workflow histories in the Temporal Web UI. */
  'codec.use': [],
  /** Prepare a draft on an association's behalf and send it its private link; only the association submits. */
  'draft.prepare': ['volunteerCentre'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffAction = keyof typeof POLICY;

export const STAFF_ACTIONS = Object.keys(POLICY) as StaffAction[];

/** The roles that name the action themselves (admin, holding every role, may do it too). */
export function rolesGranted(action: StaffAction): readonly StaffRole[] {
  return POLICY[action];
}

/** True when one of the roles may do the action; admin holds every role. */
export function can(roles: readonly StaffRole[], action: StaffAction): boolean {
  const granted: readonly StaffRole[] = POLICY[action];
  return roles.includes('admin') || granted.some((role) => roles.includes(role));
}
