import pg from 'pg';
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

const ROUND_FIELDS = [
  'id', 'slug', 'schemeId', 'name', 'description', 'budgetOre', 'maxAmountOre', 'opensAt', 'closesAt', 'mode', 'targetGroups',
  'excludedCostCategories', 'fourEyesThresholdOre', 'reportingTiers', 'decisionCriteria', 'processSettings', 'legalFrame', 'demo',
  'grantYears', 'yearlyBudgetsOre', 'informalGroups', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof FundingRound)[];

// A column added to the schema and not here fails the typecheck: the row would lack it.
type Unlisted<T, Listed extends readonly string[]> = Exclude<keyof T, Listed[number]>;
const everyApplicationColumn: Unlisted<Application, typeof APPLICATION_FIELDS> extends never ? true : never = true;
const everyRoundColumn: Unlisted<FundingRound, typeof ROUND_FIELDS> extends never ? true : never = true;
void everyApplicationColumn;
void everyRoundColumn;

const ROUND_PREFIX = 'round.';

function column(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const SCREENED_APPLICATION_SQL = `
  SELECT ${APPLICATION_FIELDS.map((field) => `a.${column(field)} AS "${field}"`).join(', ')},
         ${ROUND_FIELDS.map((field) => `r.${column(field)} AS "${ROUND_PREFIX}${field}"`).join(', ')},
         ARRAY(SELECT d.kind FROM documents d WHERE d.application_id = a.id ORDER BY d.id) AS "documentKinds"
    FROM applications a JOIN funding_rounds r ON r.id = a.round_id
   WHERE a.id = $1`;

const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;

/**
 * The values as Prisma gives them: bigint for int8 (and its arrays), a date as midnight UTC (pg's
 * own parser would take midnight in the process's time zone); everything else as pg parses it.
 */
const parserOf = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;
const prismaTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === INT8_ARRAY) {
      const strings = parserOf(INT8_ARRAY, 'text') as (value: string) => (string | null)[];
      return (value: string) => strings(value).map((item) => (item === null ? null : BigInt(item)));
    }
    if (oid === DATE) return (value: string) => new Date(`${value}T00:00:00Z`);
    return parserOf(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * What `db.application.findUniqueOrThrow({ where: { id }, include: { round: true, documents: { select:
 * { kind: true } } } })` returns, in one statement on a plain connection: on every case Prisma 6's
 * compiling of the read cost the worker more CPU than the database spent answering it.
 */
export async function readScreenedApplication(sql: pg.Pool, applicationId: string): Promise<ScreenedApplication> {
  const result = await sql.query<Record<string, unknown>>({ text: SCREENED_APPLICATION_SQL, values: [applicationId], types: prismaTypes });
  const row = result.rows[0];
  if (!row) throw new Error(`application ${applicationId} not found`);
  const application: Record<string, unknown> = {};
  const round: Record<string, unknown> = {};
  for (const field of APPLICATION_FIELDS) application[field] = row[field];
  for (const field of ROUND_FIELDS) round[field] = row[`${ROUND_PREFIX}${field}`];
  const documents = (row.documentKinds as string[]).map((kind) => ({ kind }));
  return { ...(application as Application), round: round as FundingRound, documents };
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
