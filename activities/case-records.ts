import type { Database } from '../lib/db';
import { isUniqueViolation } from '../lib/db';
import type { ProposedDecision, ReportSubmission, Supplement } from '../workflows/messages';

/** Idempotent writes of the case's records (requests, decisions, reports): keyed by sequence. */
export function createCaseRecordActivities({ db }: { db: Database }) {
  async function createOnce(create: () => Promise<unknown>): Promise<void> {
    try {
      await create();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  return {
    async createInformationRequest(input: {
      applicationId: string;
      sequence: number;
      requestedBy: string;
      items: string[];
      message: string;
      answerBy: string;
      createdAt: string;
    }): Promise<void> {
      await createOnce(() =>
        db.informationRequest.create({
          data: {
            applicationId: input.applicationId,
            sequence: input.sequence,
            requestedBy: input.requestedBy,
            items: input.items,
            message: input.message,
            answerBy: new Date(input.answerBy),
            createdAt: new Date(input.createdAt),
          },
        }),
      );
    },

    async saveSupplement({ applicationId, supplement }: { applicationId: string; supplement: Supplement }): Promise<void> {
      await db.informationRequest.updateMany({
        where: { applicationId, sequence: supplement.requestSequence, answeredAt: null },
        data: { answeredAt: new Date(supplement.at), answer: { text: supplement.text, documentIds: supplement.documentIds } },
      });
    },

    async markInformationRequestLapsed({ applicationId, sequence, at }: { applicationId: string; sequence: number; at: string }): Promise<void> {
      await db.informationRequest.updateMany({ where: { applicationId, sequence, lapsedAt: null }, data: { lapsedAt: new Date(at) } });
    },

    async saveDecision({ applicationId, decision }: { applicationId: string; decision: ProposedDecision }): Promise<void> {
      await createOnce(() =>
        db.decision.create({
          data: {
            applicationId,
            sequence: decision.sequence,
            outcome: decision.outcome,
            amountGrantedOre: BigInt(decision.amountGrantedOre),
            reasons: { criteria: decision.reasons.criteria, text: decision.reasons.text },
            conditions: decision.conditions,
            decidedBy: decision.decidedBy,
            decidedAt: new Date(decision.decidedAt),
            needsApproval: decision.needsApproval,
          },
        }),
      );
      if (!decision.needsApproval) {
        await db.application.update({ where: { id: applicationId }, data: { amountGrantedOre: BigInt(decision.amountGrantedOre) } });
      }
    },

    async recordApproval(input: { applicationId: string; sequence: number; approver: string; approve: boolean; comment: string | null; at: string }): Promise<void> {
      const at = new Date(input.at);
      const decision = await db.decision.update({
        where: { applicationId_sequence: { applicationId: input.applicationId, sequence: input.sequence } },
        data: input.approve
          ? { approvedBy: input.approver, approvedAt: at, approverComment: input.comment }
          : { returnedBy: input.approver, returnedAt: at, approverComment: input.comment },
      });
      if (input.approve) {
        await db.application.update({ where: { id: input.applicationId }, data: { amountGrantedOre: decision.amountGrantedOre } });
      }
    },

    /**
     * The first grant is "payout:<id>"; a changed decision registers its difference under its own
     * sequence (a negative amount is claimed back).
     */
    async registerPayout({ applicationId, amountOre, scheduledFor, decisionSequence, year }: { applicationId: string; amountOre: number; scheduledFor: string; decisionSequence?: number; year?: number }): Promise<void> {
      const application = await db.application.findUniqueOrThrow({ where: { id: applicationId }, select: { organizationCvr: true } });
      await createOnce(() =>
        db.payout.create({
          data: {
            payoutKey: payoutKeyOf(applicationId, decisionSequence, year),
            applicationId,
            ...(decisionSequence === undefined ? {} : { decisionSequence }),
            ...(year === undefined ? {} : { year }),
            amountOre: BigInt(amountOre),
            cvr: application.organizationCvr,
            scheduledFor: new Date(`${scheduledFor}T00:00:00Z`),
            registeredAt: new Date(),
          },
        }),
      );
    },

    /** The number the next follow-up report of the case gets: a multi-year grant's years follow on. */
    async nextReportSequence({ applicationId }: { applicationId: string }): Promise<number> {
      const last = await db.followUpReport.aggregate({ where: { applicationId }, _max: { sequence: true } });
      return (last._max.sequence ?? 0) + 1;
    },

    async createFollowUpReport(input: { applicationId: string; sequence: number; requirement: string; dueAt: string; opensAt?: string }): Promise<void> {
      await createOnce(() =>
        db.followUpReport.create({
          data: { applicationId: input.applicationId, sequence: input.sequence, requirement: input.requirement, dueAt: new Date(input.dueAt), ...opensAtOf(input) },
        }),
      );
    },

    /** A changed decision sets the report still owed anew. */
    async updateFollowUpReportTerms(input: { applicationId: string; sequence: number; requirement: string; dueAt: string; opensAt?: string }): Promise<void> {
      await db.followUpReport.updateMany({
        where: { applicationId: input.applicationId, sequence: input.sequence, submittedAt: null },
        data: { requirement: input.requirement, dueAt: new Date(input.dueAt), remindersSent: 0, ...opensAtOf(input) },
      });
    },

    async saveFollowUpReport({ applicationId, sequence, submission }: { applicationId: string; sequence: number; submission: ReportSubmission }): Promise<void> {
      const { at, enteredBy: _enteredBy, ...content } = submission;
      await db.followUpReport.updateMany({
        where: { applicationId, sequence, submittedAt: null },
        data: { submittedAt: new Date(at), content: content as object, storyConsent: submission.storyConsent ?? null },
      });
    },

    /** Sets (not increments) the count, so a retried activity does not count a reminder twice. */
    async noteReportReminder({ applicationId, sequence, remindersSent }: { applicationId: string; sequence: number; remindersSent: number }): Promise<void> {
      await db.followUpReport.updateMany({ where: { applicationId, sequence }, data: { remindersSent } });
    },

    async recordReportReview(input: {
      applicationId: string;
      sequence: number;
      caseworker: string;
      accept: boolean;
      comment: string | null;
      repaymentOre: number;
      at: string;
    }): Promise<void> {
      await db.followUpReport.updateMany({
        where: { applicationId: input.applicationId, sequence: input.sequence, reviewedAt: null },
        data: {
          reviewOutcome: input.accept ? 'accepted' : 'returned',
          reviewedBy: input.caseworker,
          reviewedAt: new Date(input.at),
          reviewComment: input.comment,
          repaymentOre: input.accept ? BigInt(input.repaymentOre) : null,
        },
      });
    },
  };
}

/** A later year of a multi-year grant is paid under a key of its own. */
function payoutKeyOf(applicationId: string, decisionSequence: number | undefined, year: number | undefined): string {
  const base = decisionSequence === undefined ? `payout:${applicationId}` : `payout:${applicationId}:${decisionSequence}`;
  return year === undefined || year === 1 ? base : `${base}:year-${year}`;
}

/** A report's window, when it has one (reports from before the window have none). */
function opensAtOf(input: { opensAt?: string }): { opensAt?: Date } {
  return input.opensAt === undefined ? {} : { opensAt: new Date(input.opensAt) };
}
