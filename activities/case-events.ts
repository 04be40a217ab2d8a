import type { Database } from '../lib/db';
import { isUniqueViolation } from '../lib/db';
import type { CaseStatus } from '../domain/status';

export interface TransitionInput {
  /** Unique per state change; recording the same key twice changes nothing. */
  eventKey: string;
  applicationId: string;
  type: string;
  from: CaseStatus | null;
  to: CaseStatus;
  actor: string;
  occurredAt: string;
  details?: Record<string, unknown>;
  /** Set to record a new assignee (null: back to the queue); left out, the assignee stays. */
  assignee?: string | null;
}

export function createCaseEventActivities({ db }: { db: Database }) {
  return {
    /** Writes the event row and mirrors the new status onto the application, in one transaction. */
    async recordTransition(input: TransitionInput): Promise<{ recorded: boolean }> {
      try {
        await db.$transaction([
          db.caseEvent.create({
            data: {
              eventKey: input.eventKey,
              applicationId: input.applicationId,
              type: input.type,
              fromStatus: input.from,
              toStatus: input.to,
              actor: input.actor,
              occurredAt: new Date(input.occurredAt),
              details: (input.details ?? {}) as object,
            },
          }),
          db.application.update({
            where: { id: input.applicationId },
            data: { status: input.to, ...(input.assignee !== undefined ? { assignee: input.assignee } : {}) },
          }),
        ]);
        return { recorded: true };
      } catch (error) {
        if (isUniqueViolation(error)) return { recorded: false };
        throw error;
      }
    },
  };
}
