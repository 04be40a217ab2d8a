import fc from 'fast-check';
import { STEP_SLUGS } from '../../../services/api/pages/apply/draft-paths';
import type { AppRoute } from '../routes';
import type { FuzzTargets } from './request';

// The page forms as the pages render them: each GET page is fetched signed in (staff, the case's
// and the draft's private links) and its <form method="post"> elements read, so the fuzzer knows
// each form's fields, which are required, their length limits and their allowed values.

export interface FormField {
  name: string;
  /** text, textarea, select, radio, checkbox, number, date, email, hidden, file, … */
  type: string;
  required: boolean;
  maxLength?: number;
  /** The values a select, radio group or checkbox offers. */
  options: string[];
}

export interface PageForm {
  /** POST, or GET for a search or filter form (its fields are the page's query). */
  method: 'POST' | 'GET';
  /** The route pattern the form goes to, e.g. /sag/:id/svar */
  route: string;
  multipart: boolean;
  fields: FormField[];
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?`, 'i').exec(tag);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[entity]!);
}

/** The pattern of the route a form's action names (the action's path matched against the routes). */
export function routeOfAction(action: string, routes: AppRoute[], method: 'POST' | 'GET' = 'POST'): string | undefined {
  const path = new URL(action, 'http://x').pathname;
  const route = routes.find((candidate) => candidate.method === method && new RegExp(`^${candidate.path.replace(/:\w+/g, '[^/]+')}$`).test(path));
  return route?.path;
}

/** The forms of one page's HTML, with the route each goes to. */
export function formsOf(html: string, pagePath: string, routes: AppRoute[]): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, tag, inner] = match as unknown as [string, string, string];
    const method = (attribute(tag, 'method') ?? 'get').toLowerCase() === 'post' ? 'POST' : 'GET';
    const route = routeOfAction(attribute(tag, 'action') || pagePath, routes, method);
    if (!route) continue;
    const fields = new Map<string, FormField>();
    const add = (name: string | undefined, type: string, element: string, options: string[] = []) => {
      if (!name || name === '_csrf') return;
      const known = fields.get(name);
      const maxLength = Number(attribute(element, 'maxlength')) || undefined;
      const required = attribute(element, 'required') !== undefined;
      if (known) {
        known.options.push(...options);
        known.required ||= required;
      } else {
        fields.set(name, { name, type, required, maxLength, options: [...options] });
      }
    };
    for (const [element] of inner.matchAll(/<input\b[^>]*>/gi)) {
      const type = (attribute(element, 'type') ?? 'text').toLowerCase();
      if (['submit', 'button', 'reset', 'image'].includes(type)) continue;
      add(attribute(element, 'name'), type, element, ['radio', 'checkbox'].includes(type) ? [attribute(element, 'value') ?? 'on'] : []);
    }
    for (const [element] of inner.matchAll(/<textarea\b[^>]*>/gi)) add(attribute(element, 'name'), 'textarea', element);
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>/gi)].map((option) => attribute(option[1]!, 'value') ?? '');
      add(attribute(select[1]!, 'name'), 'select', `<select${select[1]}>`, options);
    }
    forms.push({ method, route, multipart: /multipart\/form-data/i.test(attribute(tag, 'enctype') ?? ''), fields: [...fields.values()] });
  }
  return forms;
}

/** Forms of the same route (seen on several pages, or in several states) merged into one, keyed "POST /sag/:id/svar". */
export function mergeForms(forms: PageForm[]): Map<string, PageForm> {
  const byRoute = new Map<string, PageForm>();
  for (const form of forms) {
    const key = `${form.method} ${form.route}`;
    const known = byRoute.get(key);
    if (!known) {
      byRoute.set(key, { ...form, fields: form.fields.map((field) => ({ ...field, options: [...field.options] })) });
      continue;
    }
    known.multipart ||= form.multipart;
    for (const field of form.fields) {
      const same = known.fields.find((candidate) => candidate.name === field.name);
      if (!same) known.fields.push({ ...field, options: [...field.options] });
      else {
        same.options = [...new Set([...same.options, ...field.options])];
        // Required only where every form that has the field requires it.
        same.required &&= field.required;
      }
    }
  }
  return byRoute;
}

/** The concrete path of a page route for the fuzzer's data. */
export function concretePagePath(path: string, targets: FuzzTargets, scratch: boolean): string {
  const { ids } = targets;
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'slug') return ids.roundSlug;
    if (name === 'roundId') return ids.round;
    if (name === 'step') return 'forening';
    if (name === 'documentId') return ids.document;
    if (path.startsWith('/kladde/')) return scratch ? ids.scratchDraft : ids.draft;
    if (path.startsWith('/personale/admin/puljer/')) return ids.round;
    if (path.startsWith('/personale/admin/ordninger/')) return ids.scheme;
    if (path.startsWith('/personale/admin/medarbejdere/')) return ids.staffUser;
    if (path.startsWith('/personale/udbetalinger/')) return ids.payoutRun;
    return ids.application;
  });
}

/** The cookies a signed-in browser would hold for every area: staff (admin), the case, the scratch draft (a visit records the step reached). */
export function allCookies(targets: FuzzTargets): string {
  return `gf_staff=${targets.tokens.staff.admin}; gf_case=${targets.tokens.applicant}; gf_kladde=${targets.tokens.scratchDraft}`;
}

/** Reads the forms of every GET page the routes name (with all cookies), merged per method and route. */
export async function discoverForms(routes: AppRoute[], targets: FuzzTargets): Promise<Map<string, PageForm>> {
  const pages = routes.filter((route) => route.method === 'GET' && !route.path.startsWith('/api/') && !route.path.startsWith('/codec/') && !/\.(pdf|csv|json)$|\/dokumenter\/:documentId$|\/log-ind\/oidc/.test(route.path));
  const forms: PageForm[] = [];
  const paths = new Set<string>();
  for (const page of pages) {
    const scratch = page.path.startsWith('/kladde/');
    paths.add(concretePagePath(page.path, targets, scratch));
    // The draft's pages once per step of the form.
    if (page.path === '/kladde/:id/trin/:step') for (const step of Object.values(STEP_SLUGS)) paths.add(concretePagePath(page.path, targets, scratch).replace(/forening$/, step));
  }
  for (const path of paths) {
    // Signed in, and (for the sign-in page, which sends the signed-in onwards) not.
    for (const cookie of [allCookies(targets), '']) {
      const response = await fetch(`${targets.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
      const html = await response.text();
      if (response.status === 200) forms.push(...formsOf(html, path, routes));
      if (response.status === 200) break;
    }
  }
  return mergeForms(forms);
}
