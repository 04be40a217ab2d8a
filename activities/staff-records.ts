import type { Database } from '../lib/db';

export function createStaffRecordActivities({ db }: { db: Database }) {
  return {
    /** Whether this person can still take up a case: an active account with the caseworker or approver role. */
    async isActiveCaseworker({ email }: { email: string }): Promise<boolean> {
      const user = await db.staffUser.findUnique({ where: { email }, select: { active: true, roles: true } });
      return Boolean(user?.active && user.roles.some((role) => role === 'caseworker' || role === 'approver'));
    },
  };
}
