import type { Client } from '@temporalio/client';
import { grantApplicationWorkflowId, reportWorkflowId } from '../../../domain/workflow-ids';
import {
  approvalUpdate,
  caseStateQuery,
  claimUpdate,
  consultUpdate,
  releaseUpdate,
  reportStateQuery,
  requestInformationUpdate,
  reviewReportUpdate,
  type CaseState,
  type ConsultInput,
  type ReportState,
} from '../../../workflows/messages';
import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { ApiError } from '../http/errors';
import { refuseConflictedOnCase } from './conflicts';
import { workflowCall } from '../http/workflow-errors';

// The caseworker's and approver's actions, for the pages and the JSON API alike: Temporal Updates
// whose validators refuse what the case's state does not allow (an ApiError 409 here). The API
// passes the request's Idempotency-Key as the Update ID, so a retried request is applied once.

const caseHandle = (temporal: Client, applicationId: string) => temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));

/** What the workflow says about the case right now, including the actions it allows. */
export async function currentCaseState(temporal: Client, applicationId: string): Promise<CaseState> {
  return workflowCall(() => caseHandle(temporal, applicationId).query(caseStateQuery));
}

/** The follow-up report's state, or null while there is no reporting workflow yet. */
export async function currentReportState(temporal: Client, applicationId: string): Promise<ReportState | null> {
  try {
    return await workflowCall(() => temporal.workflow.getHandle(reportWorkflowId(applicationId)).query(reportStateQuery));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

type Deps = { db: Database; temporal: Client };

/** Claims (or assigns) the case; refused when the staff member or the assignee has a declared tie to the association. */
export async function claimCase({ db, temporal }: Deps, applicationId: string, staff: StaffIdentity, assignee?: string, updateId?: string): Promise<CaseState> {
  const declaredCvrs = await refuseConflictedOnCase(db, applicationId, staff, assignee);
  return workflowCall(() => caseHandle(temporal, applicationId).executeUpdate(claimUpdate, { args: [{ caseworker: staff.email, assignee, declaredCvrs }], updateId }));
}

export function releaseCase(temporal: Client, applicationId: string, caseworker: string, updateId?: string): Promise<CaseState> {
  return workflowCall(() => caseHandle(temporal, applicationId).executeUpdate(releaseUpdate, { args: [{ caseworker }], updateId }));
}

export function requestInformation(temporal: Client, applicationId: string, caseworker: string, items: string[], message: string, updateId?: string): Promise<CaseState> {
  return workflowCall(() => caseHandle(temporal, applicationId).executeUpdate(requestInformationUpdate, { args: [{ caseworker, items, message }], updateId }));
}

/** Partshøring: sends the facts to the association with the answer deadline (the round's when left out). */
export function consultParty(temporal: Client, applicationId: string, input: ConsultInput, updateId?: string): Promise<CaseState> {
  return workflowCall(() => caseHandle(temporal, applicationId).executeUpdate(consultUpdate, { args: [input], updateId }));
}

/** The second signature; refused when the approver has a declared tie to the association. */
export async function answerApproval({ db, temporal }: Deps, applicationId: string, staff: StaffIdentity, approve: boolean, comment?: string, updateId?: string): Promise<CaseState> {
  const declaredCvrs = await refuseConflictedOnCase(db, applicationId, staff);
  return workflowCall(() => caseHandle(temporal, applicationId).executeUpdate(approvalUpdate, { args: [{ approver: staff.email, approve, comment, declaredCvrs }], updateId }));
}

export function reviewReport(temporal: Client, applicationId: string, caseworker: string, accept: boolean, comment?: string, updateId?: string): Promise<ReportState> {
  return workflowCall(() => temporal.workflow.getHandle(reportWorkflowId(applicationId)).executeUpdate(reviewReportUpdate, { args: [{ caseworker, accept, comment }], updateId }));
}
