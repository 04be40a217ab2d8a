import type { Database, Prisma } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { enqueueOnce, replyToContact } from '../../../lib/outbox';
import { generateAccessToken, sha256Hex, tokenMatchesHash } from '../../../lib/tokens';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { renderHelperDraftEmail } from '../../../documents/email';
import type { HelperDraftInput } from '../../../domain/helper-draft-input';
import { messageKey } from '../../../domain/message-key';
import { FORM_STEPS } from '../../../domain/draft-steps';
import { resolvedLegalFrame, shippedLegalFrame, type CompleteLegalFrame } from '../../../domain/legal-frame';
import { recordAudit } from '../audit/log';
import { ApiError } from '../http/errors';
import type { RateLimits } from '../http/rate-limits';
import type { StoredDraft } from './access';
import { draftResumeUrl } from './resume-link';
import { findOpenRound } from './rounds';

// A staff member of the local volunteer centre drafts an application on an association's behalf.
// The draft has two tokens: the helper's (kept in the helper's browser) opens and changes it but
// never submits it; the association's is made when the helper sends the draft's private link to
// the association's address, and only it submits. Who prepared it, for whom and when the link was
// sent stay on the draft and become events on the case once the association submits.

/** Whether the token that opened the draft is the helper's (it may change the draft, never send it). */
export function isHelperToken(draft: Pick<StoredDraft, 'helperTokenHash'>, token: string | undefined): boolean {
  return Boolean(token && draft.helperTokenHash && tokenMatchesHash(token, draft.helperTokenHash));
}

/** "Name, title" as the staff account has it: what the association and the caseworker see. */
async function helperName(db: Database, staff: StaffIdentity): Promise<string> {
  const user = await db.staffUser.findUnique({ where: { id: staff.id }, select: { name: true, title: true } });
  return [user?.name ?? staff.name, user?.title].filter(Boolean).join(', ');
}

/** A new draft prepared for an association; returns the helper's token, which opens it in the helper's browser. */
export async function prepareDraftForAssociation(db: Database, staff: StaffIdentity, input: HelperDraftInput, language: Language): Promise<{ id: string; helperToken: string }> {
  const round = await findOpenRound(db, { id: input.roundId }).catch((error: unknown) => {
    if (error instanceof ApiError) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: 'roundId', message: messageKey('errors.helper.roundNotOpen') }]);
    throw error;
  });
  const helperToken = generateAccessToken();
  const preparedBy = await helperName(db, staff);
  const draft = await db.applicationDraft.create({
    data: {
      // Until the helper sends the link, no association token exists: this one is never given to anyone.
      tokenHash: sha256Hex(generateAccessToken()),
      helperTokenHash: sha256Hex(helperToken),
      roundId: round.id,
      language,
      data: { answers: { organization: { name: input.associationName, email: input.associationEmail } } } as Prisma.InputJsonValue,
      currentStep: FORM_STEPS[0],
      furthestStep: FORM_STEPS[0],
      preparedByStaffId: staff.id,
      preparedBy,
      preparedFor: input.associationName,
      sharedWithEmail: input.associationEmail,
    },
    select: { id: true },
  });
  await recordAudit(db, staff, 'draft.prepare', { details: { draftId: draft.id, preparedFor: input.associationName, roundId: round.id } });
  return { id: draft.id, helperToken };
}

/** The drafts a helper has prepared, newest first. */
export function preparedDrafts(db: Database, staff: StaffIdentity) {
  return db.applicationDraft.findMany({
    where: { preparedByStaffId: staff.id },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: { id: true, preparedFor: true, sharedWithEmail: true, sharedAt: true, submittedAt: true, createdAt: true, round: { select: { name: true } } },
  });
}

/**
 * The helper sends the draft's private link to the association's address: a fresh association
 * token (an earlier link stops working), the email, and when it was sent. Only the helper's token
 * does this, and only before the association has submitted.
 */
export async function shareDraftWithAssociation(
  deps: { db: Database; rateLimits: Pick<RateLimits, 'countEmailTo'>; publicBaseUrl: string; municipalityName: string; municipalityContact: CompleteLegalFrame['contact'] },
  draft: StoredDraft,
  token: string,
  language: Language,
  now = new Date(),
): Promise<void> {
  if (!isHelperToken(draft, token) || !draft.sharedWithEmail) throw new ApiError(403, 'forbidden', 'errors.helper.shareNotAllowed');
  await deps.rateLimits.countEmailTo(draft.sharedWithEmail);
  const associationToken = generateAccessToken();
  const { count } = await deps.db.applicationDraft.updateMany({ where: { id: draft.id, submittedAt: null }, data: { tokenHash: sha256Hex(associationToken), sharedAt: now } });
  if (count !== 1) throw new ApiError(409, 'draft_submitted', 'errors.draft.alreadySubmitted');
  const contact = resolvedLegalFrame(draft.round.legalFrame, shippedLegalFrame(deps.municipalityContact)).contact;
  await enqueueOnce(deps.db, { messageKey: `draft:${draft.id}:shared:${now.getTime()}`, applicationId: null, kind: 'draft_prepared', attachmentIds: [] }, async () => ({
    recipient: draft.sharedWithEmail!,
    ...renderHelperDraftEmail(
      {
        municipalityName: deps.municipalityName,
        roundName: draft.round.name,
        preparedBy: draft.preparedBy ?? '',
        preparedFor: draft.preparedFor ?? '',
        draftUrl: draftResumeUrl(deps.publicBaseUrl, draft.id, associationToken),
        contact,
        ...(draft.round.closesAt ? { closesAt: draft.round.closesAt } : {}),
      },
      language,
    ),
    ...replyToContact(contact.email),
  }));
}

/** The helper's token never submits: the association reviews the draft and sends it itself. */
export function refuseHelperSubmission(draft: Pick<StoredDraft, 'helperTokenHash'>, token: string | undefined): void {
  if (isHelperToken(draft, token)) throw new ApiError(403, 'helper_cannot_submit', 'errors.helper.cannotSubmit');
}
