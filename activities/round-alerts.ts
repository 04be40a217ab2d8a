import type { Database } from '../lib/db';
import { DEFAULT_LANGUAGE, isLanguage } from '../lib/languages';
import { enqueueOnce } from '../lib/outbox';
import { ROUNDS_PATH, roundApplyPath, unsubscribeUrl } from '../lib/round-links';
import { generateAccessToken, sha256Hex } from '../lib/tokens';
import { renderRoundAlertEmail } from '../documents/email';
import { CONFIRMATION_DAYS, dueAlerts, roundAlertMessageKey, roundPhase, type RoundAlertKind } from '../domain/round-alerts';
import { schemeText } from '../domain/scheme-texts';
import type { CaseEmailSettings } from './mail/case-emails';

const DAY_MS = 86_400_000;

/** Emails queued by one activity call at most; the workflow calls again while there are more. */
const ALERT_BATCH = 200;

export interface RoundAlertStepInput {
  /** The run's "now", one for all its steps (ISO 8601). */
  now: string;
}

export interface RoundAlertStepResult {
  queued: number;
  /** More may be due: call again. */
  more: boolean;
}

/** The alerts of the round catalogue's subscribers (README "Round alerts"). */
export function createRoundAlertActivities({ db, settings }: { db: Database; settings: CaseEmailSettings }) {
  const contact = { name: settings.municipalityDepartment, phone: settings.municipalityPhone, email: settings.municipalityEmail };

  /** The confirmed subscriptions that follow the round's scheme, were confirmed in time, and have not had this alert. */
  async function recipients(round: { id: string; schemeId: string }, kind: RoundAlertKind, confirmedBefore: Date, limit: number) {
    // The outbox key of this alert to a subscription is this prefix and the subscription's ID.
    const keyPrefix = roundAlertMessageKey(round.id, kind, '');
    // One per address, should two confirmations of one address ever have crossed.
    return db.$queryRaw<{ id: string; email: string; language: string }[]>`
      SELECT DISTINCT ON (s.email) s.id, s.email, s.language
      FROM round_subscriptions s
      WHERE s.confirmed_at IS NOT NULL AND s.confirmed_at < ${confirmedBefore}::timestamptz
        AND (s.all_schemes OR ${round.schemeId}::uuid = ANY(s.scheme_ids))
        AND NOT EXISTS (
          SELECT 1 FROM outbox_emails o
          WHERE o.message_key = ${keyPrefix}::text || s.id::text)
      ORDER BY s.email, s.confirmed_at DESC
      LIMIT ${limit}::int`;
  }

  return {
    /**
     * Queues one batch of due alerts (the outbox's unique message key per round, kind and
     * subscription makes a repeated call queue nothing twice), and deletes subscriptions whose
     * confirmation link has expired unused.
     */
    async queueRoundAlerts(input: RoundAlertStepInput): Promise<RoundAlertStepResult> {
      const now = new Date(input.now);
      await db.roundSubscription.deleteMany({ where: { confirmedAt: null, createdAt: { lt: new Date(now.getTime() - CONFIRMATION_DAYS * DAY_MS) } } });
      const rounds = await db.fundingRound.findMany({
        where: { demo: false, opensAt: { lte: now }, OR: [{ closesAt: null }, { closesAt: { gt: now } }] },
        include: { scheme: true },
        orderBy: [{ opensAt: 'asc' }, { id: 'asc' }],
      });
      let queued = 0;
      for (const round of rounds) {
        if (roundPhase(round, now) !== 'open') continue;
        for (const due of dueAlerts(round, now)) {
          const left = ALERT_BATCH - queued;
          if (left <= 0) return { queued, more: true };
          for (const subscription of await recipients(round, due.kind, due.confirmedBefore, left)) {
            const language = isLanguage(subscription.language) ? subscription.language : DEFAULT_LANGUAGE;
            const result = await enqueueOnce(
              db,
              { messageKey: roundAlertMessageKey(round.id, due.kind, subscription.id), applicationId: null, kind: `round_${due.kind}`, attachmentIds: [] },
              async () => {
                // Each email its own unsubscribe link; only the token's hash is kept.
                const token = generateAccessToken();
                await db.roundSubscriptionToken.create({ data: { tokenHash: sha256Hex(token), subscriptionId: subscription.id, purpose: 'unsubscribe' } });
                const link = unsubscribeUrl(settings.publicBaseUrl, token, language);
                return {
                  recipient: subscription.email,
                  ...renderRoundAlertEmail(
                    {
                      kind: due.kind,
                      municipalityName: settings.municipalityName,
                      roundName: round.name,
                      schemeName: schemeText(round.scheme.name, language),
                      description: round.description,
                      closesAt: round.closesAt,
                      applyUrl: new URL(roundApplyPath(round.slug), settings.publicBaseUrl).toString(),
                      catalogueUrl: new URL(ROUNDS_PATH, settings.publicBaseUrl).toString(),
                      unsubscribeUrl: link,
                      contact,
                    },
                    language,
                  ),
                  listUnsubscribe: link,
                };
              },
            );
            if (result.queued) queued += 1;
          }
        }
      }
      return { queued, more: queued >= ALERT_BATCH };
    },
  };
}
