import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../lib/db';
import { findStaffPerson } from '../../lib/staff-people';
import { DecisionLetterError, letterParties, renderReconsiderationLetter, wordReasons, type MunicipalitySettings, type ReconsiderationLetterKind } from '../../documents/letter';
import { storeLetterPdf } from './store-letter';

const FILE_NAMES: Record<ReconsiderationLetterKind, string> = { upheld: 'genovervejelse', forwarded: 'klage-oversendt', board_upheld: 'klagenaevnets-afgoerelse' };

/** Renders a reconsideration's letter (upheld, forwarded, the klagenemnd's decision) once and keeps it with the case. */
export function createReconsiderationLetterActivities({ db, municipality }: { db: Database; municipality: MunicipalitySettings }) {
  return {
    async storeReconsiderationLetter(request: { applicationId: string; sequence: number; kind: ReconsiderationLetterKind }): Promise<{ documentId: string }> {
      const documentKey = `letter:${request.applicationId}:reconsideration:${request.sequence}:${request.kind}`;
      const existing = await db.document.findUnique({ where: { documentKey }, select: { id: true } });
      if (existing) return { documentId: existing.id };

      const application = await db.application.findUniqueOrThrow({ where: { id: request.applicationId }, include: { round: true } });
      const reconsideration = await db.reconsideration.findUniqueOrThrow({ where: { applicationId_sequence: { applicationId: request.applicationId, sequence: request.sequence } } });
      const decision = await db.decision.findUniqueOrThrow({
        where: { applicationId_sequence: { applicationId: request.applicationId, sequence: reconsideration.decisionSequence } },
      });
      const writer = (request.kind === 'board_upheld' ? reconsideration.boardRegisteredBy : reconsideration.answeredBy) ?? decision.decidedBy;
      const answered = (reconsideration.answerReasons as { criteria: string[]; text: string } | null) ?? { criteria: [], text: '' };
      const date = (request.kind === 'board_upheld' ? reconsideration.boardRegisteredAt : reconsideration.answeredAt) ?? new Date();
      const parties = letterParties({ application, date, decidedBy: writer, caseworker: await findStaffPerson(db, writer), municipality });

      let pdf: Buffer;
      try {
        pdf = await renderReconsiderationLetter({
          ...parties,
          kind: request.kind,
          requestedAt: reconsideration.requestedAt,
          decisionDate: decision.approvedAt ?? decision.decidedAt,
          reasons: wordReasons(application, answered, parties.language),
          ...(reconsideration.boardDecidedOn ? { board: { decidedOn: reconsideration.boardDecidedOn, text: reconsideration.boardText ?? '' } } : {}),
        });
      } catch (error) {
        if (error instanceof DecisionLetterError) throw ApplicationFailure.nonRetryable(error.message, 'DecisionLetterError');
        throw error;
      }
      return storeLetterPdf(db, { documentKey, applicationId: request.applicationId, kind: 'reconsideration_letter', filename: `${FILE_NAMES[request.kind]}-${parties.reference}.pdf`, pdf });
    },
  };
}
