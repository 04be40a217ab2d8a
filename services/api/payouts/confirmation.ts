import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import type { ConfirmedPayoutLine } from '../../../domain/csv';
import { grantApplicationWorkflowId } from '../../../domain/workflow-ids';
import { payoutConfirmedSignal, type PayoutConfirmation } from '../../../workflows/messages';
import { t, type Language } from '../../../locale';
import { ApiError, type FieldIssue } from '../http/errors';
import { recordAudit } from '../audit/log';

const isoDate = z.iso.date();
const uuid = z.uuid();

export interface ConfirmedLineResult {
  lineId: string;
  applicationId: string;
  amountOre: bigint;
  paidOn: Date;
  confirmedAt: Date;
  confirmedBy: string;
  /** False when the line was confirmed by an earlier request: nothing changed for it now. */
  newlyConfirmed: boolean;
}

/**
 * Finance confirms lines of one run as paid. All or nothing: a line that is in no run, or in
 * another run, or a payment date that is not a date, refuses the whole request (400, one issue
 * per line, in the caller's language) and nothing is stored. A line confirmed before stays as it
 * was. Each confirmed line is then told to its case's workflow, which records the payment; lines
 * confirmed before are told again, which the workflow ignores, so a request repeated after a
 * lost signal completes what the first one started.
 */
export async function confirmPayoutLines(
  deps: { db: Database; temporal: Client },
  staff: StaffIdentity,
  runId: string,
  lines: readonly ConfirmedPayoutLine[],
  language: Language,
  path: (index: number) => string = (index) => `lines.${index}.lineId`,
): Promise<ConfirmedLineResult[]> {
  const { db } = deps;
  if (!(await db.payoutRun.findUnique({ where: { id: runId }, select: { id: true } }))) throw new ApiError(404, 'not_found', 'errors.payoutRun.notFound');
  if (lines.length === 0) throw refusal([{ path: 'lines', message: t(language, 'errors.payoutConfirmation.noLines') }]);

  const ids = lines.map((line) => line.lineId).filter((id) => uuid.safeParse(id).success);
  const confirmedAt = new Date();
  const results = await db.$transaction(async (tx) => {
    // Locked, so two confirmations of the same line at the same moment confirm it once.
    const payouts = ids.length ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM payouts WHERE id = ANY(${ids}::uuid[]) FOR UPDATE` : [];
    const rows = await tx.payout.findMany({ where: { id: { in: payouts.map((row) => row.id) } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const issues: FieldIssue[] = [];
    lines.forEach((line, index) => {
      const row = byId.get(line.lineId);
      if (!row) issues.push({ path: path(index), message: t(language, 'errors.payoutConfirmation.unknownLine', { lineId: line.lineId }) });
      else if (row.payoutRunId !== runId) issues.push({ path: path(index), message: t(language, 'errors.payoutConfirmation.otherRun', { lineId: line.lineId }) });
      if (line.paidOn !== undefined && !isoDate.safeParse(line.paidOn).success) {
        issues.push({ path: path(index).replace(/lineId$/, 'paidOn'), message: t(language, 'errors.payoutConfirmation.badPaidOn') });
      }
    });
    if (issues.length) throw refusal(issues);

    const seen = new Set<string>();
    const confirmed: ConfirmedLineResult[] = [];
    for (const line of lines) {
      if (seen.has(line.lineId)) continue;
      seen.add(line.lineId);
      const row = byId.get(line.lineId)!;
      if (row.confirmedAt) {
        confirmed.push({ lineId: row.id, applicationId: row.applicationId, amountOre: row.amountOre, paidOn: row.paidOn ?? row.scheduledFor, confirmedAt: row.confirmedAt, confirmedBy: row.confirmedBy ?? '', newlyConfirmed: false });
        continue;
      }
      const paidOn = line.paidOn ? new Date(`${line.paidOn}T00:00:00Z`) : row.scheduledFor;
      await tx.payout.update({ where: { id: row.id }, data: { confirmedAt, confirmedBy: staff.email, paidOn } });
      confirmed.push({ lineId: row.id, applicationId: row.applicationId, amountOre: row.amountOre, paidOn, confirmedAt, confirmedBy: staff.email, newlyConfirmed: true });
    }
    return confirmed;
  });

  const fresh = results.filter((line) => line.newlyConfirmed);
  if (fresh.length) {
    await recordAudit(db, staff, 'payout_run.confirm', { details: { payoutRunId: runId, lineIds: fresh.map((line) => line.lineId), alreadyConfirmed: results.length - fresh.length } });
  }
  await tellWorkflows(deps, results);
  return results;
}

function refusal(issues: FieldIssue[]): ApiError {
  return new ApiError(400, 'validation_failed', 'errors.payoutConfirmation.failed', issues);
}

/** Each case's workflow records the payment; a case whose workflow has ended has nothing to record. */
async function tellWorkflows({ db, temporal }: { db: Database; temporal: Client }, lines: readonly ConfirmedLineResult[]): Promise<void> {
  const rows = await db.payout.findMany({ where: { id: { in: lines.map((line) => line.lineId) } }, select: { id: true, payoutKey: true, decisionSequence: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const line of lines) {
    const row = byId.get(line.lineId)!;
    const confirmation: PayoutConfirmation = {
      payoutKey: row.payoutKey,
      decisionSequence: row.decisionSequence,
      amountOre: Number(line.amountOre),
      paidOn: line.paidOn.toISOString().slice(0, 10),
      confirmedBy: line.confirmedBy,
      confirmedAt: line.confirmedAt.toISOString(),
    };
    try {
      await temporal.workflow.getHandle(grantApplicationWorkflowId(line.applicationId)).signal(payoutConfirmedSignal, confirmation);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
}
