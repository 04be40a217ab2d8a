import { messageKey } from '../../../domain/message-key';
import type { Database } from '../../../lib/db';
import { ApiError } from '../http/errors';

/** A round that takes applications now: 404 when it does not exist, 409 when it is not open. */
export async function findOpenRound(db: Database, where: { id: string } | { slug: string }) {
  const round = await db.fundingRound.findUnique({ where });
  if (!round) throw new ApiError(404, 'round_not_found', 'errors.round.notFound', [{ path: 'roundId', message: messageKey('errors.round.notFound') }]);
  const now = new Date();
  if (round.opensAt > now || (round.closesAt && round.closesAt <= now)) {
    throw new ApiError(409, 'round_closed', 'errors.round.closed', [{ path: 'roundId', message: messageKey('errors.round.closed') }]);
  }
  return round;
}
