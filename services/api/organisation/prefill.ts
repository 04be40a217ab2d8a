import type { Database } from '../../../lib/db';
import type { Jurisdiction } from '../../../lib/jurisdiction';
import { prefillAnswers, type Prefill } from '../../../domain/organisation-profile';
import { hadSubmittedBefore } from '../drafts/store';
import { lastSubmittedApplication, profileOf, storedProfile } from './profile';
import type { SignedInMember } from './session';

/** What a member's new draft starts with: the pre-filled answers, their source, and whether the organisation applied before. */
export interface MemberDraftStart extends Prefill {
  returningApplicant: boolean;
}

/** The profile and the last submitted application, as a new draft's answers (domain/organisation-profile). */
export async function memberDraftStart(db: Database, signedIn: SignedInMember, jurisdiction: Jurisdiction, now = new Date()): Promise<MemberDraftStart> {
  const [profile, last, returningApplicant] = await Promise.all([
    profileOf(db, signedIn.organisation),
    lastSubmittedApplication(db, signedIn.organisation.number),
    hadSubmittedBefore(db, signedIn.organisation.number, now),
  ]);
  return { ...prefillAnswers(signedIn.organisation.number, storedProfile(profile), last, jurisdiction), returningApplicant };
}

/** The organisation's log records who started a pre-filled draft, and when. */
export async function recordPrefilledDraft(db: Database, signedIn: SignedInMember, draftId: string, now = new Date()): Promise<void> {
  await db.organisationEvent.create({ data: { organisationId: signedIn.organisation.id, type: 'draft_prefilled', actor: signedIn.member.email, subject: draftId, occurredAt: now } });
}
