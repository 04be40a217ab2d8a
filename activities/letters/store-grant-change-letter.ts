import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../lib/db';
import { findStaffPerson } from '../../lib/staff-people';
import { DecisionLetterError, letterParties, renderGrantChangeLetter, type MunicipalitySettings } from '../../documents/letter';
import type { GrantChangeKind } from '../../domain/grant-changes';
import { storeLetterPdf, storedLetter } from './store-letter';

/** Renders the decision on a change request once and keeps it with the case. */
export function createGrantChangeLetterActivities({ db, municipality }: { db: Database; municipality: MunicipalitySettings }) {
  return {
    async storeGrantChangeLetter(request: { applicationId: string; sequence: number }): Promise<{ documentId: string }> {
      const documentKey = `letter:${request.applicationId}:grant-change:${request.sequence}`;
      const existing = await storedLetter(db, documentKey);
      if (existing) return existing;

      const application = await db.application.findUniqueOrThrow({ where: { id: request.applicationId }, include: { round: true } });
      const change = await db.grantChange.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId: request.applicationId, sequence: request.sequence } } });
      if (!change.outcome || !change.decidedBy || !change.decidedAt) throw ApplicationFailure.nonRetryable(`Change ${request.sequence} of ${request.applicationId} is not decided`, 'DecisionLetterError');
      const parties = letterParties({ application, date: change.decidedAt, decidedBy: change.decidedBy, caseworker: await findStaffPerson(db, change.decidedBy), municipality });
      const approved = change.outcome === 'approved';
      let pdf: Buffer;
      try {
        pdf = await renderGrantChangeLetter({
          ...parties,
          kind: change.kind as GrantChangeKind,
          approved,
          requestedAt: change.requestedAt,
          ...(change.activity ? { activity: change.activity } : {}),
          previousPeriod: { startDate: change.previousStartDate, endDate: change.previousEndDate },
          ...(change.newStartDate && change.newEndDate ? { newPeriod: { startDate: change.newStartDate, endDate: change.newEndDate } } : {}),
          reasons: change.decisionReasons ?? '',
          ...(change.newReportDueAt ? { reportDueAt: change.newReportDueAt } : {}),
        });
      } catch (error) {
        if (error instanceof DecisionLetterError) throw ApplicationFailure.nonRetryable(error.message, 'DecisionLetterError');
        throw error;
      }
      const filename = `${approved ? 'godkendt' : 'afslag-paa'}-aendring-${parties.reference}.pdf`;
      return storeLetterPdf(db, { documentKey, applicationId: request.applicationId, kind: 'grant_change_letter', filename, pdf });
    },
  };
}
