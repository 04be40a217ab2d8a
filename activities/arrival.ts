import type { Database } from '../lib/db';
import { isUniqueViolation } from '../lib/db';
import { wakeMailer } from '../lib/outbox';
import type { BusinessRegister } from '../lib/register';
import type { Jurisdiction } from '../domain/jurisdiction';
import type { CaseStatus } from '../domain/status';
import { createCaseEmailComposer, type CaseEmailSettings } from './mail/case-emails';
import { SCREENED_APPLICATION, applicationLanguage, evaluateScreening, screeningOutcome, storedScreeningOutcome, type ScreeningOutcome } from './screening';

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

/**
 * A new case's first step: its receipt email, "screening started", the automatic checks and, when
 * nothing is missing, "queued" — one activity and one transaction instead of four activities, so a
 * case costs the workflow engine one activity task and two workflow tasks to reach the queue. Run
 * twice, the second run finds the stored screening and answers from it: the transaction either
 * wrote all of it or none.
 */
export function createArrivalActivities(deps: { db: Database; register: BusinessRegister; jurisdiction: Jurisdiction; settings: CaseEmailSettings }) {
  const { db } = deps;
  const { compose } = createCaseEmailComposer({ db, settings: deps.settings });

  async function storedOutcome(input: ArrivalInput, language: ReturnType<typeof applicationLanguage>): Promise<ArrivalOutcome | null> {
    const stored = await db.screening.findUnique({ where: { screeningKey: input.screeningKey }, select: { results: true, missingItems: true } });
    if (!stored) return null;
    const queued = await db.caseEvent.findUnique({ where: { eventKey: input.queuedEventKey }, select: { occurredAt: true, type: true } });
    return { ...storedScreeningOutcome(stored, language), queuedAt: queued?.type === 'queued' ? queued.occurredAt.toISOString() : null };
  }

  return {
    async receiveApplication(input: ArrivalInput): Promise<ArrivalOutcome> {
      const { applicationId } = input;
      const application = await db.application.findUniqueOrThrow({ where: { id: applicationId }, include: SCREENED_APPLICATION });
      const language = applicationLanguage(application);
      const earlier = await storedOutcome(input, language);
      if (earlier) return earlier;

      const { result, row } = await evaluateScreening(deps, application, input.screeningKey);
      const queuedAt = !result.lateSubmission && result.missingItems.length === 0 ? new Date() : null;
      const started = { eventKey: input.screeningStarted.eventKey, type: 'screening_started', fromStatus: input.screeningStarted.from, toStatus: 'SCREENING' as const, occurredAt: new Date(input.screeningStarted.occurredAt) };
      const queued = queuedAt && { eventKey: input.queuedEventKey, type: 'queued', fromStatus: 'SCREENING' as const, toStatus: 'IN_QUEUE' as const, occurredAt: queuedAt };
      try {
        await db.$transaction(async (tx) => {
          const receipt = await compose({ messageKey: input.receiptKey, applicationId, kind: 'receipt', extra: {}, attachmentIds: [] }, tx, application);
          await tx.outboxEmail.create({ data: { ...receipt, messageKey: input.receiptKey, applicationId, kind: 'receipt', attachmentIds: [] } });
          await tx.caseEvent.createMany({ data: [started, ...(queued ? [queued] : [])].map((event) => ({ ...event, applicationId, actor: 'system', details: {} })) });
          await tx.screening.create({ data: row });
          await tx.application.update({ where: { id: applicationId }, data: { status: queued ? 'IN_QUEUE' : 'SCREENING' } });
          await wakeMailer(tx);
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another run of this activity committed first.
        const stored = await storedOutcome(input, language);
        if (stored) return stored;
        throw error;
      }
      return { ...screeningOutcome(result, result.missingItems, language), queuedAt: queuedAt?.toISOString() ?? null };
    },
  };
}
