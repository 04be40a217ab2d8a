import { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';

export const NOTE_MAX_LENGTH = 4000;

export const caseNoteSchema = z.object({ text: z.string().trim().min(1).max(NOTE_MAX_LENGTH) });

/** Internal notes: staff only, never shown to the association. */
export function addCaseNote(db: Database, staff: StaffIdentity, applicationId: string, text: string) {
  return db.caseNote.create({ data: { applicationId, authorId: staff.id, authorName: staff.name, text } });
}

export function caseNotes(db: Database, applicationId: string) {
  return db.caseNote.findMany({ where: { applicationId }, orderBy: { createdAt: 'asc' } });
}
