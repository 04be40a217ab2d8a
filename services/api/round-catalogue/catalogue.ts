import type { Database } from '../../../lib/db';
import { RECENTLY_CLOSED_DAYS, roundPhase, type RoundPhase } from '../../../domain/round-alerts';

const DAY_MS = 86_400_000;

/**
 * The rounds the catalogue and the calendar feed show: upcoming, open, and closed within the last
 * RECENTLY_CLOSED_DAYS; never demo data for the statistics.
 */
export function catalogueRounds(db: Database, now = new Date()) {
  return db.fundingRound.findMany({
    where: { demo: false, OR: [{ closesAt: null }, { closesAt: { gt: new Date(now.getTime() - RECENTLY_CLOSED_DAYS * DAY_MS) } }] },
    include: { scheme: { select: { id: true, slug: true, name: true } } },
    orderBy: [{ opensAt: 'asc' }, { name: 'asc' }, { id: 'asc' }],
  });
}

/** One round the catalogue shows, by slug. */
export async function catalogueRound(db: Database, slug: string, now = new Date()): Promise<CatalogueRound | undefined> {
  const round = await db.fundingRound.findUnique({ where: { slug }, include: { scheme: { select: { id: true, slug: true, name: true } } } });
  if (!round || round.demo) return undefined;
  return round.closesAt && round.closesAt.getTime() <= now.getTime() - RECENTLY_CLOSED_DAYS * DAY_MS ? undefined : round;
}

export type CatalogueRound = Awaited<ReturnType<typeof catalogueRounds>>[number];

export interface SchemeRounds {
  scheme: { id: string; slug: string; name: unknown; description: unknown };
  open: CatalogueRound[];
  upcoming: CatalogueRound[];
  closed: CatalogueRound[];
}

/**
 * Every scheme (in the order created) with its rounds by phase: open ones soonest deadline first,
 * upcoming ones soonest opening first, closed ones latest closed first.
 */
export async function catalogue(db: Database, now = new Date()): Promise<SchemeRounds[]> {
  const [schemes, rounds] = await Promise.all([
    db.scheme.findMany({ select: { id: true, slug: true, name: true, description: true }, orderBy: [{ createdAt: 'asc' }, { slug: 'asc' }] }),
    catalogueRounds(db, now),
  ]);
  const byPhase = (schemeId: string, phase: RoundPhase) => rounds.filter((round) => round.schemeId === schemeId && roundPhase(round, now) === phase);
  const deadline = (round: CatalogueRound) => round.closesAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return schemes.map((scheme) => ({
    scheme,
    open: byPhase(scheme.id, 'open').sort((a, b) => deadline(a) - deadline(b)),
    upcoming: byPhase(scheme.id, 'upcoming'),
    closed: byPhase(scheme.id, 'closed').sort((a, b) => deadline(b) - deadline(a)),
  }));
}
