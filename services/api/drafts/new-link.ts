import crypto from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../../lib/db';
import { isLanguage } from '../../../lib/languages';
import { enqueueOnce, replyToContact } from '../../../lib/outbox';
import { generateAccessToken, sha256Hex } from '../../../lib/tokens';
import { renderDraftResumeEmail } from '../../../documents/email';
import { resolvedLegalFrame, shippedLegalFrame, type CompleteLegalFrame } from '../../../domain/legal-frame';
import { ApiError } from '../http/errors';
import type { RateLimits } from '../http/rate-limits';
import { draftResumeUrl } from './resume-link';
import { draftData } from './store';

/** The new-link form of a draft whose link did not open binds its CSRF token to the draft. */
export function draftNewLinkCsrfBinding(draftId: string): string {
  return `new-link-draft:${draftId}`;
}

/** The address the draft registered: where its link was last sent, else the contact person's in the answers. */
function registeredAddress(draft: { resumeEmail: string | null; data: unknown }): string | undefined {
  if (draft.resumeEmail) return draft.resumeEmail;
  const contact = draftData(draft.data).answers.contact as { email?: unknown } | undefined;
  const email = z.email().safeParse(typeof contact?.email === 'string' ? contact.email.trim().toLowerCase() : undefined);
  return email.success ? email.data : undefined;
}

/**
 * Replaces the draft's private token (the old link stops working) and mails the new link to the
 * registered address only; a draft with no address gets nothing (the answer does not tell).
 */
export async function sendNewDraftLink(
  deps: { db: Database; rateLimits: Pick<RateLimits, 'countEmailTo'>; publicBaseUrl: string; municipalityName: string; municipalityContact: CompleteLegalFrame['contact'] },
  draftId: string,
): Promise<void> {
  const id = z.uuid().safeParse(draftId);
  const draft = id.success ? await deps.db.applicationDraft.findUnique({ where: { id: id.data }, include: { round: true } }) : null;
  if (!draft) throw new ApiError(404, 'not_found', 'errors.draft.notFound');
  if (draft.submittedAt) throw new ApiError(409, 'draft_submitted', 'errors.draft.alreadySubmitted');
  const recipient = registeredAddress(draft);
  if (!recipient) return;
  await deps.rateLimits.countEmailTo(recipient);
  const token = generateAccessToken();
  const contact = resolvedLegalFrame(draft.round.legalFrame, shippedLegalFrame(deps.municipalityContact)).contact;
  await deps.db.applicationDraft.update({ where: { id: draft.id }, data: { tokenHash: sha256Hex(token) } });
  await enqueueOnce(deps.db, { messageKey: `draft:${draft.id}:new-link:${crypto.randomUUID()}`, applicationId: null, kind: 'draft_resume', attachmentIds: [] }, async () => ({
    recipient,
    ...renderDraftResumeEmail(
      {
        municipalityName: deps.municipalityName,
        roundName: draft.round.name,
        resumeUrl: draftResumeUrl(deps.publicBaseUrl, draft.id, token),
        savedAt: draft.updatedAt,
        contact,
        ...(draft.round.closesAt ? { closesAt: draft.round.closesAt } : {}),
      },
      isLanguage(draft.language) ? draft.language : 'da',
    ),
    ...replyToContact(contact.email),
  }));
}
