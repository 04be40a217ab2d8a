import { Router } from 'express';
import type { Config } from '../../../lib/config';
import type { Database } from '../../../lib/db';
import { oreToKroner } from '../../../domain/money';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse, jsonBody, jsonResponse, langQuery } from '../http/openapi';
import { offeredRoundsWhere } from '../drafts/rounds';
import { requestLanguage } from '../http/language';
import { parseInput } from '../http/errors';
import type { RateLimits } from '../http/rate-limits';
import { schemeText } from '../../../domain/scheme-texts';
import { roundPhase } from '../../../domain/round-alerts';
import { roundSubscriptionInputSchema } from '../../../domain/round-subscription-input';
import { roundApplyPath, roundCalendarPath } from '../../../lib/round-links';
import { municipalityContact } from '../admin/round-frame';
import { requestRoundSubscription } from '../round-catalogue/subscriptions';
import { catalogueRounds } from '../round-catalogue/catalogue';

const roundSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    scheme: z.object({ slug: z.string(), name: z.string() }).meta({ description: 'The grant scheme the round belongs to, named in the request’s language' }),
    mode: z.enum(['continuous', 'deadline']),
    status: z.enum(['upcoming', 'open', 'closed']).meta({ description: 'upcoming: opens at opensAt; open: takes applications now; closed: its deadline has passed' }),
    budget: z.int().meta({ description: 'kroner' }),
    maxAmount: z.int().meta({ description: 'kroner' }),
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime().nullable(),
    applyUrl: z.url().nullable().meta({ description: 'Where the application starts, while the round is open' }),
    calendarUrl: z.url().nullable().meta({ description: 'The round’s deadline (or, with none, its opening) as an iCalendar file; none once closed' }),
  })
  .meta({ id: 'Round' });

const roundsQuery = z.object({
  status: z
    .enum(['open', 'upcoming', 'closed', 'all'])
    .default('open')
    .meta({ description: 'open (the default): taking applications now; upcoming: not yet open; closed: closed within the last 90 days; all: the three' }),
});

export const paths: ZodOpenApiPathsObject = {
  '/rounds': {
    get: {
      summary: 'Funding rounds: open now by default, or upcoming, or recently closed (rounds kept as demo data for the statistics are never listed). Every date is also in the iCalendar feed at /puljer.ics.',
      requestParams: { query: roundsQuery.extend(langQuery.shape) },
      responses: {
        200: jsonResponse('Rounds: open ones soonest deadline first, upcoming ones soonest opening first, closed ones latest closed first', z.object({ rounds: z.array(roundSchema) })),
        400: errorResponse('An unknown status'),
      },
    },
  },
  '/round-subscriptions': {
    post: {
      summary:
        'Ask for an email when a round opens and two weeks before it closes (every scheme, or the schemes named). A confirmation link is mailed to the address; nothing is sent before it is confirmed. The answer is the same whether or not the address is subscribed already.',
      requestParams: { query: langQuery },
      requestBody: jsonBody(roundSubscriptionInputSchema),
      responses: {
        202: jsonResponse('The confirmation email is queued', z.object({ status: z.literal('confirmation_sent') })),
        400: errorResponse('Field errors (an invalid address, no scheme chosen, an unknown scheme), in the request’s language'),
        429: errorResponse('The address has had as many emails as it may this hour (too_many_emails), or too many requests from this address; Retry-After'),
      },
    },
  },
};

const PHASE_ORDER = { open: 0, upcoming: 1, closed: 2 } as const;

export function roundsRouter(deps: { db: Database; config: Config; publicBaseUrl: string; rateLimits: RateLimits }): Router {
  const { db, publicBaseUrl } = deps;
  const router = Router();
  router.get('/rounds', async (req, res) => {
    const { status } = parseInput(roundsQuery, { status: req.query.status }, req);
    const now = new Date();
    const language = requestLanguage(req);
    const rounds =
      status === 'open'
        ? await db.fundingRound.findMany({
            where: offeredRoundsWhere(now),
            include: { scheme: { select: { id: true, slug: true, name: true } } },
            orderBy: [{ closesAt: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
          })
        : (await catalogueRounds(db, now))
            .filter((round) => status === 'all' || roundPhase(round, now) === status)
            .sort((a, b) => {
              const [pa, pb] = [roundPhase(a, now), roundPhase(b, now)];
              if (pa !== pb) return PHASE_ORDER[pa] - PHASE_ORDER[pb];
              if (pa === 'upcoming') return a.opensAt.getTime() - b.opensAt.getTime();
              const [ca, cb] = [a.closesAt?.getTime() ?? Infinity, b.closesAt?.getTime() ?? Infinity];
              return pa === 'closed' ? cb - ca : ca - cb;
            });
    res.json({
      rounds: rounds.map((round) => {
        const phase = roundPhase(round, now);
        return {
          id: round.id,
          slug: round.slug,
          name: round.name,
          description: round.description,
          scheme: { slug: round.scheme.slug, name: schemeText(round.scheme.name, language) },
          mode: round.mode,
          status: phase,
          budget: oreToKroner(round.budgetOre),
          maxAmount: oreToKroner(round.maxAmountOre),
          opensAt: round.opensAt.toISOString(),
          closesAt: round.closesAt?.toISOString() ?? null,
          applyUrl: phase === 'open' ? new URL(roundApplyPath(round.slug), publicBaseUrl).toString() : null,
          calendarUrl: phase !== 'closed' && (round.closesAt || phase === 'upcoming') ? new URL(roundCalendarPath(round.slug), publicBaseUrl).toString() : null,
        };
      }),
    });
  });

  router.post('/round-subscriptions', async (req, res) => {
    const input = parseInput(roundSubscriptionInputSchema, req.body, req);
    await requestRoundSubscription(
      { db, rateLimits: deps.rateLimits, publicBaseUrl, municipalityName: deps.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(deps.config) },
      input,
      input.language ?? requestLanguage(req),
    );
    res.status(202).json({ status: 'confirmation_sent' });
  });
  return router;
}
