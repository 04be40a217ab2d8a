import { isUniqueViolation, type Database, type Prisma } from '../../../lib/db';
import { type Language } from '../../../lib/languages';
import { messageKey } from '../../../domain/message-key';
import { roundReportingTiers } from '../../../domain/rounds';
import { kronerToOre, oreToKroner } from '../../../domain/money';
import { processSettingsSchema } from '../../../domain/round-settings';
import { legalFrameSchema } from '../../../domain/legal-frame';
import { applyRoundChange, roundUpdateSchema, slugSchema, type DecisionCriterion, type RoundInput, type RoundUpdate } from '../../../domain/round-input';
import type { FundingRound, Scheme } from '../../../prisma/generated/client';
import { ApiError, type FieldIssue } from '../http/errors';
import { validated } from './validated';
import { validatedRound, type FrameRules } from './round-frame';
import { schemeDefaults } from './schemes';

/** A round with the slug of its scheme, as every view of it names the scheme. */
export type RoundWithScheme = FundingRound & { scheme: Pick<Scheme, 'slug'> };

const WITH_SCHEME = { scheme: { select: { slug: true } } } as const;

// Creating and changing funding rounds, shared by the JSON API and the admin pages, so both
// check the same rules and store the same record.

/** The round as an administrator writes it: whole kroner, ISO times, every setting spelt out. */
export function roundAsInput(round: RoundWithScheme): RoundInput {
  return {
    slug: round.slug,
    scheme: round.scheme.slug,
    name: round.name,
    description: round.description,
    budget: oreToKroner(round.budgetOre),
    maxAmount: oreToKroner(round.maxAmountOre),
    fourEyesThreshold: oreToKroner(round.fourEyesThresholdOre),
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt?.toISOString() ?? null,
    mode: round.mode,
    targetGroups: round.targetGroups as RoundInput['targetGroups'],
    excludedCostCategories: round.excludedCostCategories as RoundInput['excludedCostCategories'],
    // Rounds created before this API may hold no tiers or only some durations: show what applies.
    reportingTiers: roundReportingTiers(round),
    decisionCriteria: (Array.isArray(round.decisionCriteria) ? round.decisionCriteria : []) as unknown as DecisionCriterion[],
    processSettings: processSettingsSchema.parse(round.processSettings ?? {}),
    legalFrame: legalFrameSchema.parse(round.legalFrame ?? {}),
    grantYears: round.grantYears,
    yearlyBudgets: round.yearlyBudgetsOre.map(oreToKroner),
    informalGroups: round.informalGroups as RoundInput['informalGroups'],
  };
}

export type RoundView = ReturnType<typeof roundView>;

export function roundView(round: RoundWithScheme, applicationCount: number) {
  return {
    id: round.id,
    ...roundAsInput(round),
    applicationCount,
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
  };
}

function roundRecord(input: RoundInput, schemeId: string) {
  return {
    slug: input.slug,
    schemeId,
    name: input.name,
    description: input.description,
    budgetOre: kronerToOre(input.budget),
    maxAmountOre: kronerToOre(input.maxAmount),
    fourEyesThresholdOre: kronerToOre(input.fourEyesThreshold),
    opensAt: new Date(input.opensAt),
    closesAt: input.closesAt ? new Date(input.closesAt) : null,
    mode: input.mode,
    targetGroups: input.targetGroups,
    excludedCostCategories: input.excludedCostCategories,
    reportingTiers: input.reportingTiers as unknown as Prisma.InputJsonValue,
    decisionCriteria: input.decisionCriteria as unknown as Prisma.InputJsonValue,
    processSettings: input.processSettings as unknown as Prisma.InputJsonValue,
    // JSON drops the blank (undefined) fields.
    legalFrame: JSON.parse(JSON.stringify(input.legalFrame)) as Prisma.InputJsonValue,
    grantYears: input.grantYears,
    yearlyBudgetsOre: input.yearlyBudgets.map(kronerToOre),
    informalGroups: input.informalGroups,
  };
}

/**
 * Settings that running cases depend on beyond their own snapshot: every case's workflow took the
 * mode, and a deadline round's own workflow took its closing time and budget when its first
 * application arrived. Changing them afterwards would leave the processes and the round disagreeing.
 */
function lockedChanges(current: RoundInput, next: RoundInput): FieldIssue[] {
  const changed: (keyof RoundInput)[] = [];
  if (next.mode !== current.mode) changed.push('mode');
  // The statistics count a case under its round's scheme; its letters cite the scheme's basis.
  if (next.scheme !== current.scheme) changed.push('scheme');
  if (current.mode === 'deadline') {
    const instant = (value: string | null) => (value === null ? null : Date.parse(value));
    if (instant(next.closesAt) !== instant(current.closesAt)) changed.push('closesAt');
    if (next.budget !== current.budget) changed.push('budget');
  }
  return changed.map((path) => ({ path, message: messageKey('errors.round.lockedAfterApplications') }));
}

