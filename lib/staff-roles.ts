/** The roles a staff account can hold; what each may do is decided in domain/staff-policy.ts. */
export const STAFF_ROLES = ['caseworker', 'approver', 'admin', 'politician'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
