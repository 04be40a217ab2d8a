import type { Database } from '../../../lib/db';
import { findStaffPerson } from '../../../lib/staff-people';
import { consultationBefore } from '../../../lib/consultations';
import { roundReportingTiers } from '../../../domain/rounds';
import { parseDuration } from '../../../lib/durations';
import { processSettingsSchema } from '../../../domain/round-settings';
import { reportDueDate, reportRequirementFor } from '../../../domain/tiers';
import { decisionLetterData, renderDecisionLetter, type MunicipalitySettings } from '../../../documents/letter';
import { ApiError } from '../http/errors';
import { checkDecision, type DecisionInput } from './decision';
import { DANISH_TIME_ZONE, endOfDayIn } from '../../../domain/time-zone';

/**
 * The decision letter as it would be sent if the caseworker decided now: the same checks as the
 * decision itself, the same rendering, with today's date and the payout and report dates the
 * round's settings give. Nothing is stored or sent.
 */
export async function previewDecisionLetter(
  { db, municipality }: { db: Database; municipality: MunicipalitySettings },
  applicationId: string,
  caseworker: string,
  input: DecisionInput,
  now = new Date(),
): Promise<{ pdf: Buffer; filename: string }> {
  const amountGrantedOre = await checkDecision(db, applicationId, input);
  const application = await db.application.findUnique({ where: { id: applicationId }, include: { round: true } });
  if (!application) throw new ApiError(404, 'not_found', 'errors.application.notFound');
  const settings = processSettingsSchema.parse(application.round.processSettings ?? {});
  const granted = input.outcome !== 'rejected';
  const data = decisionLetterData({
    application,
    decision: { outcome: input.outcome, amountGrantedOre: granted ? amountGrantedOre : 0n, reasons: input.reasons, conditions: input.conditions, decidedBy: caseworker, date: now },
    caseworker: await findStaffPerson(db, caseworker),
    municipality,
    consultation: await consultationBefore(db, applicationId, now),
    ...(granted
      ? {
          payoutDate: new Date(now.getTime() + parseDuration(settings.payoutAfter)).toISOString().slice(0, 10),
          reporting: {
            requirement: reportRequirementFor(amountGrantedOre, roundReportingTiers(application.round)),
            dueAt: reportDueDate(settings.reportDue, { decidedAt: now, activityEnd: endOfDayIn(application.endDate.toISOString().slice(0, 10), DANISH_TIME_ZONE) }).toISOString(),
          },
        }
      : {}),
  });
  return { pdf: await renderDecisionLetter(data), filename: `udkast-afgoerelse-${data.reference}.pdf` };
}
