import fs from 'node:fs';
import path from 'node:path';
import { STAFF_ROLES, type StaffRole } from '../../lib/staff-roles';
import { can, rolesGranted, STAFF_ACTIONS, type StaffAction } from '../../domain/staff-policy';

// What each role may do, written out a second time on purpose: a change to who may do what has to
// be made here as well as in the policy, and in the README's table.
const EXPECTED: Record<Exclude<StaffRole, 'admin'>, StaffAction[]> = {
  caseworker: [
    'case.read', 'case.actForApplicant', 'case.claim', 'case.release', 'case.requestInformation', 'case.consult', 'case.decide', 'case.note',
    'case.judgeScreening', 'case.revokeLinks', 'case.correctPayoutAccount', 'reconsideration.answer', 'grantChange.decide', 'report.read', 'report.review', 'story.review',
    'repayment.decide', 'repayment.registerPaid', 'allocation.read', 'round.read', 'stats.read', 'ties.declare',
  ],
  approver: [
    'case.read', 'case.actForApplicant', 'case.claim', 'case.release', 'case.approve', 'case.note', 'case.judgeScreening', 'case.revokeLinks',
    'case.correctPayoutAccount', 'report.read', 'story.review', 'repayment.registerPaid', 'allocation.read', 'allocation.confirm', 'allocation.approve', 'payoutRun.read',
    'payoutRun.create', 'payoutRun.confirm', 'round.read', 'stats.read', 'ties.declare',
  ],
  politician: ['round.read', 'stats.read'],
  volunteerCentre: ['draft.prepare'],
};

const README_ROLES = ['caseworker', 'approver', 'politician', 'admin', 'volunteerCentre'] as const;

/** The README's table between its markers: each row's action and the roles ticked. */
function readmeTable(): Map<string, StaffRole[]> {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('<!-- staff-policy:start -->');
  const end = readme.indexOf('<!-- staff-policy:end -->');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const rows = new Map<string, StaffRole[]>();
  for (const line of readme.slice(start, end).split('\n')) {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const action = /^`([\w.]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!action) continue;
    expect(rows.has(action)).toBe(false);
    rows.set(action, README_ROLES.filter((_, index) => cells[2 + index] === '✓'));
  }
  return rows;
}

describe('the role policy', () => {
  it('gives each role exactly the actions written out here', () => {
    for (const [role, actions] of Object.entries(EXPECTED) as [StaffRole, StaffAction[]][]) {
      expect(STAFF_ACTIONS.filter((action) => can([role], action)).sort()).toEqual([...actions].sort());
    }
  });

  it('lets an admin do everything, and nobody without a role anything', () => {
    expect(STAFF_ACTIONS.length).toBeGreaterThan(25);
    for (const action of STAFF_ACTIONS) {
      expect(can(['admin'], action)).toBe(true);
      expect(can([], action)).toBe(false);
      expect(rolesGranted(action)).not.toContain('admin');
    }
  });

  it('keeps the second signature apart from the decision: only an admin holds both by one role', () => {
    for (const role of STAFF_ROLES.filter((r) => r !== 'admin')) {
      expect(can([role], 'case.decide') && can([role], 'case.approve')).toBe(false);
    }
    // A person may hold both roles; the workflow then refuses an approval of their own decision.
    expect(can(['caseworker', 'approver'], 'case.decide')).toBe(true);
    expect(can(['caseworker', 'approver'], 'case.approve')).toBe(true);
  });

  it('shows a politician no case, report or payout: aggregated statistics only', () => {
    const personal = STAFF_ACTIONS.filter((action) => /^(case|report|story|repayment|reconsideration|grantChange|allocation|payoutRun)\./.test(action));
    expect(personal.length).toBeGreaterThan(15);
    for (const action of personal) expect(can(['politician'], action)).toBe(false);
  });

  it('is what the README’s table of roles says, row for row', () => {
    const table = readmeTable();
    expect([...table.keys()].sort()).toEqual([...STAFF_ACTIONS].sort());
    for (const action of STAFF_ACTIONS) {
      expect({ action, roles: table.get(action) }).toEqual({ action, roles: README_ROLES.filter((role) => can([role], action)) });
    }
  });
});
