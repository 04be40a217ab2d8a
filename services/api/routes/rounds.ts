import { Router } from 'express';
import type { Database } from '../../../lib/db';
import { oreToKroner } from '../../../domain/money';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { jsonResponse } from '../http/openapi';
import { offeredRoundsWhere } from '../drafts/rounds';
import { requestLanguage } from '../http/language';
import { schemeText } from '../../../domain/scheme-texts';

const roundSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    scheme: z.object({ slug: z.string(), name: z.string() }).meta({ description: 'The grant scheme the round belongs to, named in the request’s language' }),
    mode: z.enum(['continuous', 'deadline']),
    budget: z.int().meta({ description: 'kroner' }),
    maxAmount: z.int().meta({ description: 'kroner' }),
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Round' });

export const paths: ZodOpenApiPathsObject = {
  '/rounds': {
    get: {
      summary: 'Funding rounds open for applications now (rounds kept as demo data for the statistics are never listed)',
      responses: { 200: jsonResponse('Open rounds, soonest deadline first', z.object({ rounds: z.array(roundSchema) })) },
    },
  },
};

/** Funding rounds open for applications right now, soonest deadline first. */
export function roundsRouter({ db }: { db: Database }): Router {
  const router = Router();
  router.get('/rounds', async (req, res) => {
    const now = new Date();
    const language = requestLanguage(req);
    const rounds = await db.fundingRound.findMany({
      where: offeredRoundsWhere(now),
      include: { scheme: { select: { slug: true, name: true } } },
      orderBy: [{ closesAt: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
    });
    res.json({
      rounds: rounds.map((round) => ({
        id: round.id,
        slug: round.slug,
        name: round.name,
        description: round.description,
        scheme: { slug: round.scheme.slug, name: schemeText(round.scheme.name, language) },
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
