import type { Database } from '../../../lib/db';
import { parseDuration } from '../../../lib/durations';
import { processSettingsSchema } from '../../../domain/round-settings';

/** Where a case stands against its round's decision target (submission to decision). */
export const SLA_STATES = ['within', 'due_soon', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Past this share of the target a case is "due soon": time to act before it is late. */
export const SLA_DUE_SOON_SHARE = 0.75;

const DAY_MS = 86_400_000;

export function slaOf(submittedAt: Date, targetMs: number, now: Date): { state: SlaState; targetDays: number } {
  const waited = now.getTime() - submittedAt.getTime();
  const state: SlaState = waited > targetMs ? 'breached' : waited > targetMs * SLA_DUE_SOON_SHARE ? 'due_soon' : 'within';
  // A target shorter than a day still counts as one day: the badge speaks in whole days.
  return { state, targetDays: Math.max(1, Math.ceil(targetMs / DAY_MS)) };
}

/** Each round's decision target in milliseconds (rounds are few; their settings are JSON). */
export async function roundDecisionTargets(db: Database): Promise<Map<string, number>> {
  const rounds = await db.fundingRound.findMany({ select: { id: true, processSettings: true } });
  return new Map(rounds.map((round) => [round.id, decisionTargetMs(round.processSettings)]));
}

export function decisionTargetMs(processSettings: unknown): number {
  const parsed = processSettingsSchema.safeParse(processSettings ?? {});
  return parseDuration(parsed.success ? parsed.data.decisionTarget : 'P30D');
}
