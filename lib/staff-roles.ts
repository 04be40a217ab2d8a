/** The roles a staff account can hold; what each may do is decided in domain/staff-policy.ts. */
/**
 * `volunteerCentre`: a staff member of the local volunteer centre, who prepares drafts for
 * associations (the association submits them itself) and reads no cases.
 */
export const STAFF_ROLES = ['caseworker', 'approver', 'admin', 'politician', 'volunteerCentre'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
