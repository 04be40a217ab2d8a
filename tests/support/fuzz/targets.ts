import type { AppRoute } from '../routes';
import { apiRequests, operationsOf, type OpenApiDocument } from './api-requests';
import { formRequests, pageVisits } from './form-requests';
import type { PageForm } from './page-forms';
import type { FuzzTargets } from './request';
import type { Target } from './runner';

/** Pages whose answer is a file or a redirect away (a provider's sign-in): visited like the others, not read for forms. */
const isPage = (route: AppRoute) => !route.path.startsWith('/api/') && !route.path.startsWith('/codec/') && route.path !== '/healthz' && route.path !== '/metrics';

/** Everything to aim at: each operation of the OpenAPI document, each page form, each page. */
export function fuzzTargets(document: OpenApiDocument, routes: AppRoute[], forms: Map<string, PageForm>, world: FuzzTargets): Target[] {
  const components = document.components.schemas ?? {};
  const api = operationsOf(document).map((operation) => ({ operation: `api ${operation.method} ${operation.path}`, requests: apiRequests(operation, components, world) }));
  const posts = routes.filter((route) => isPage(route) && route.method === 'POST').map((route) => ({ operation: `form POST ${route.path}`, requests: formRequests(route, forms.get(`POST ${route.path}`), world) }));
  const visits = routes.filter((route) => isPage(route) && route.method === 'GET').map((route) => ({ operation: `page GET ${route.path}`, requests: pageVisits(route, forms.get(`GET ${route.path}`), world) }));
  return [...api, ...posts, ...visits];
}
