import crypto from 'node:crypto';
import type { Database } from '../../lib/db';
import { isUniqueViolation } from '../../lib/db';

/** The document a letter was stored as under `documentKey`, if it was. */
export async function storedLetter(db: Database, documentKey: string): Promise<{ documentId: string } | null> {
  const existing = await db.document.findUnique({ where: { documentKey }, select: { id: true } });
  return existing ? { documentId: existing.id } : null;
}

/** Keeps a rendered letter with the case's documents, once per key (a retry finds the first one). */
export async function storeLetterPdf(db: Database, letter: { documentKey: string; applicationId: string; filename: string; pdf: Buffer; kind?: string }): Promise<{ documentId: string }> {
  const { documentKey, applicationId, filename, pdf, kind = 'decision_letter' } = letter;
  try {
    const created = await db.document.create({
      data: {
        documentKey,
        applicationId,
        kind,
        filename,
        contentType: 'application/pdf',
        size: pdf.length,
        sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
        content: new Uint8Array(pdf),
      },
      select: { id: true },
    });
    return { documentId: created.id };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const stored = await db.document.findUniqueOrThrow({ where: { documentKey }, select: { id: true } });
    return { documentId: stored.id };
  }
}
