import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { enqueueOnce } from '../../../lib/outbox';
import { confirmSubscriptionUrl } from '../../../lib/round-links';
import { generateAccessToken, sha256Hex } from '../../../lib/tokens';
import { renderRoundSubscriptionConfirmEmail } from '../../../documents/email';
import { CONFIRMATION_DAYS } from '../../../domain/round-alerts';
import type { RoundSubscriptionInput } from '../../../domain/round-subscription-input';
import { messageKey } from '../../../domain/message-key';
import { schemeText } from '../../../domain/scheme-texts';
import { ApiError } from '../http/errors';
import type { RateLimits } from '../http/rate-limits';

const DAY_MS = 86_400_000;

export interface SubscriptionDeps {
  db: Database;
  rateLimits: Pick<RateLimits, 'countEmailTo'>;
  publicBaseUrl: string;
  municipalityName: string;
  /** The municipality's department, named in the email as whom to ask. */
  municipalityContact: { name: string; phone: string; email: string };
}

/**
 * Stores a request for round alerts, unconfirmed, and mails its confirmation link to the address.
 * Whether the address is subscribed already changes nothing here, so the answer cannot tell; its
 * owner confirms again, and the new choice replaces the old one then.
 */
export async function requestRoundSubscription(deps: SubscriptionDeps, input: RoundSubscriptionInput, language: Language): Promise<void> {
  const { db } = deps;
  const schemes = input.allSchemes ? [] : await db.scheme.findMany({ where: { slug: { in: input.schemes } }, orderBy: { createdAt: 'asc' } });
  if (!input.allSchemes && schemes.length !== new Set(input.schemes).size) {
    throw new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: 'schemes', message: messageKey('errors.subscription.unknownScheme') }]);
  }
  // No one makes the municipality mail an address more often than the limit allows.
  await deps.rateLimits.countEmailTo(input.email);
  const token = generateAccessToken();
  const subscription = await db.roundSubscription.create({
    data: {
      email: input.email,
      language,
      allSchemes: input.allSchemes,
      schemeIds: schemes.map((scheme) => scheme.id),
      tokens: { create: { tokenHash: sha256Hex(token), purpose: 'confirm' } },
    },
  });
  await enqueueOnce(db, { messageKey: `round-subscription:${subscription.id}:confirm`, applicationId: null, kind: 'round_subscription_confirm', attachmentIds: [] }, async () => ({
    recipient: input.email,
    ...renderRoundSubscriptionConfirmEmail(
      {
        municipalityName: deps.municipalityName,
        confirmUrl: confirmSubscriptionUrl(deps.publicBaseUrl, token, language),
        ...(input.allSchemes ? {} : { schemeNames: schemes.map((scheme) => schemeText(scheme.name, language)) }),
        validDays: CONFIRMATION_DAYS,
        contact: deps.municipalityContact,
      },
      language,
    ),
  }));
}

/** A token from a link, as the address bar or a form gave it: only this shape is ever looked up. */
export function tokenFrom(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The subscription a confirmation link belongs to, while the link works. */
export async function pendingConfirmation(db: Database, token: string, now = new Date()) {
  const row = await db.roundSubscriptionToken.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { subscription: true } });
  if (!row || row.purpose !== 'confirm' || row.subscription.confirmedAt) return undefined;
  if (row.subscription.createdAt.getTime() + CONFIRMATION_DAYS * DAY_MS <= now.getTime()) return undefined;
  return row.subscription;
}

/**
 * Confirms a subscription: from now on it gets alerts. The address's earlier confirmed
 * subscription, if any, gives way to it (one subscription per address); the unsubscribe links of
 * the emails it had go on working, for the new one. False when the link does not work (unknown,
 * used, or older than the confirmation period).
 */
export async function confirmRoundSubscription(db: Database, token: string, now = new Date()): Promise<boolean> {
  const subscription = await pendingConfirmation(db, token, now);
  if (!subscription) return false;
  const earlier = { email: subscription.email, confirmedAt: { not: null }, id: { not: subscription.id } };
  await db.$transaction([
    db.roundSubscriptionToken.updateMany({ where: { purpose: 'unsubscribe', subscription: earlier }, data: { subscriptionId: subscription.id } }),
    db.roundSubscription.deleteMany({ where: earlier }),
    db.roundSubscriptionToken.deleteMany({ where: { subscriptionId: subscription.id, purpose: 'confirm' } }),
    db.roundSubscription.update({ where: { id: subscription.id }, data: { confirmedAt: now } }),
  ]);
  return true;
}

/**
 * Ends the round alerts to the address an alert's unsubscribe link was sent to: its subscriptions,
 * confirmed or waiting, are deleted with their tokens (the link proves the mailbox is the reader's).
 * False when the link is unknown (never issued, or its subscription ended already).
 */
export async function unsubscribeRoundAlerts(db: Database, token: string): Promise<boolean> {
  const row = await db.roundSubscriptionToken.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { subscription: { select: { email: true } } } });
  if (!row || row.purpose !== 'unsubscribe') return false;
  const { count } = await db.roundSubscription.deleteMany({ where: { email: row.subscription.email } });
  return count > 0;
}
