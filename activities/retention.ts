import { log } from '@temporalio/activity';
import type { Database, Prisma } from '../lib/db';
import { CLOSED_CASE_STATUSES } from '../domain/private-link';
import { retentionCutoff, retentionRule, type RetentionKind, type RetentionSettings } from '../domain/retention';
import { anonymiseCases, expiredCases } from './retention-cases';

// The retention run's steps (README "Retention"). Each call handles one batch of one kind in one
// transaction, and records its count in retention_log in that same transaction: a retried call
// finds the rows it already handled gone or anonymised, changes nothing more, and counts zero.

export interface RetentionActivitySettings {
  periods: RetentionSettings;
  /** How long private links keep opening a case after it closed (PRIVATE_LINK_TTL). */
  privateLinkTtlMs: number;
  /** A staff session ends this long after it was last used (STAFF_SESSION_IDLE_TIMEOUT). */
  sessionIdleMs: number;
  timeZone: string;
}

export interface RetentionStepInput {
  kind: RetentionKind;
  /** The workflow's ID and run, recorded with the count. */
  runId: string;
  /** The run's "now" (ISO), the same for every step of one run. */
  now: string;
}

export interface RetentionStepResult {
  kind: RetentionKind;
  action: 'delete' | 'anonymise';
  count: number;
  /** A full batch: there may be more to do. */
  more: boolean;
}

/** Rows per transaction. Drafts and cases carry uploads, so their batches are smaller. */
const BATCH = 500;
const CASE_BATCH = 50;

/**
 * domain/retention.ts organisationNoLongerApplies, for the organisation aliased `o`, at the cutoff
 * $1: no members, no application sent since the cutoff, no draft naming its number changed since.
 * The one condition the kept documents' and the profiles' steps both use.
 */
const ORGANISATION_NO_LONGER_APPLIES = `(NOT EXISTS (SELECT 1 FROM organisation_members m WHERE m.organisation_id = o.id)
   AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.organization_cvr = o.number AND a.created_at >= $1)
   AND NOT EXISTS (SELECT 1 FROM application_drafts dr WHERE dr.updated_at >= $1 AND dr.data #>> '{answers,organization,cvr}' = o.number))`;

type Tx = Prisma.TransactionClient;
type Step = (tx: Tx, cutoff: Date, now: Date, limit: number) => Promise<number>;

