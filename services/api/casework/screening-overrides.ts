import { z } from 'zod';
import type { Database } from '../../../lib/db';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { MANUAL_CHECKLIST } from '../../../domain/eligibility';
import { ApiError } from '../http/errors';

export const OVERRIDE_REASON_MAX_LENGTH = 2000;

/** Automatic rules a caseworker may overrule, and the manual checklist rules they judge. */
const AUTOMATIC_RULES = ['E1', 'E7', 'E8', 'E9', 'E10', 'E11', 'AMOUNT', 'DOCUMENTS', 'SPONSOR'] as const;
export const JUDGED_RULES = [...AUTOMATIC_RULES, ...MANUAL_CHECKLIST.map((item) => item.rule)] as const;

export const screeningOverrideSchema = z.object({
  code: z.enum(JUDGED_RULES as unknown as [string, ...string[]]),
  result: z.enum(['pass', 'fail']),
  reason: z.string().trim().min(1).max(OVERRIDE_REASON_MAX_LENGTH),
});

export type ScreeningOverrideInput = z.infer<typeof screeningOverrideSchema>;

export interface ScreeningOverride extends ScreeningOverrideInput {
  by: string;
  at: string;
}

/**
 * A caseworker's judgement of one rule: an automatic result overruled, or a manual checklist
 * rule settled, always with a reason. Appended to the latest screening; earlier judgements
 * stay, so the case shows who judged what and when (the latest one per rule counts).
 */
export async function addScreeningOverride(db: Database, staff: StaffIdentity, applicationId: string, input: ScreeningOverrideInput): Promise<ScreeningOverride> {
  const override: ScreeningOverride = { ...input, by: staff.email, at: new Date().toISOString() };
  const updated = await db.$executeRaw`
    UPDATE screenings SET overrides = overrides || ${JSON.stringify([override])}::jsonb
    WHERE id = (SELECT id FROM screenings WHERE application_id = ${applicationId}::uuid ORDER BY created_at DESC LIMIT 1)`;
  if (updated === 0) throw new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status: 'SCREENING' });
  return override;
}

/** The judgement that counts for each rule: the latest. */
export function latestOverrides(overrides: unknown): Map<string, ScreeningOverride> {
  const list = Array.isArray(overrides) ? (overrides as ScreeningOverride[]) : [];
  return new Map(list.map((override) => [override.code, override]));
}
