import type express from 'express';
import { createLocalStaffAuthenticator, sessionPolicyFrom } from '../../lib/staff-auth';
import { createLogger } from '../../lib/logger';
import { createApp } from '../../services/api/app';
import type { TestStack } from './stack';

export interface AppRoute {
  method: string;
  /** The full path pattern, e.g. /api/v1/applications/:id */
  path: string;
}

interface Layer {
  rawPath?: string | string[];
  slash?: boolean;
  name?: string;
  handle: { stack?: Layer[] };
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every route of an Express 5 app, found by walking its router stacks (nested routers included),
 * so a test can check that a table of expectations names each of them.
 */
export function routesOf(app: express.Express): AppRoute[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  const routes: AppRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m] && m !== '_all')) {
            routes.push({ method: method.toUpperCase(), path: prefix + path });
          }
        }
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' && !layer.slash ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk(root.stack, '');
  // The same route registered twice (e.g. a router mounted at two places) counts once.
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The routes of an app built from a running test stack's own dependencies. */
export function routesOfStack(stack: TestStack): AppRoute[] {
  const { app } = createApp({
    config: stack.config,
    db: stack.db,
    authenticator: createLocalStaffAuthenticator(stack.db, sessionPolicyFrom(stack.config)),
    temporal: stack.temporal,
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    publicBaseUrl: stack.config.PUBLIC_BASE_URL,
    log: createLogger('routes', 'silent'),
  });
  return routesOf(app);
}
