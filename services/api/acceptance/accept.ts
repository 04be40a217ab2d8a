import type { Client } from '@temporalio/client';
import type { Database } from '../../../lib/db';
import { sha256Hex } from '../../../lib/tokens';
import type { SigningProvider } from '../../../lib/signing/signing-provider';
import { messageKey } from '../../../domain/message-key';
import { maySign } from '../../../domain/acceptance';
import { type AcceptanceInput } from '../../../domain/acceptance-schema';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import { acceptanceStateQuery, acceptGrantUpdate, type AcceptanceState } from '../../../workflows/acceptance-messages';
import { statusQuery } from '../../../workflows/messages';
import { privateLinkVerdict, type LinkVerdict } from '../private-links/verdict';
import { ApiError } from '../http/errors';
import { workflowCall } from '../http/workflow-errors';

// Accepting a grant's conditions before payout, for the acceptance page and the JSON API alike:
// the same checks either way, and nothing stored before they pass.

/** The access tokens of acceptance links carry this purpose; only they open the acceptance page. */
export const ACCEPTANCE_LINK_PURPOSE = 'acceptance';

/** Whether the token is an acceptance link of this application (and still valid). */
export async function acceptanceLinkVerdict(db: Database, applicationId: string, token: string | undefined, ttlMs: number): Promise<LinkVerdict> {
  const verdict = await privateLinkVerdict(db, applicationId, token, ttlMs);
  if (verdict !== 'granted') return verdict;
  const grant = await db.accessToken.findUnique({ where: { tokenHash: sha256Hex(token!) }, select: { purpose: true } });
  return grant?.purpose === ACCEPTANCE_LINK_PURPOSE ? 'granted' : 'forbidden';
}

/** The case's latest acceptance, as stored (null when its grant needed none). */
export function latestAcceptance(db: Database, applicationId: string) {
  return db.grantAcceptance.findFirst({ where: { applicationId }, orderBy: { decisionSequence: 'desc' } });
}

export type AcceptanceRecord = NonNullable<Awaited<ReturnType<typeof latestAcceptance>>>;

const notAllowed = (status: string) => new ApiError(409, 'acceptance_not_allowed', 'errors.acceptance.notAllowed', [{ path: 'status', message: messageKey('errors.acceptance.notAllowed') }], { status });

/**
 * The signatory accepts: 409 naming the status unless the case waits for this acceptance, 403 with
 * the field when the name is not among those who may sign (nothing stored, nothing signed); else
 * the signing provider signs the statement and the workflow records it and registers the payout.
 */
export async function acceptGrant(
  { db, temporal, signing }: { db: Database; temporal: Client; signing: SigningProvider },
  applicationId: string,
  input: AcceptanceInput,
  updateId?: string,
): Promise<AcceptanceState> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { organizationCvr: true, organizationName: true } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const handle = temporal.workflow.getHandle(grantApplicationWorkflowId(applicationId));
  const [status, state] = await workflowCall(() => Promise.all([handle.query(statusQuery), handle.query(acceptanceStateQuery).catch(() => null)]));
  const record = await latestAcceptance(db, applicationId);
  if (status !== 'AWAITING_ACCEPTANCE' || !state || state.acceptedAt || state.lapsed || !record || record.decisionSequence !== state.decisionSequence) throw notAllowed(status);
  if (!maySign(input.signerName, state.signatories)) {
    throw new ApiError(403, 'not_signatory', 'errors.acceptance.notSignatory', [{ path: 'signerName', message: messageKey('errors.acceptance.notSignatory') }]);
  }
  const signed = await signing.sign({
    applicationId,
    decisionSequence: record.decisionSequence,
    organizationCvr: application.organizationCvr,
    organizationName: application.organizationName,
    signerName: input.signerName.trim(),
    conditionsVersion: record.conditionsVersion,
    conditionsHash: record.conditionsHash,
    signedAt: new Date().toISOString(),
  });
  return workflowCall(() => handle.executeUpdate(acceptGrantUpdate, { args: [{ signerName: input.signerName.trim(), signed }], updateId }));
}
