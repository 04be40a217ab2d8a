import { getJson } from '../support/fixtures';
import { routesOfStack } from '../support/routes';
import { startTestStack, type TestStack } from '../support/stack';

// The OpenAPI document against the running app: every JSON API route the router stacks serve
// under /api/v1 must be in the document, and the document must name no route the app lacks.

const API_PREFIX = '/api/v1';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; $ref?: string }[];
  responses?: Record<string, unknown>;
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };

let stack: TestStack;
let document: OpenApiDocument;

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  const response = await getJson(`${stack.baseUrl}${API_PREFIX}/openapi.json`);
  expect(response.status).toBe(200);
  document = response.body as OpenApiDocument;
});

afterAll(async () => {
  await stack?.stop();
});

/** "GET /applications/{id}" for each operation of the document. */
function documentedOperations(): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** "GET /applications/{id}" for each route the app serves under /api/v1. */
function servedOperations(): string[] {
  return routesOfStack(stack)
    .filter((route) => route.path.startsWith(`${API_PREFIX}/`))
    .map((route) => `${route.method} ${route.path.slice(API_PREFIX.length).replace(/:(\w+)/g, '{$1}')}`);
}

describe('the OpenAPI document', () => {
  it('documents every API route the app serves, and nothing else', () => {
    const served = servedOperations();
    const documented = documentedOperations();
    const missing = served.filter((operation) => !documented.includes(operation));
    const unserved = documented.filter((operation) => !served.includes(operation));
    const problems = [
      ...missing.map((operation) => `served but not in the OpenAPI document: ${operation}`),
      ...unserved.map((operation) => `in the OpenAPI document but served by no route: ${operation}`),
    ];
    if (problems.length) throw new Error(problems.join('\n'));
    expect(served.length).toBeGreaterThan(40);
  });

  it('declares each path parameter and answers with at least one response per operation', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const method of Object.keys(item).filter((key) => METHODS.includes(key))) {
        const operation = item[method]!;
        const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path' && parameter.required);
        for (const name of names) if (!declared.some((parameter) => parameter.name === name)) problems.push(`${method.toUpperCase()} ${path}: no required path parameter ${name}`);
        if (!Object.keys(operation.responses ?? {}).length) problems.push(`${method.toUpperCase()} ${path}: no responses`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refers only to components it defines', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    const dangling = refs.filter(([, kind, name]) => document.components[kind!]?.[name!] === undefined).map(([ref]) => ref);
    expect([...new Set(dangling)]).toEqual([]);
  });

  it('names the security scheme of every secured operation', () => {
    const schemes = Object.keys(document.components.securitySchemes ?? {});
    expect(schemes.sort()).toEqual(['applicantToken', 'draftToken', 'staffToken']);
    const used = JSON.stringify(Object.values(document.paths)).match(/"(\w+Token)":\[\]/g) ?? [];
    for (const requirement of new Set(used)) expect(schemes).toContain(requirement.slice(1, requirement.indexOf('"', 1)));
  });
});
