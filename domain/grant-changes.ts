import type { MessageKey } from './message-key';

// Changes after the grant: the association asks to change the activity or its period. What makes a
// request one a caseworker can decide, as plain rules for the API and the workflow alike.

export const GRANT_CHANGE_KINDS = ['activity', 'period'] as const;
export type GrantChangeKind = (typeof GRANT_CHANGE_KINDS)[number];

export interface GrantChangeRequest {
  kind: GrantChangeKind;
  /** The activity as it would be (kind activity). */
  activity?: string;
  /** The new period, calendar dates YYYY-MM-DD (kind period). */
  startDate?: string;
  endDate?: string;
  reasons: string;
}

export interface GrantChangeProblem {
  field: string;
  messageKey: MessageKey;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string | undefined): value is string {
  return value !== undefined && CALENDAR_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/**
 * What is wrong with a request, field by field: none once the activity has ended (today, a calendar
 * date in the municipality's time zone, after its last day) but that; reasons always; the new
 * activity for an activity change; two real dates, the end not before the start, for a period.
 */
export function grantChangeProblems(request: GrantChangeRequest, { activityEndDate, today }: { activityEndDate: string; today: string }): GrantChangeProblem[] {
  if (today > activityEndDate) return [{ field: 'kind', messageKey: 'errors.grantChanges.activityEnded' }];
  const problems: GrantChangeProblem[] = [];
  if (request.kind === 'activity' && !request.activity?.trim()) problems.push({ field: 'activity', messageKey: 'errors.grantChanges.activityRequired' });
  if (request.kind === 'period') {
    const startOk = isCalendarDate(request.startDate);
    const endOk = isCalendarDate(request.endDate);
    if (!startOk) problems.push({ field: 'startDate', messageKey: 'errors.grantChanges.dateRequired' });
    if (!endOk) problems.push({ field: 'endDate', messageKey: 'errors.grantChanges.dateRequired' });
    if (startOk && endOk && request.endDate! < request.startDate!) problems.push({ field: 'endDate', messageKey: 'errors.grantChanges.endBeforeStart' });
  }
  if (!request.reasons.trim()) problems.push({ field: 'reasons', messageKey: 'errors.grantChanges.reasonsRequired' });
  return problems;
}
