import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { tokenMatchesHash } from '../../../lib/tokens';
import { ApiError } from '../http/errors';

export type StoredDraft = NonNullable<Awaited<ReturnType<typeof findDraftWithRound>>>;

function findDraftWithRound(db: Database, id: string) {
  return db.applicationDraft.findUnique({ where: { id }, include: { round: true } });
}

/**
 * The draft its private token opens: 404 when there is no such draft, 403 when the token belongs
 * to another one (or to none). A token only ever opens its own draft: the association's, or for a
 * draft a volunteer centre prepared, the helper's.
 */
export async function draftForToken(db: Database, draftId: unknown, token: string | undefined): Promise<StoredDraft> {
  const id = z.uuid().safeParse(draftId);
  if (!id.success) throw new ApiError(404, 'not_found', 'errors.draft.notFound');
  if (!token) throw new ApiError(401, 'unauthorized', 'errors.draft.wrongToken');
  const draft = await findDraftWithRound(db, id.data);
  if (!draft) throw new ApiError(404, 'not_found', 'errors.draft.notFound');
  // A draft prepared by a volunteer centre opens with the helper's token too (it never submits).
  const helper = draft.helperTokenHash !== null && tokenMatchesHash(token, draft.helperTokenHash);
  if (!helper && !tokenMatchesHash(token, draft.tokenHash)) throw new ApiError(403, 'forbidden', 'errors.draft.wrongToken');
  return draft;
}

/** Answers cannot change once the draft became an application. */
export function assertNotSubmitted(draft: StoredDraft): void {
  if (draft.submittedAt) throw new ApiError(409, 'draft_submitted', 'errors.draft.alreadySubmitted');
}
