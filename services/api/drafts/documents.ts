import type { Database } from '../../../lib/db';
import { roundReportingTiers } from '../../../domain/rounds';
import { kronerToOre } from '../../../domain/money';
import { requiredApplicationDocuments, type ApplicationDocumentKind } from '../../../domain/tiers';
import type { DraftAnswers } from '../../../domain/draft-steps';
import type { FundingRound } from '../../../prisma/generated/client';

/** The documents the round's tiers ask for at the amount the draft asks for (none before an amount is given). */
export function documentsAskedFor(round: Pick<FundingRound, 'reportingTiers'>, answers: DraftAnswers): ApplicationDocumentKind[] {
  const requested = answers.amountRequested;
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested <= 0) return [];
  return requiredApplicationDocuments(kronerToOre(requested), roundReportingTiers(round));
}

export function draftDocuments(db: Database, draftId: string) {
  return db.document.findMany({
    where: { draftId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, kind: true, filename: true, contentType: true, size: true, createdAt: true, fromOrganisationDocumentId: true },
  });
}

/** Removes one of the draft's own uploads; another owner's document is never touched. */
export async function removeDraftDocument(db: Database, draftId: string, documentId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) return false;
  const removed = await db.document.deleteMany({ where: { id: documentId, draftId, applicationId: null } });
  return removed.count === 1;
}
