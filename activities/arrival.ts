import crypto from 'node:crypto';
import type pg from 'pg';
import type { Database } from '../lib/db';
import { OUTBOX_CHANNEL } from '../lib/outbox';
import type { BusinessRegister } from '../lib/register';
import type { Jurisdiction } from '../domain/jurisdiction';
import type { CaseStatus } from '../domain/status';
import { readScreenedApplication } from './screening-reads';
import { createCaseEmailComposer, type AccessTokenRow, type CaseEmailSettings } from './mail/case-emails';
import { applicationLanguage, evaluateScreening, screeningOutcome, storedScreeningOutcome, type ScreeningOutcome } from './screening';

export interface ArrivalInput {
  applicationId: string;
  screeningKey: string;
  /** The receipt's outbox key ("<applicationId>:receipt:1"). */
  receiptKey: string;
  /** "Screening started": its event key and the time the workflow gives it. */
  screeningStarted: { eventKey: string; occurredAt: string; from: CaseStatus };
  /** The key the "queued" event takes when nothing is missing. */
  queuedEventKey: string;
}

export interface ArrivalOutcome extends ScreeningOutcome {
  /** When the case entered the queue; null when it did not (a late submission, or something missing). */
  queuedAt: string | null;
}

const UNIQUE_VIOLATION = '23505';

/**
 * A new case's first step: its receipt email, "screening started", the automatic checks and, when
 * nothing is missing, "queued" — one activity and one transaction instead of four activities, so a
 * case costs the workflow engine one activity task and two workflow tasks to reach the queue. Run
 * twice, the second run finds the stored screening and answers from it: the transaction either
 * wrote all of it or none.
 *
 * Its reads and the transaction's statements go through plain connections (`sql`): on every case,
 * Prisma 6's compiling of each query cost more CPU than the database spent running them.
 */
export function createArrivalActivities(deps: { db: Database; sql: pg.Pool; register: BusinessRegister; jurisdiction: Jurisdiction; settings: CaseEmailSettings }) {
  const { db, sql } = deps;
  const { compose } = createCaseEmailComposer({ db, settings: deps.settings });

  async function storedOutcome(input: ArrivalInput, language: ReturnType<typeof applicationLanguage>): Promise<ArrivalOutcome | null> {
    const stored = await sql.query<{ results: unknown; missing_items: unknown; queued_at: Date | null }>(
      `SELECT s.results, s.missing_items, e.occurred_at AS queued_at
         FROM screenings s LEFT JOIN case_events e ON e.event_key = $2 AND e.type = 'queued'
        WHERE s.screening_key = $1`,
      [input.screeningKey, input.queuedEventKey],
    );
    const row = stored.rows[0];
    if (!row) return null;
    return { ...storedScreeningOutcome({ results: row.results, missingItems: row.missing_items }, language, deps.jurisdiction), queuedAt: row.queued_at?.toISOString() ?? null };
  }

  return {
    async receiveApplication(input: ArrivalInput): Promise<ArrivalOutcome> {
      const { applicationId } = input;
      const application = await readScreenedApplication(sql, applicationId);
      const language = applicationLanguage(application);
      const earlier = await storedOutcome(input, language);
      if (earlier) return earlier;

      const { result, row } = await evaluateScreening(deps, application, input.screeningKey);
      const queuedAt = !result.lateSubmission && result.missingItems.length === 0 ? new Date() : null;
      const tokens: AccessTokenRow[] = [];
      const receipt = await compose(
        { messageKey: input.receiptKey, applicationId, kind: 'receipt', extra: {}, attachmentIds: [] },
        { application, storeToken: async (token) => void tokens.push(token) },
      );
      const events = [
        [input.screeningStarted.eventKey, 'screening_started', input.screeningStarted.from, 'SCREENING', new Date(input.screeningStarted.occurredAt)],
        ...(queuedAt ? [[input.queuedEventKey, 'queued', 'SCREENING', 'IN_QUEUE', queuedAt]] : []),
      ];

      const client = await sql.connect();
      try {
        await client.query('BEGIN');
        for (const token of tokens) {
          await client.query('INSERT INTO access_tokens (token_hash, application_id, purpose) VALUES ($1, $2, $3)', [token.tokenHash, token.applicationId, token.purpose]);
        }
        await client.query(
          `INSERT INTO outbox_emails (id, message_key, application_id, kind, recipient, subject, text, html, reply_to, list_unsubscribe)
           VALUES ($1, $2, $3, 'receipt', $4, $5, $6, $7, $8, $9)`,
          [crypto.randomUUID(), input.receiptKey, applicationId, receipt.recipient, receipt.subject, receipt.text, receipt.html, receipt.replyTo ?? null, receipt.listUnsubscribe ?? null],
        );
        for (const [eventKey, type, from, to, occurredAt] of events) {
          await client.query(
            `INSERT INTO case_events (event_key, application_id, type, from_status, to_status, actor, occurred_at)
             VALUES ($1, $2, $3, $4::"ApplicationStatus", $5::"ApplicationStatus", 'system', $6)`,
            [eventKey, applicationId, type, from, to, occurredAt],
          );
        }
        await client.query(
          `INSERT INTO screenings (id, screening_key, application_id, results, missing_items, checklist, register_lookup)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [crypto.randomUUID(), row.screeningKey, applicationId, JSON.stringify(row.results), JSON.stringify(row.missingItems), JSON.stringify(row.checklist), JSON.stringify(row.registerLookup)],
        );
        await client.query(`UPDATE applications SET status = $2::"ApplicationStatus", updated_at = now() WHERE id = $1`, [applicationId, queuedAt ? 'IN_QUEUE' : 'SCREENING']);
        // Delivered when the transaction commits: the mailer wakes for the receipt.
        await client.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        // Another run of this activity committed first.
        const stored = await storedOutcome(input, language);
        if (stored) return stored;
        throw error;
      } finally {
        client.release();
      }
      return { ...screeningOutcome(result, result.missingItems, language, deps.jurisdiction), queuedAt: queuedAt?.toISOString() ?? null };
    },
  };
}