function createSteps(settings: RetentionActivitySettings): Record<RetentionKind, { limit: number; run: Step }> {
  const rows = (sql: string): Step => (tx, cutoff, _now, limit) => tx.$executeRawUnsafe(sql, cutoff, limit);
  const cases = (granted: boolean): Step => async (tx, cutoff, now, limit) => {
    const ids = await expiredCases(tx, { granted, cutoff, limit });
    await anonymiseCases(tx, ids, now);
    return ids.length;
  };
  return {
    draft: {
      limit: CASE_BATCH,
      run: (tx, cutoff, now, limit) =>
        tx.$executeRawUnsafe(
        `WITH expired AS (
           SELECT id FROM application_drafts WHERE submitted_at IS NULL AND anonymised_at IS NULL AND updated_at < $1
           ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED),
         uploads AS (DELETE FROM documents WHERE draft_id IN (SELECT id FROM expired))
         UPDATE application_drafts d SET data = '{}'::jsonb, resume_email = NULL, anonymised_at = $3,
           token_hash = md5(random()::text || d.id::text) || md5(clock_timestamp()::text || d.id::text)
         FROM expired WHERE d.id = expired.id`,
          cutoff,
          limit,
          now,
        ),
    },
    case_refused: { limit: CASE_BATCH, run: cases(false) },
    case_granted: { limit: CASE_BATCH, run: cases(true) },
    payout_run: {
      limit: BATCH,
      run: rows(
        `UPDATE payout_runs SET csv = '' WHERE id IN (
           SELECT id FROM payout_runs WHERE csv <> '' AND created_at < $1
           ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      ),
    },
    email_body: {
      limit: BATCH,
      run: rows(
        `UPDATE outbox_emails SET recipient = '', subject = '', text = '', html = '', reply_to = NULL, list_unsubscribe = NULL, last_error = NULL WHERE id IN (
           SELECT id FROM outbox_emails WHERE status = 'sent' AND sent_at < $1
             AND (recipient <> '' OR subject <> '' OR text <> '' OR html <> '')
           ORDER BY sent_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      ),
    },
    staff_session: {
      limit: BATCH,
      // A session ends at its absolute expiry, when it was revoked, or after the idle timeout.
      run: (tx, cutoff, now, limit) =>
        tx.$executeRawUnsafe(
          `DELETE FROM staff_sessions WHERE token_hash IN (
             SELECT token_hash FROM staff_sessions
             WHERE least(expires_at, coalesce(revoked_at, expires_at), last_seen_at + $3::float8 * interval '1 millisecond') < $1
             LIMIT $2 FOR UPDATE SKIP LOCKED)`,
          cutoff,
          limit,
          settings.sessionIdleMs,
        ),
    },
    login_attempt: {
      limit: BATCH,
      run: rows(`DELETE FROM staff_login_attempts WHERE id IN (SELECT id FROM staff_login_attempts WHERE at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`),
    },
    private_link: {
      limit: BATCH,
      // Revoked, or expired PRIVATE_LINK_TTL after its case closed (or after it was issued, if later).
      run: (tx, cutoff, _now, limit) =>
        tx.$executeRawUnsafe(
          `DELETE FROM access_tokens WHERE token_hash IN (
             SELECT t.token_hash FROM access_tokens t JOIN applications a ON a.id = t.application_id
             WHERE t.revoked_at < $1
                OR (a.status::text = ANY($3::text[]) AND greatest(t.created_at,
                      (SELECT max(e.occurred_at) FROM case_events e WHERE e.application_id = a.id AND e.to_status::text = ANY($3::text[])))
                    < $1 - $4::float8 * interval '1 millisecond')
             LIMIT $2 FOR UPDATE OF t SKIP LOCKED)`,
          cutoff,
          limit,
          [...CLOSED_CASE_STATUSES],
          settings.privateLinkTtlMs,
        ),
    },
    rate_limit: {
      limit: BATCH,
      run: rows(`DELETE FROM rate_limits WHERE key IN (SELECT key FROM rate_limits WHERE expire < extract(epoch FROM $1::timestamptz) * 1000 LIMIT $2 FOR UPDATE SKIP LOCKED)`),
    },
    access_log: {
      limit: BATCH,
      run: rows(`DELETE FROM staff_access_log WHERE id IN (SELECT id FROM staff_access_log WHERE at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`),
    },
    audit_log: {
      limit: BATCH,
      run: rows(`DELETE FROM staff_audit_log WHERE id IN (SELECT id FROM staff_audit_log WHERE at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`),
    },
    organisation_sign_in_link: {
      limit: BATCH,
      // A link ends when it is used or at its expiry, whichever came first; each holds a member's address.
      run: rows(
        `DELETE FROM organisation_sign_in_tokens WHERE token_hash IN (
           SELECT token_hash FROM organisation_sign_in_tokens WHERE least(expires_at, coalesce(used_at, expires_at)) < $1
           LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      ),
    },
    organisation_session: {
      limit: BATCH,
      // Signing out deletes the row, and a removed member's sessions go with the membership: what is left ends at its expiry.
      run: rows(`DELETE FROM organisation_sessions WHERE token_hash IN (SELECT token_hash FROM organisation_sessions WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`),
    },
    organisation_log: {
      limit: BATCH,
      // The membership's changes are kept RETENTION_STAFF_LOGS; a member's sign-ins only as long as
      // staff sign-in attempts are (RETENTION_LOGIN_ATTEMPTS).
      run: (tx, cutoff, now, limit) =>
        tx.$executeRawUnsafe(
          `DELETE FROM organisation_events WHERE id IN (
             SELECT id FROM organisation_events WHERE occurred_at < $1 OR (type = 'signed_in' AND occurred_at < $3)
             LIMIT $2 FOR UPDATE SKIP LOCKED)`,
          cutoff,
          limit,
          retentionCutoff(retentionRule('login_attempt'), settings.periods, now, settings.timeZone),
        ),
    },
    organisation_document: {
      limit: CASE_BATCH,
      // domain/organisation-documents.ts archiveDocumentExpired: replaced before the cutoff; or
      // of an organisation that no longer applies. A case's own copy
      // (documents.from_organisation_document_id) is the case's and stays.
      run: rows(
        `DELETE FROM organisation_documents WHERE id IN (
           SELECT d.id FROM organisation_documents d JOIN organisations o ON o.id = d.organisation_id
           WHERE d.replaced_at < $1 OR ${ORGANISATION_NO_LONGER_APPLIES}
           LIMIT $2 FOR UPDATE OF d SKIP LOCKED)`,
      ),
    },
    organisation_profile: {
      limit: BATCH,
      // The profile of an organisation that no longer applies. A member who signs in later (as
      // the organisation's first member again) gets a new one, made from the last application
      // (services/api/organisation/profile.ts profileOf); the cases keep what they were sent with.
      run: rows(
        `DELETE FROM organisation_profiles WHERE organisation_id IN (
           SELECT p.organisation_id FROM organisation_profiles p JOIN organisations o ON o.id = p.organisation_id
           WHERE ${ORGANISATION_NO_LONGER_APPLIES}
           LIMIT $2 FOR UPDATE OF p SKIP LOCKED)`,
      ),
    },
  };
}

export function createRetentionActivities({ db, retention }: { db: Database; retention: RetentionActivitySettings }) {
  const steps = createSteps(retention);
  return {
    /** Deletes or anonymises one batch of expired rows of one kind, and records how many. */
    async applyRetention(input: RetentionStepInput): Promise<RetentionStepResult> {
      const rule = retentionRule(input.kind);
      const now = new Date(input.now);
      const cutoff = retentionCutoff(rule, retention.periods, now, retention.timeZone);
      const step = steps[input.kind];
      const count = await db.$transaction(
        async (tx) => {
          const changed = await step.run(tx, cutoff, now, step.limit);
          await tx.retentionLog.create({ data: { runId: input.runId, kind: input.kind, action: rule.action, count: changed } });
          return changed;
        },
        { maxWait: 10_000, timeout: 120_000 },
      );
      // Counts only: never what was removed.
      log.info('retention step', { kind: input.kind, action: rule.action, count, cutoff: cutoff.toISOString() });
      return { kind: input.kind, action: rule.action, count, more: count >= step.limit };
    },
  };
}
