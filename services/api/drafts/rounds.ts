import { messageKey } from '../../../domain/message-key';
import { slugSchema } from '../../../domain/round-input';
import type { Database } from '../../../lib/db';
import { ApiError } from '../http/errors';

/** A round that takes applications now, with its scheme: 404 when it does not exist, 409 when it is not open. */
export async function findOpenRound(db: Database, where: { id: string } | { slug: string }) {
  // A slug from the address bar that no round could have (any text, NUL included) names nothing.
  const possible = !('slug' in where) || slugSchema.safeParse(where.slug).data === where.slug;
  const round = possible ? await db.fundingRound.findUnique({ where, include: { scheme: true } }) : null;
  if (!round) throw new ApiError(404, 'round_not_found', 'errors.round.notFound', [{ path: 'roundId', message: messageKey('errors.round.notFound') }]);
  refuseUnlessOpen(round);
  return round;
}

/** 409 unless the round takes applications now: open, and not demo data for the statistics. */
export function refuseUnlessOpen(round: { opensAt: Date; closesAt: Date | null; demo: boolean }, now = new Date()): void {
  if (round.demo) throw new ApiError(409, 'round_demo', 'errors.round.demo', [{ path: 'roundId', message: messageKey('errors.round.demo') }]);
  if (round.opensAt > now || (round.closesAt && round.closesAt <= now)) {
    throw new ApiError(409, 'round_closed', 'errors.round.closed', [{ path: 'roundId', message: messageKey('errors.round.closed') }]);
  }
}

/** The rounds offered to applicants now (the landing page and GET /rounds): open, never demo data. */
export function offeredRoundsWhere(now = new Date()) {
  return { demo: false, opensAt: { lte: now }, OR: [{ closesAt: null }, { closesAt: { gt: now } }] };
}
