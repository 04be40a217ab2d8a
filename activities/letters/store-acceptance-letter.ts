import type { Database } from '../../lib/db';
import { letterParties, renderAcceptanceLapseLetter, type MunicipalitySettings } from '../../documents/letter';
import { storeLetterPdf, storedLetter } from './store-letter';

/** Renders the letter saying a grant lapsed unaccepted once, and keeps it with the case. */
export function createAcceptanceLetterActivities({ db, municipality }: { db: Database; municipality: MunicipalitySettings }) {
  return {
    async storeAcceptanceLapseLetter(request: { applicationId: string; decisionSequence: number }): Promise<{ documentId: string }> {
      const documentKey = `letter:${request.applicationId}:acceptance-lapsed:${request.decisionSequence}`;
      const existing = await storedLetter(db, documentKey);
      if (existing) return existing;

      const application = await db.application.findUniqueOrThrow({ where: { id: request.applicationId }, include: { round: true } });
      const key = { applicationId_decisionSequence: { applicationId: request.applicationId, decisionSequence: request.decisionSequence } };
      const acceptance = await db.grantAcceptance.findUniqueOrThrow({ where: key });
      const decision = await db.decision.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId: request.applicationId, sequence: request.decisionSequence } } });
      // Sent by the department: no caseworker decided the lapse.
      const parties = letterParties({ application, date: acceptance.lapsedAt ?? new Date(), decidedBy: 'system', municipality });
      const pdf = await renderAcceptanceLapseLetter({
        ...parties,
        amountGrantedOre: decision.amountGrantedOre,
        decidedAt: decision.approvedAt ?? decision.decidedAt,
        acceptBy: acceptance.acceptBy,
        recipientName: acceptance.recipientName,
      });
      return storeLetterPdf(db, { documentKey, applicationId: request.applicationId, kind: 'acceptance_lapse_letter', filename: `bortfald-af-tilskud-${parties.reference}.pdf`, pdf });
    },
  };
}
