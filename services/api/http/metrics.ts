import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { routeLabelOf } from './route-label';

export interface HttpMetrics {
  registry: Registry;
  middleware: RequestHandler;
}

/** Request counts and durations by route pattern (never the raw URL, which holds case IDs). */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'grantflow_api_' });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled, by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to handle an HTTP request, by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const stopTimer = duration.startTimer();
    res.once('finish', () => {
      // A route that ran names itself; a request answered before its route (a guard's redirect,
      // an asset) is labelled with the route or mount it would reach. Only real 404s are unmatched.
      const matched = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : res.statusCode === 404 ? undefined : routeLabelOf(req);
      const route = matched ?? 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      stopTimer(labels);
    });
    next();
  };
  return { registry, middleware };
}
