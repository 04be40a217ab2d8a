import type { RequestHandler, Response } from 'express';

/**
 * When the request reached the service. A submission that arrived before a round's deadline is on
 * time even when it waited for its turn (intake admission) until after it.
 */
export const recordArrival: RequestHandler = (_req, res, next) => {
  res.locals.arrivedAt = new Date();
  next();
};

export function arrivalTime(res: Response): Date {
  const arrivedAt: unknown = res.locals.arrivedAt;
  return arrivedAt instanceof Date ? arrivedAt : new Date();
}
