import { messageKey } from '../../../domain/message-key';
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../../../lib/db';
import { createSqlPool, inSqlTransaction, isUniqueViolation } from '../../../lib/db';
import type { Logger } from '../../../lib/logger';
import type { Language } from '../../../lib/languages';
import { fingerprint, generateAccessToken, seal, sha256Hex, unseal } from '../../../lib/tokens';
import type { ApplicationInput } from '../../../domain/application-input';
import { kronerToOre, oreToKroner } from '../../../domain/money';
import { formatCaseReference } from '../../../domain/reference';
import type { CaseStatus } from '../../../domain/status';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import { ApiError } from '../http/errors';
import type { WorkflowStarter } from './workflow-starter';
import { refuseUnlessOpen } from '../drafts/rounds';
import type { Config } from '../../../lib/config';
import { applicantRefusal, isInformalGroup } from '../../../domain/informal-groups';
import { municipalityContact } from '../admin/round-frame';
import { requestSponsorship } from '../sponsorship/sponsorship';
import { claimDraft, insertApplication, type NewApplication } from './store-application';
import { readFundingRound } from '../../../lib/sql-rows';

export interface SubmissionReceipt {
  id: string;
  reference: string;
  status: CaseStatus;
  accessToken: string;
  statusUrl: string;
}

export interface IntakeDependencies {
  db: Database;
  /** Plain connections for intake's transaction (`intakeSqlPool`). */
  sql: pg.Pool;
  workflows: WorkflowStarter;
  publicBaseUrl: string;
  log: Logger;
  /** The municipality's name and department, named in the email asking a sponsor to confirm. */
  config: Pick<Config, 'MUNICIPALITY_NAME' | 'MUNICIPALITY_DEPARTMENT' | 'MUNICIPALITY_PHONE' | 'MUNICIPALITY_EMAIL'>;
}

/**
 * Intake's own plain connections, apart from the rate limits'. In a rush a submission may wait up
 * to 10 s for one before its transaction starts: intake admission bounds how many wait, and a
 * refusal would send the association away with nothing stored.
 */
export function intakeSqlPool(databaseUrl: string): pg.Pool {
  return createSqlPool(databaseUrl, { max: 10, connectionTimeoutMillis: 10_000 });
}

/**
 * The account the grant is paid to, asked for only where the jurisdiction has no NemKonto (NO),
 * is kept in a column of its own, not in the stored submission: one place to correct it, and every
 * page, copy and API answer shows it masked. Danish cases stay without.
 */
function accountApart(input: ApplicationInput): { payoutAccount: string | null; submission: object } {
  if (!('bankAccount' in input.organization)) return { payoutAccount: null, submission: input };
  const { bankAccount, ...organization } = input.organization as typeof input.organization & { bankAccount: string };
  return { payoutAccount: bankAccount, submission: { ...input, organization } };
}

/**
 * Stores a submitted application with its first event, then starts its workflow. With an
 * Idempotency-Key, a repeated request returns the first receipt and starts nothing new. The
 * deadline and the submission time are judged at `arrivedAt`, when the request reached the service.
 */
