import { startHealthServer, type HealthServer } from '../../services/mailer/health';

describe("the mailer's probes", () => {
  let server: HealthServer | undefined;
  afterEach(() => server?.close());

  const get = async (path: string, method = 'GET') => {
    const response = await fetch(`http://127.0.0.1:${server!.port}${path}`, { method });
    return { status: response.status, body: (await response.json()) as { status: string; error?: string } };
  };

  it('answers /livez always and /readyz while the database answers', async () => {
    let database: 'up' | 'down' | 'hanging' = 'up';
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      timeoutMs: 200,
      ready: () =>
        database === 'up' ? Promise.resolve() : database === 'down' ? Promise.reject(new Error('connect ECONNREFUSED\nstack')) : new Promise(() => undefined),
    });
    expect(await get('/livez')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ok' } });
    database = 'down';
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'unavailable', error: 'connect ECONNREFUSED' } });
    expect((await get('/livez')).status).toBe(200);
    database = 'hanging';
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'unavailable', error: 'no answer within 200 ms' } });
  });

  it('serves nothing else', async () => {
    server = await startHealthServer({ port: 0, host: '127.0.0.1', ready: () => Promise.resolve() });
    expect((await get('/metrics')).status).toBe(404);
    expect((await get('/readyz', 'POST')).status).toBe(405);
  });
});
