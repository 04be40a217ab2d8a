import { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { enqueueOnce, replyToContact } from '../../../lib/outbox';
import { renderDraftResumeEmail } from '../../../documents/email';
import { ApiError } from '../http/errors';
import type { RateLimits } from '../http/rate-limits';
import type { StoredDraft } from './access';
import { resolvedLegalFrame, shippedLegalFrame, type CompleteLegalFrame } from '../../../domain/legal-frame';

/** A draft's private link: opening it sets the draft's cookie and takes the token out of the address bar. */
export function draftResumeUrl(publicBaseUrl: string, draftId: string, token: string): string {
  const url = new URL(`/kladde/${draftId}`, publicBaseUrl);
  url.searchParams.set('adgang', token);
  return url.toString();
}

export const resumeLinkSchema = z.object({ email: z.string().trim().toLowerCase().pipe(z.email().max(254)) });

/** Enough for a treasurer who loses the first email; too few to use the service to send spam. */
export const MAX_RESUME_EMAILS_PER_DRAFT = 5;

/**
 * Queues the email with the draft's private link (the mailer delivers it, and the stored copy
 * loses the token once sent). The caller holds the token: only its hash is in the database.
 */
export async function sendResumeLink(
  /** `municipalityContact`: whom the email names while the round has no contact person of its own. */
  deps: { db: Database; rateLimits: Pick<RateLimits, 'countEmailTo'>; publicBaseUrl: string; municipalityName: string; municipalityContact: CompleteLegalFrame['contact'] },
  draft: StoredDraft,
  token: string,
  email: string,
  language: Language,
): Promise<void> {
  const prefix = `draft:${draft.id}:resume:`;
  const sent = await deps.db.outboxEmail.count({ where: { messageKey: { startsWith: prefix } } });
  if (sent >= MAX_RESUME_EMAILS_PER_DRAFT) throw new ApiError(429, 'too_many_resume_emails', 'errors.draft.tooManyResumeEmails', [], { max: MAX_RESUME_EMAILS_PER_DRAFT });
  // Across drafts too: no one makes the municipality mail an address more than the limit allows.
  await deps.rateLimits.countEmailTo(email);
  const now = new Date();
  const contact = resolvedLegalFrame(draft.round.legalFrame, shippedLegalFrame(deps.municipalityContact)).contact;
  await enqueueOnce(deps.db, { messageKey: `${prefix}${sent + 1}`, applicationId: null, kind: 'draft_resume', attachmentIds: [] }, async () => ({
    recipient: email,
    ...renderDraftResumeEmail(
      {
        municipalityName: deps.municipalityName,
        roundName: draft.round.name,
        resumeUrl: draftResumeUrl(deps.publicBaseUrl, draft.id, token),
        savedAt: now,
        contact,
        ...(draft.round.closesAt ? { closesAt: draft.round.closesAt } : {}),
      },
      language,
    ),
    ...replyToContact(contact.email),
  }));
  await deps.db.applicationDraft.update({ where: { id: draft.id }, data: { resumeEmail: email, resumeSentAt: now } });
}
