import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { isUniqueViolation, type Database, type Prisma } from '../../../lib/db';
import { i18nMessage } from '../../../lib/i18n';
import { roundReportingTiers } from '../../../lib/rounds';
import { kronerToOre, oreToKroner } from '../../../domain/money';
import { processSettingsSchema } from '../../../domain/round-settings';
import { applyRoundChange, roundInputSchema, roundUpdateSchema, type DecisionCriterion, type RoundInput } from '../../../domain/round-input';
import type { FundingRound } from '../../../prisma/generated/client';
import { ApiError, parseInput, type FieldIssue } from '../http/errors';
import { requireStaff } from '../http/staff';

/** The round as an administrator writes it: whole kroner, ISO times, every setting spelt out. */
function roundAsInput(round: FundingRound): RoundInput {
  return {
    slug: round.slug,
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
  };
}

function roundView(round: FundingRound, applicationCount: number) {
  return {
    id: round.id,
    ...roundAsInput(round),
    applicationCount,
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
  };
}

function roundRecord(input: RoundInput) {
  return {
    slug: input.slug,
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
  if (current.mode === 'deadline') {
    const instant = (value: string | null) => (value === null ? null : Date.parse(value));
    if (instant(next.closesAt) !== instant(current.closesAt)) changed.push('closesAt');
    if (next.budget !== current.budget) changed.push('budget');
  }
  return changed.map((path) => ({ path, message: i18nMessage('round.lockedAfterApplications') }));
}

async function refuseTakenSlug<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(409, 'slug_taken', 'round.slugTaken', [{ path: 'slug', message: i18nMessage('round.slugTaken') }]);
    }
    throw error;
  }
}

/** A path that is not a round ID is left to other routes (and ends as 404 if none wants it). */
function roundIdOr(req: Request, next: NextFunction): string | undefined {
  const id = z.uuid().safeParse(req.params.id);
  if (!id.success) next();
  return id.success ? id.data : undefined;
}

/**
 * Funding-round administration. Staff list every round at GET /admin/rounds, so the public
 * GET /rounds (open rounds only) stays as it is.
 */
export function adminRoundsRouter({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/admin/rounds', async (_req, res) => {
    requireStaff(res);
    const rounds = await db.fundingRound.findMany({
      orderBy: [{ opensAt: 'desc' }, { name: 'asc' }],
      include: { _count: { select: { applications: true } } },
    });
    res.json({ rounds: rounds.map((round) => roundView(round, round._count.applications)) });
  });

  router.post('/rounds', async (req, res) => {
    requireStaff(res, 'admin');
    const input = parseInput(roundInputSchema, req.body, req);
    const round = await refuseTakenSlug(() => db.fundingRound.create({ data: roundRecord(input) }));
    res.status(201).location(`/api/v1/rounds/${round.id}`).json(roundView(round, 0));
  });

  router.get('/rounds/:id', async (req: Request, res: Response, next: NextFunction) => {
    requireStaff(res);
    const id = roundIdOr(req, next);
    if (!id) return;
    const round = await db.fundingRound.findUnique({ where: { id }, include: { _count: { select: { applications: true } } } });
    if (!round) throw new ApiError(404, 'not_found', 'round.unknown');
    res.json(roundView(round, round._count.applications));
  });

  /**
   * Changes apply to applications submitted from now on. A case already submitted keeps the
   * snapshot of the round its workflow took at submission (mode, closing time, maximum amount,
   * four-eyes threshold, reporting tiers, durations).
   */
  router.patch('/rounds/:id', async (req: Request, res: Response, next: NextFunction) => {
    requireStaff(res, 'admin');
    const id = roundIdOr(req, next);
    if (!id) return;
    const change = parseInput(roundUpdateSchema, req.body ?? {}, req);
    const view = await refuseTakenSlug(() =>
      db.$transaction(async (tx) => {
        // FOR UPDATE also blocks the foreign-key check of an application being inserted for this
        // round, so the count below cannot go stale before this change commits.
        const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM funding_rounds WHERE id = ${id}::uuid FOR UPDATE`;
        if (locked.length === 0) throw new ApiError(404, 'not_found', 'round.unknown');
        const round = await tx.fundingRound.findUniqueOrThrow({ where: { id } });
        const current = roundAsInput(round);
        const next = parseInput(roundInputSchema, applyRoundChange(current, change), req);
        const applicationCount = await tx.application.count({ where: { roundId: id } });
        if (applicationCount > 0) {
          const refused = lockedChanges(current, next);
          if (refused.length) throw new ApiError(409, 'round_in_use', 'round.lockedAfterApplications', refused);
        }
        const saved = await tx.fundingRound.update({ where: { id }, data: roundRecord(next) });
        return roundView(saved, applicationCount);
      }),
    );
    res.json(view);
  });

  return router;
}
