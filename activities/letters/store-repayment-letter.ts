import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../lib/db';
import { findStaffPerson } from '../../lib/staff-people';
import { DecisionLetterError, letterParties, renderRepaymentLetter, type MunicipalitySettings } from '../../documents/letter';
import type { RepaymentOutcome } from '../../domain/repayment';
import { storeLetterPdf, storedLetter } from './store-letter';

const FILE_NAMES: Record<RepaymentOutcome, string> = { confirmed: 'krav-om-tilbagebetaling', reduced: 'krav-om-tilbagebetaling', waived: 'frafald-af-tilbagebetaling', carried_over: 'overfoersel-af-midler' };

/** Renders the decision on a repayment (claim, waiver, carry-over) once and keeps it with the case. */
export function createRepaymentLetterActivities({ db, municipality, account }: { db: Database; municipality: MunicipalitySettings; account: string }) {
  return {
    async storeRepaymentLetter(request: { applicationId: string; reportSequence: number }): Promise<{ documentId: string }> {
      const documentKey = `letter:${request.applicationId}:repayment:${request.reportSequence}`;
      const existing = await storedLetter(db, documentKey);
      if (existing) return existing;

      const application = await db.application.findUniqueOrThrow({ where: { id: request.applicationId }, include: { round: true } });
      const repayment = await db.repayment.findUniqueOrThrow({ where: { applicationId_reportSequence: { applicationId: request.applicationId, reportSequence: request.reportSequence } } });
      const report = await db.followUpReport.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId: request.applicationId, sequence: request.reportSequence } } });
      if (!repayment.outcome || !repayment.decidedBy || !repayment.decidedAt) throw ApplicationFailure.nonRetryable(`Repayment of ${request.applicationId} is not decided`, 'DecisionLetterError');
      const outcome = repayment.outcome as RepaymentOutcome;
      const parties = letterParties({ application, date: repayment.decidedAt, decidedBy: repayment.decidedBy, caseworker: await findStaffPerson(db, repayment.decidedBy), municipality });
      const spentKroner = Number((report.content as { spentKroner?: number } | null)?.spentKroner ?? 0);
      const grantedOre = application.amountGrantedOre ?? repayment.proposedOre;

      let pdf: Buffer;
      try {
        pdf = await renderRepaymentLetter({
          ...parties,
          outcome,
          grantedOre,
          spentOre: BigInt(spentKroner) * 100n,
          proposedOre: repayment.proposedOre,
          claimedOre: repayment.claimedOre ?? 0n,
          reasons: repayment.reasons ?? '',
          reportAcceptedAt: report.reviewedAt ?? repayment.proposedAt,
          ...(repayment.dueAt ? { payment: { dueAt: repayment.dueAt, account } } : {}),
          ...(repayment.newPeriodEnd ? { newPeriodEnd: repayment.newPeriodEnd } : {}),
        });
      } catch (error) {
        if (error instanceof DecisionLetterError) throw ApplicationFailure.nonRetryable(error.message, 'DecisionLetterError');
        throw error;
      }
      return storeLetterPdf(db, { documentKey, applicationId: request.applicationId, kind: 'repayment_letter', filename: `${FILE_NAMES[outcome]}-${parties.reference}.pdf`, pdf });
    },
  };
}
