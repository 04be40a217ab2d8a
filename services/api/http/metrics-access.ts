import type { RequestHandler } from 'express';
import { sameBytes } from '../../../lib/tokens';
import { bearerToken } from './staff';

/**
 * /metrics with METRICS_TOKEN set: only a scraper presenting it as a bearer token (Prometheus's
 * `authorization: { credentials_file: … }`). Without a token (development, tests) it is open;
 * production refuses to start with neither a token nor an internal METRICS_PORT.
 */
export function metricsAccess(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!token) return next();
    const sent = bearerToken(req);
    if (sent && sameBytes(sent, token)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="grantflow-metrics"').status(401).type('text/plain').send('metrics need the bearer token\n');
  };
}
