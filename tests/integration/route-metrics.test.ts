import { routesOfStack } from '../support/routes';
import { startTestStack, type TestStack } from '../support/stack';

// Operators read request counts by route: every page a visitor reaches is labelled with its route
// pattern, also when a guard answers before the route runs (a redirect to sign-in); only a path no
// route serves is "unmatched".
describe('request metrics by route', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const metricLines = async () =>
    (await (await fetch(`${stack.baseUrl}/metrics`)).text()).split('\n').filter((line) => line.startsWith('http_requests_total{'));
  const routeOf = (line: string) => /route="([^"]*)"/.exec(line)?.[1];
  const statusOf = (line: string) => /status="(\d+)"/.exec(line)?.[1];

  it('labels every page route with its pattern, whoever asks, and leaves only real 404s unmatched', async () => {
    const pages = routesOfStack(stack).filter((route) => route.method === 'GET' && !route.path.startsWith('/api/') && route.path !== '/metrics');
    expect(pages.length).toBeGreaterThan(20);
    for (const page of pages) {
      const path = page.path.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000').replace(/\*\w*/g, 'x');
      await (await fetch(`${stack.baseUrl}${path}`, { redirect: 'manual' })).arrayBuffer();
    }
    await (await fetch(`${stack.baseUrl}/findes-ikke`)).arrayBuffer();
    await (await fetch(`${stack.baseUrl}/assets/app.css`)).arrayBuffer();

    const lines = await metricLines();
    const labelled = new Set(lines.map(routeOf));
    expect(pages.map((page) => page.path).filter((path) => !labelled.has(path))).toEqual([]);
    expect(lines.filter((line) => routeOf(line) === 'unmatched' && statusOf(line) !== '404')).toEqual([]);
    expect(lines.some((line) => routeOf(line) === 'unmatched' && statusOf(line) === '404')).toBe(true);
    expect(labelled.has('/assets/*')).toBe(true);
  });

  it('labels a page a guard answers (a redirect to sign-in) with the page route it would reach', async () => {
    const response = await fetch(`${stack.baseUrl}/personale/sager`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(await metricLines()).toContainEqual(expect.stringMatching(/^http_requests_total\{method="GET",route="\/personale\/sager",status="303"\} \d+$/));
  });
});
