import crypto from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import type { Database, Prisma } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { generateAccessToken, sha256Hex } from '../../../lib/tokens';
import { OUTBOX_CHANNEL, replyToContact } from '../../../lib/outbox';
import { renderSponsorshipRequestEmail } from '../../../documents/email';
import { formatKroner } from '../../../locale';
import { formatCaseReference } from '../../../domain/reference';
import { isInformalGroup, type Applicant } from '../../../domain/informal-groups';
import { messageKey } from '../../../domain/message-key';
import { resolvedLegalFrame, shippedLegalFrame, type CompleteLegalFrame } from '../../../domain/legal-frame';
import { ApiError } from '../http/errors';

export interface SponsorshipMailSettings {
  publicBaseUrl: string;
  municipalityName: string;
  /** Whom the email names while the round has no contact person of its own. */
  municipalityContact: CompleteLegalFrame['contact'];
}

export function sponsorshipPath(applicationId: string): string {
  return `/sponsorat/${applicationId}`;
}

export function sponsorshipUrl(publicBaseUrl: string, applicationId: string, token: string): string {
  const url = new URL(sponsorshipPath(applicationId), publicBaseUrl);
  url.searchParams.set('adgang', token);
  return url.toString();
}

interface StoredApplication {
  id: string;
  referenceNumber: number;
  submittedAt: Date | null;
  createdAt: Date;
  organizationName: string;
  organizationEmail: string;
  contactName: string;
  contactEmail: string;
  projectTitle: string;
  amountRequestedOre: bigint;
  round: { name: string; legalFrame: Prisma.JsonValue };
}

/**
 * In the transaction that stores a self-organised group's application: the sponsorship waiting for
 * the sponsor's confirmation, and the email asking for it, to the sponsor's address as the
 * application gives it. Nothing for an association's own application. Plain SQL on intake's
 * connection (services/api/applications/store-application.ts); the mailer is woken at commit.
 */
export async function requestSponsorship(
  client: pg.ClientBase,
  settings: SponsorshipMailSettings,
  application: StoredApplication,
  applicant: Applicant,
  language: Language,
  now: Date,
): Promise<void> {
  if (!isInformalGroup(applicant)) return;
  const token = generateAccessToken();
  await client.query('INSERT INTO sponsorships (id, application_id, token_hash, sponsor_email, requested_at) VALUES ($1, $2, $3, $4, $5)', [
    crypto.randomUUID(),
    application.id,
    sha256Hex(token),
    application.organizationEmail,
    now,
  ]);
  const contact = resolvedLegalFrame(application.round.legalFrame, shippedLegalFrame(settings.municipalityContact)).contact;
  const email = renderSponsorshipRequestEmail(
    {
      municipalityName: settings.municipalityName,
      sponsorName: application.organizationName,
      groupName: applicant.groupName,
      contactName: application.contactName,
      contactEmail: application.contactEmail,
      projectTitle: application.projectTitle,
      amountRequested: formatKroner(language, application.amountRequestedOre / 100n),
      reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
      roundName: application.round.name,
      confirmUrl: sponsorshipUrl(settings.publicBaseUrl, application.id, token),
      contact,
    },
    language,
  );
  await client.query(
    `INSERT INTO outbox_emails (id, message_key, application_id, kind, recipient, subject, text, html, reply_to)
     VALUES ($1, $2, $3, 'sponsorship_request', $4, $5, $6, $7, $8)`,
    [crypto.randomUUID(), `${application.id}:sponsorship`, application.id, application.organizationEmail, email.subject, email.text, email.html, replyToContact(contact.email).replyTo ?? null],
  );
  await client.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}

/** The sponsorship a confirmation link opens, or undefined for a link that does not. */
export async function sponsorshipForLink(db: Database, applicationId: string, token: string | undefined) {
  if (!token) return undefined;
  const sponsorship = await db.sponsorship.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { application: { select: { id: true, organizationName: true, organizationCvr: true, groupName: true, contactName: true, projectTitle: true, amountRequestedOre: true, referenceNumber: true, submittedAt: true, createdAt: true, workflowId: true } } },
  });
  return sponsorship && sponsorship.applicationId === applicationId ? sponsorship : undefined;
}

export type OpenedSponsorship = NonNullable<Awaited<ReturnType<typeof sponsorshipForLink>>>;

/** What the sponsor types: who confirms, and the confirmation itself. */
export const sponsorshipConfirmationSchema = z.object({
  confirmedBy: z.string().trim().min(1, { message: messageKey('errors.informalGroup.confirmerRequired') }).max(200),
  confirm: z.literal(true, { message: messageKey('errors.informalGroup.confirmRequired') }),
});

/**
 * The sponsor confirms: stored with who and when, and an event on the case. Confirming twice
 * changes nothing (409): the first confirmation stands.
 */
export async function confirmSponsorship(db: Database, sponsorship: OpenedSponsorship, confirmedBy: string, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.sponsorship.updateMany({ where: { id: sponsorship.id, confirmedAt: null }, data: { confirmedAt: now, confirmedBy } });
    if (count !== 1) throw new ApiError(409, 'action_not_allowed', 'errors.informalGroup.alreadyConfirmed');
    await tx.caseEvent.create({
      data: {
        eventKey: `${sponsorship.application.workflowId}:sponsor-confirmed`,
        applicationId: sponsorship.applicationId,
        type: 'sponsor_confirmed',
        actor: 'sponsor',
        occurredAt: now,
        details: { confirmedBy, sponsor: sponsorship.application.organizationName },
      },
    });
  });
}
