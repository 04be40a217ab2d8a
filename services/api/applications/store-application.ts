import type pg from 'pg';
import { ApiError } from '../http/errors';

/** The columns intake writes for a new application, as the schema names them in `prisma/schema.prisma`. */
export interface NewApplication {
  id: string;
  roundId: string;
  grantYears: number;
  organizationCvr: string;
  organizationName: string;
  organizationEmail: string;
  applicantKind: string;
  groupName: string | null;
  payoutAccount: string | null;
  submission: object;
  contactName: string;
  contactEmail: string;
  projectTitle: string;
  projectPurpose: string;
  targetGroup: string;
  isNewActivity: boolean;
  volunteers: number;
  expectedParticipants: number;
  /** YYYY-MM-DD, stored as a date. */
  startDate: string;
  endDate: string;
  consentContactLater: boolean | null;
  language: string;
  amountRequestedOre: bigint;
  idempotencyKeyHash: string | null;
  accessTokenSealed: string | null;
  requestFingerprint: string;
  workflowId: string;
  submittedAt: Date;
}

/**
 * Intake's writes, as plain SQL on one connection of a transaction the caller holds: the
 * application (status SUBMITTED), its access token and its "submitted" event. Returns what the
 * database chose: the reference number and the creation time.
 *
 * On every submission Prisma 6's compiling of these queries cost the API more CPU than the
 * database spent running them; the rows are the ones Prisma wrote (tests/integration/intake-rows).
 */
export async function insertApplication(
  client: pg.ClientBase,
  application: NewApplication,
  token: { tokenHash: string; purpose: string },
): Promise<{ referenceNumber: number; createdAt: Date }> {
  const a = application;
  const now = new Date();
  const inserted = await client.query<{ reference_number: number; created_at: Date }>(
    `INSERT INTO applications (
       id, round_id, grant_years, status, organization_cvr, organization_name, organization_email, applicant_kind, group_name,
       payout_account, submission, contact_name, contact_email, project_title, project_purpose, target_group, is_new_activity,
       volunteers, expected_participants, start_date, end_date, consent_contact_later, language, amount_requested_ore,
       idempotency_key_hash, access_token_sealed, request_fingerprint, workflow_id, submitted_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'SUBMITTED', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::date, $20::date,
             $21, $22, $23, $24, $25, $26, $27, $28, $29, $29)
     RETURNING reference_number, created_at`,
    [
      a.id, a.roundId, a.grantYears, a.organizationCvr, a.organizationName, a.organizationEmail, a.applicantKind, a.groupName,
      a.payoutAccount, JSON.stringify(a.submission), a.contactName, a.contactEmail, a.projectTitle, a.projectPurpose, a.targetGroup, a.isNewActivity,
      a.volunteers, a.expectedParticipants, a.startDate, a.endDate, a.consentContactLater, a.language, a.amountRequestedOre.toString(),
      a.idempotencyKeyHash, a.accessTokenSealed, a.requestFingerprint, a.workflowId, a.submittedAt, now,
    ],
  );
  await client.query('INSERT INTO access_tokens (token_hash, application_id, purpose) VALUES ($1, $2, $3)', [token.tokenHash, a.id, token.purpose]);
  await insertEvent(client, {
    eventKey: `${a.workflowId}:0`,
    applicationId: a.id,
    type: 'submitted',
    toStatus: 'SUBMITTED',
    actor: 'applicant',
    occurredAt: a.submittedAt,
  });
  const row = inserted.rows[0]!;
  return { referenceNumber: row.reference_number, createdAt: row.created_at };
}

/**
 * A draft becomes this application in the same transaction that stores it: its documents move
 * over before the workflow starts (so screening sees them), and a draft is submitted only once.
 */
export async function claimDraft(client: pg.ClientBase, draftId: string, application: { id: string; workflowId: string }, now: Date): Promise<void> {
  const claimed = await client.query('UPDATE application_drafts SET submitted_at = $2, application_id = $3, updated_at = $4 WHERE id = $1 AND submitted_at IS NULL', [
    draftId,
    now,
    application.id,
    new Date(),
  ]);
  if (claimed.rowCount !== 1) throw new ApiError(409, 'draft_submitted', 'errors.draft.alreadySubmitted');
  await client.query('UPDATE documents SET application_id = $2 WHERE draft_id = $1', [draftId, application.id]);
  await recordPreparation(client, draftId, application);
}

/**
 * A draft a volunteer centre prepared: the case says so ("prepared by … for …"), and its timeline
 * gets the preparation and the sending of the link, at the times they happened.
 */
async function recordPreparation(client: pg.ClientBase, draftId: string, application: { id: string; workflowId: string }): Promise<void> {
  const found = await client.query<{ prepared_by: string | null; prepared_for: string | null; shared_with_email: string | null; shared_at: Date | null; created_at: Date }>(
    'SELECT prepared_by, prepared_for, shared_with_email, shared_at, created_at FROM application_drafts WHERE id = $1',
    [draftId],
  );
  const draft = found.rows[0]!;
  if (!draft.prepared_by) return;
  await client.query('UPDATE applications SET prepared_by = $2, updated_at = $3 WHERE id = $1', [application.id, draft.prepared_by, new Date()]);
  const details = { preparedBy: draft.prepared_by, preparedFor: draft.prepared_for };
  const event = { applicationId: application.id, actor: draft.prepared_by };
  await insertEvent(client, { ...event, eventKey: `${application.workflowId}:prepared`, type: 'prepared_for_association', occurredAt: draft.created_at, details });
  if (draft.shared_at) {
    await insertEvent(client, { ...event, eventKey: `${application.workflowId}:draft-shared`, type: 'draft_shared', occurredAt: draft.shared_at, details: { ...details, sentTo: draft.shared_with_email } });
  }
}

async function insertEvent(
  client: pg.ClientBase,
  event: { eventKey: string; applicationId: string; type: string; toStatus?: string; actor: string; occurredAt: Date; details?: object },
): Promise<void> {
  await client.query(
    `INSERT INTO case_events (event_key, application_id, type, from_status, to_status, actor, occurred_at, details)
     VALUES ($1, $2, $3, NULL, $4::"ApplicationStatus", $5, $6, $7)`,
    [event.eventKey, event.applicationId, event.type, event.toStatus ?? null, event.actor, event.occurredAt, JSON.stringify(event.details ?? {})],
  );
}