export async function submitApplication(
  deps: IntakeDependencies,
  input: ApplicationInput,
  idempotencyKey: string | undefined,
  language: Language,
  options: { fromDraftId?: string; arrivedAt?: Date } = {},
): Promise<{ receipt: SubmissionReceipt; replayed: boolean }> {
  const requestFingerprint = fingerprint(input);
  const keyHash = idempotencyKey ? sha256Hex(idempotencyKey) : undefined;

  if (idempotencyKey && keyHash) {
    const replay = await findByIdempotencyKey(deps, idempotencyKey, keyHash, requestFingerprint);
    if (replay) return { receipt: replay, replayed: true };
  }

  const round = await readFundingRound(deps.sql, input.roundId);
  if (!round) throw new ApiError(404, 'round_not_found', 'errors.round.notFound', [{ path: 'roundId', message: messageKey('errors.round.notFound') }]);
  // The moment the request reached us, not when its turn came: on time is on time.
  const now = options.arrivedAt ?? new Date();
  refuseUnlessOpen(round, now);
  const refusal = applicantRefusal(input.applicant, round.informalGroups);
  if (refusal) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: 'applicant.kind', message: messageKey(refusal) }]);
  const amountOre = kronerToOre(input.amountRequested);
  if (amountOre > round.maxAmountOre) {
    throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [
      { path: 'amountRequested', message: messageKey('errors.amount.overRoundMaximum') },
    ], { max: oreToKroner(round.maxAmountOre) });
  }

  const accessToken = generateAccessToken();
  // The ID is chosen here so the workflow ID derived from it is stored with the first insert.
  const id = crypto.randomUUID();
  const workflowId = grantApplicationWorkflowId(id);
  const { payoutAccount, submission } = accountApart(input);
  const stored: NewApplication = {
    id,
    roundId: round.id,
    grantYears: round.grantYears,
    organizationCvr: input.organization.cvr,
    organizationName: input.organization.name,
    organizationEmail: input.organization.email,
    applicantKind: input.applicant.kind,
    groupName: isInformalGroup(input.applicant) ? input.applicant.groupName : null,
    payoutAccount,
    submission,
    contactName: input.contact.name,
    contactEmail: input.contact.email,
    projectTitle: input.project.title,
    projectPurpose: input.project.purpose,
    targetGroup: input.project.targetGroup,
    isNewActivity: input.project.isNew,
    volunteers: input.project.volunteers,
    expectedParticipants: input.project.expectedParticipants,
    startDate: input.project.startDate,
    endDate: input.project.endDate,
    consentContactLater: input.declarations.contactLater,
    language,
    amountRequestedOre: amountOre,
    idempotencyKeyHash: keyHash ?? null,
    accessTokenSealed: idempotencyKey ? seal(accessToken, idempotencyKey) : null,
    requestFingerprint,
    workflowId,
    submittedAt: now,
  };
  let application;
  try {
    application = await inSqlTransaction(deps.sql, async (client) => {
      const { referenceNumber, createdAt } = await insertApplication(client, stored, { tokenHash: sha256Hex(accessToken), purpose: 'submission' });
      const created = { ...stored, referenceNumber, createdAt, status: 'SUBMITTED' as const, endDate: new Date(`${stored.endDate}T00:00:00Z`) };
      if (options.fromDraftId) await claimDraft(client, options.fromDraftId, created, now);
      const mail = { publicBaseUrl: deps.publicBaseUrl, municipalityName: deps.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(deps.config) };
      await requestSponsorship(client, mail, { ...created, round }, input.applicant, language, now);
      return created;
    });
  } catch (error) {
    // Two requests with the same key raced; the other one stored the application.
    if (idempotencyKey && keyHash && isUniqueViolation(error)) {
      const replay = await findByIdempotencyKey(deps, idempotencyKey, keyHash, requestFingerprint);
      if (replay) return { receipt: replay, replayed: true };
    }
    throw error;
  }

  try {
    await deps.workflows.start(application, round);
  } catch (error) {
    // The application is stored; the reconciler starts its workflow once Temporal answers.
    deps.log.warn({ err: error, applicationId: application.id }, 'workflow not started yet; reconciler will retry');
  }
  return { receipt: toReceipt(deps, application, accessToken), replayed: false };
}

async function findByIdempotencyKey(
  deps: IntakeDependencies,
  idempotencyKey: string,
  keyHash: string,
  requestFingerprint: string,
): Promise<SubmissionReceipt | undefined> {
  const existing = await deps.db.application.findUnique({ where: { idempotencyKeyHash: keyHash } });
  if (!existing || !existing.accessTokenSealed) return undefined;
  if (existing.requestFingerprint !== requestFingerprint) {
    throw new ApiError(422, 'idempotency_key_reused', 'errors.idempotency.keyReused');
  }
  if (!existing.workflowStartedAt) {
    await deps.workflows.startStored(existing.id).catch((error) => deps.log.warn({ err: error }, 'workflow start retry failed'));
  }
  return toReceipt(deps, existing, unseal(existing.accessTokenSealed, idempotencyKey));
}

function toReceipt(
  deps: IntakeDependencies,
  application: { id: string; referenceNumber: number; status: CaseStatus | 'DRAFT'; submittedAt: Date | null; createdAt: Date },
  accessToken: string,
): SubmissionReceipt {
  return {
    id: application.id,
    reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
    status: application.status === 'DRAFT' ? 'SUBMITTED' : application.status,
    accessToken,
    statusUrl: new URL(`/api/v1/applications/${application.id}`, deps.publicBaseUrl).toString(),
  };
}
