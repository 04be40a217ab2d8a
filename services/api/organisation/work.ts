import crypto from 'node:crypto';
import type { Database } from '../../../lib/db';
import type { Jurisdiction } from '../../../lib/jurisdiction';
import { organizationNumberRule } from '../../../lib/organization-number';
import { ApiError } from '../http/errors';
import type { SignedInMember } from './session';

/** The organisation's drafts (not yet sent) and cases, newest first, for its overview page. */
export async function organisationWork(db: Database, number: string) {
  const [applications, drafts] = await Promise.all([
    db.application.findMany({
      where: { organizationCvr: number },
      select: { id: true, referenceNumber: true, projectTitle: true, status: true, submittedAt: true, createdAt: true, round: { select: { name: true } } },
      orderBy: { createdAt: 'desc' },
      take: 200,
    }),
    db.applicationDraft.findMany({
      where: { submittedAt: null, anonymisedAt: null, data: { path: ['answers', 'organization', 'cvr'], equals: number } },
      select: { id: true, updatedAt: true, data: true, round: { select: { name: true } } },
      orderBy: { updatedAt: 'desc' },
      take: 200,
    }),
  ]);
  return {
    applications,
    drafts: drafts.map((draft) => ({ id: draft.id, updatedAt: draft.updatedAt, roundName: draft.round.name, title: projectTitleOf(draft.data) })),
  };
}

function projectTitleOf(data: unknown): string {
  const title = (data as { answers?: { project?: { title?: unknown } } } | null)?.answers?.project?.title;
  return typeof title === 'string' ? title : '';
}

/** The organisation number a draft names, as typed (normalised), or undefined. */
function draftNumber(data: unknown, jurisdiction: Jurisdiction): string | undefined {
  const typed = (data as { answers?: { organization?: { cvr?: unknown } } } | null)?.answers?.organization?.cvr;
  return typeof typed === 'string' ? organizationNumberRule(jurisdiction).normalize(typed) : undefined;
}

/** Whether a member may open the draft: it names their organisation's number. */
export function memberMayOpenDraft(signedIn: SignedInMember, draft: { data: unknown }, jurisdiction: Jurisdiction): boolean {
  return draftNumber(draft.data, jurisdiction) === signedIn.organisation.number;
}

/** Whether a member may open the case: its association is their organisation. */
export async function memberMayOpenCase(db: Database, signedIn: SignedInMember, applicationId: string): Promise<boolean> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { organizationCvr: true } });
  return application?.organizationCvr === signedIn.organisation.number;
}

/**
 * Records in the case's timeline that a member of the organisation did something on it (sent the
 * draft, answered, reported, …): a case event with the member's address as the actor, so staff
 * and the other members see who did what.
 */
export async function recordMemberAction(db: Database, applicationId: string, signedIn: SignedInMember, action: string, key: string = crypto.randomUUID()): Promise<void> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { status: true } });
  if (!application) return;
  await db.caseEvent.createMany({
    data: [
      {
        eventKey: `${applicationId}:member_action:${key}`,
        applicationId,
        type: 'member_action',
        fromStatus: application.status,
        toStatus: application.status,
        actor: signedIn.member.email,
        occurredAt: new Date(),
        details: { action, organisation: signedIn.organisation.number },
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * The draft a signed-in member opens without the draft's own link: 404 when there is no such
 * draft, 403 when it names another organisation.
 */
export async function draftForMember(db: Database, draftId: unknown, signedIn: SignedInMember, jurisdiction: Jurisdiction) {
  const id = typeof draftId === 'string' && /^[0-9a-f-]{36}$/i.test(draftId) ? draftId : undefined;
  const draft = id ? await db.applicationDraft.findUnique({ where: { id }, include: { round: true } }) : null;
  if (!draft) throw new ApiError(404, 'not_found', 'errors.draft.notFound');
  if (!memberMayOpenDraft(signedIn, draft, jurisdiction)) throw new ApiError(403, 'forbidden', 'errors.draft.wrongToken');
  return draft;
}

/**
 * The idempotency key of a member's submission of a draft: one per draft, derived from the
 * server's secret, so a double click by one member, or two members at once, send it once.
 */
export function memberSubmissionKey(secret: string, draftId: string): string {
  return crypto.createHmac('sha256', secret).update(`organisation-draft-submission:${draftId}`).digest('base64url');
}