async function refuseTakenSlug<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(409, 'slug_taken', 'errors.round.slugTaken', [{ path: 'slug', message: messageKey('errors.round.slugTaken') }]);
    }
    throw error;
  }
}

/** The scheme a round's input names by slug, or null when it names none that exists. */
async function schemeNamed(db: Pick<Database, 'scheme'>, body: unknown): Promise<Scheme | null> {
  // Only a slug a scheme could have is looked up (the input's own check reports any other).
  const slug = slugSchema.safeParse((body as { scheme?: unknown } | null)?.scheme);
  return slug.success ? db.scheme.findUnique({ where: { slug: slug.data } }) : null;
}

export async function listRounds(db: Database): Promise<RoundView[]> {
  const rounds = await db.fundingRound.findMany({
    orderBy: [{ opensAt: 'desc' }, { name: 'asc' }],
    include: { ...WITH_SCHEME, _count: { select: { applications: true } } },
  });
  return rounds.map((round) => roundView(round, round._count.applications));
}

export async function findRound(db: Database, id: string): Promise<RoundView | null> {
  const round = await db.fundingRound.findUnique({ where: { id }, include: { ...WITH_SCHEME, _count: { select: { applications: true } } } });
  return round ? roundView(round, round._count.applications) : null;
}

/** A new round from what an administrator sent (400 on invalid input, 409 when the slug is taken). */
export async function createRound(db: Database, body: unknown, language: Language, frame: FrameRules): Promise<RoundView> {
  const scheme = await schemeNamed(db, body);
  const input = validatedRound(body, language, frame, scheme ? schemeDefaults(scheme) : null);
  const round = await refuseTakenSlug(() => db.fundingRound.create({ data: roundRecord(input, scheme!.id), include: WITH_SCHEME }));
  return roundView(round, 0);
}

/**
 * Changes apply to applications submitted from now on. A case already submitted keeps the
 * snapshot of the round its workflow took at submission (mode, closing time, maximum amount,
 * four-eyes threshold, reporting tiers, durations). Returns the round before and after.
 */
export async function updateRound(db: Database, id: string, body: unknown, language: Language, frame: FrameRules): Promise<{ before: RoundView; after: RoundView }> {
  const change: RoundUpdate = validated(roundUpdateSchema, body ?? {}, language);
  return refuseTakenSlug(() =>
    db.$transaction(async (tx) => {
      // FOR UPDATE also blocks the foreign-key check of an application being inserted for this
      // round, so the count below cannot go stale before this change commits.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM funding_rounds WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new ApiError(404, 'not_found', 'errors.round.unknown');
      const round = await tx.fundingRound.findUniqueOrThrow({ where: { id }, include: { scheme: true } });
      const current = roundAsInput(round);
      const scheme = change.scheme && change.scheme !== round.scheme.slug ? await schemeNamed(tx, change) : round.scheme;
      // A round keeps the criteria and tiers it has; only the blanks of its frame come from the scheme.
      const next = validatedRound(applyRoundChange(current, change), language, frame, scheme ? { ...schemeDefaults(scheme), decisionCriteria: current.decisionCriteria, reportingTiers: current.reportingTiers } : null);
      const applicationCount = await tx.application.count({ where: { roundId: id } });
      if (applicationCount > 0) {
        const refused = lockedChanges(current, next);
        if (refused.length) throw new ApiError(409, 'round_in_use', 'errors.round.lockedAfterApplications', refused);
      }
      const saved = await tx.fundingRound.update({ where: { id }, data: roundRecord(next, scheme!.id), include: WITH_SCHEME });
      return { before: roundView(round, applicationCount), after: roundView(saved, applicationCount) };
    }),
  );
}

/** The settings that differ between two versions of a round (for the audit log). */
export function changedSettings(before: RoundView, after: RoundView): string[] {
  const keys = Object.keys(roundAsInputKeys) as (keyof RoundInput)[];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

const roundAsInputKeys: Record<keyof RoundInput, true> = {
  slug: true, scheme: true, name: true, description: true, budget: true, maxAmount: true, fourEyesThreshold: true, opensAt: true, closesAt: true,
  mode: true, targetGroups: true, excludedCostCategories: true, reportingTiers: true, decisionCriteria: true, processSettings: true, legalFrame: true,
  grantYears: true, yearlyBudgets: true, informalGroups: true,
};
