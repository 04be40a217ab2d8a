import { Router } from 'express';
import type { Database } from '../../../lib/db';
import { oreToKroner } from '../../../domain/money';

/** Funding rounds open for applications right now, soonest deadline first. */
export function roundsRouter({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/rounds', async (_req, res) => {
    const now = new Date();
    const rounds = await db.fundingRound.findMany({
      where: { opensAt: { lte: now }, OR: [{ closesAt: null }, { closesAt: { gt: now } }] },
      orderBy: [{ closesAt: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
    });
    res.json({
      rounds: rounds.map((round) => ({
        id: round.id,
        slug: round.slug,
        name: round.name,
        description: round.description,
        mode: round.mode,
        budget: oreToKroner(round.budgetOre),
        maxAmount: oreToKroner(round.maxAmountOre),
        opensAt: round.opensAt.toISOString(),
        closesAt: round.closesAt?.toISOString() ?? null,
      })),
    });
  });
  return router;
}
