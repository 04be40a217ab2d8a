import type { Request } from 'express';

interface Layer {
  slash?: boolean;
  rawPath?: unknown;
  name?: string;
  handle: { stack?: Layer[] };
  route?: { path: unknown; _handlesMethod(method: string): boolean };
  match(path: string): { path: string; pattern?: unknown } | false;
}

/** Where the static files are served: answered by middleware, not a route, and labelled by their mount. */
const STATIC_HANDLER = 'serveStatic';

/**
 * The route pattern a request belongs to, for a request answered before its route ran (a staff
 * guard's redirect, a rate limit, a static asset): Express's own layers are asked which route
 * the path would reach, the way the router walks them. Undefined when no route or asset mount
 * matches (a real 404).
 */
export function routeLabelOf(req: Request): string | undefined {
  const root = (req.app as unknown as { router?: { stack: Layer[] } }).router;
  if (!root) return undefined;
  const path = new URL(req.originalUrl, 'http://local').pathname;
  return find(root.stack, path, '', req.method === 'HEAD' ? 'GET' : req.method);
}

function find(stack: Layer[], path: string, prefix: string, method: string): string | undefined {
  for (const layer of stack) {
    let match: ReturnType<Layer['match']>;
    try {
      match = layer.match(path);
    } catch {
      continue;
    }
    if (!match) continue;
    if (layer.route) {
      if (layer.route._handlesMethod(method)) return prefix + String(match.pattern ?? layer.route.path);
      continue;
    }
    const mount = layer.slash || typeof match.pattern !== 'string' ? '' : match.pattern;
    if (layer.handle.stack) {
      const rest = path.slice(match.path.length) || '/';
      const found = find(layer.handle.stack, rest.startsWith('/') ? rest : `/${rest}`, prefix + mount, method);
      if (found) return found;
    } else if (layer.name === STATIC_HANDLER && mount) {
      return `${prefix}${mount}/*`;
    }
  }
  return undefined;
}
