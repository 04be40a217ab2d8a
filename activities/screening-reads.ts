import type pg from 'pg';
import { FUNDING_ROUND_FIELDS, PRISMA_TYPES, pickFields, selectFields, type Unlisted } from '../lib/sql-rows';
import type { Application, FundingRound } from '../prisma/generated/client';

/** The application as screening reads it: with its round and the kinds of its documents. */
export type ScreenedApplication = Application & { round: FundingRound; documents: { kind: string }[] };

/** Every column of the two tables, by the schema's field names (columns are their snake_case). */
const APPLICATION_FIELDS = [
  'id', 'referenceNumber', 'roundId', 'grantYears', 'status', 'organizationCvr', 'organizationName', 'organizationEmail',
  'applicantKind', 'groupName', 'preparedBy', 'payoutAccount', 'contactName', 'contactEmail', 'projectTitle', 'projectPurpose',
  'targetGroup', 'isNewActivity', 'volunteers', 'expectedParticipants', 'startDate', 'endDate', 'amountRequestedOre',
  'amountGrantedOre', 'submission', 'consentContactLater', 'language', 'assignee', 'idempotencyKeyHash', 'accessTokenSealed',
  'requestFingerprint', 'workflowId', 'workflowStartedAt', 'submittedAt', 'createdAt', 'updatedAt', 'anonymisedAt',
] as const satisfies readonly (keyof Application)[];

// A column added to the schema and not here fails the typecheck: the row would lack it.
const everyApplicationColumn: Unlisted<Application, typeof APPLICATION_FIELDS> extends never ? true : never = true;
void everyApplicationColumn;

const ROUND_PREFIX = 'round.';

const SCREENED_APPLICATION_SQL = `
  SELECT ${selectFields(APPLICATION_FIELDS, 'a')},
         ${selectFields(FUNDING_ROUND_FIELDS, 'r', ROUND_PREFIX)},
         ARRAY(SELECT d.kind FROM documents d WHERE d.application_id = a.id ORDER BY d.id) AS "documentKinds"
    FROM applications a JOIN funding_rounds r ON r.id = a.round_id
   WHERE a.id = $1`;

/**
 * What `db.application.findUniqueOrThrow({ where: { id }, include: { round: true, documents: { select:
 * { kind: true } } } })` returns, in one statement on a plain connection: on every case Prisma 6's
 * compiling of the read cost the worker more CPU than the database spent answering it.
 */
export async function readScreenedApplication(sql: pg.Pool, applicationId: string): Promise<ScreenedApplication> {
  const result = await sql.query<Record<string, unknown>>({ text: SCREENED_APPLICATION_SQL, values: [applicationId], types: PRISMA_TYPES });
  const row = result.rows[0];
  if (!row) throw new Error(`application ${applicationId} not found`);
  const application = pickFields<Application>(row, APPLICATION_FIELDS);
  const round = pickFields<FundingRound>(row, FUNDING_ROUND_FIELDS, ROUND_PREFIX);
  const documents = (row.documentKinds as string[]).map((kind) => ({ kind }));
  return { ...application, round, documents };
}

export interface EarlierGrantRow {
  referenceNumber: number;
  submittedAt: Date | null;
  createdAt: Date;
  /** The latest follow-up report, if any. */
  report: { reviewOutcome: string | null; submittedAt: Date | null; dueAt: Date } | null;
}

/** The association's other applications that were granted money, each with its latest follow-up report. */
export async function readEarlierGrants(sql: pg.Pool, cvr: string, exceptApplicationId: string): Promise<EarlierGrantRow[]> {
  const result = await sql.query<{ reference_number: number; submitted_at: Date | null; created_at: Date; review_outcome: string | null; report_submitted_at: Date | null; due_at: Date | null }>(
    `SELECT a.reference_number, a.submitted_at, a.created_at, f.review_outcome, f.submitted_at AS report_submitted_at, f.due_at
       FROM applications a
       LEFT JOIN LATERAL (
         SELECT review_outcome, submitted_at, due_at FROM follow_up_reports WHERE application_id = a.id ORDER BY sequence DESC LIMIT 1
       ) f ON true
      WHERE a.organization_cvr = $1 AND a.id <> $2 AND a.amount_granted_ore > 0`,
    [cvr, exceptApplicationId],
  );
  return result.rows.map((row) => ({
    referenceNumber: row.reference_number,
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
    report: row.due_at ? { reviewOutcome: row.review_outcome, submittedAt: row.report_submitted_at, dueAt: row.due_at } : null,
  }));
}
