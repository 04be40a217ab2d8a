import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { findFreePort } from '../../infra/ports';
import { createLogger } from '../../lib/logger';
import { csrfToken } from '../../services/api/http/csrf';
import { signedInStaff } from '../support/staff';
import { applicationBody, createOpenRound, getJson, postJson } from '../support/fixtures';
import { createTestApp, startTestStack, testConfig, type TestStack } from '../support/stack';

// Faults answer as faults (a forged CSRF token 403, Temporal down 503 with Retry-After), /metrics
// can be kept private, and no log line of the run holds a private link's token, a bearer token
// or any query string: the API's and the outbox's logs are captured at trace level and searched.

/** Every line the stack's logger wrote. */
function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger('api-test', 'trace', stream) };
}

describe('with Temporal unreachable, logs captured', () => {
  let stack: TestStack;
  let unreachable: Client;
  const captured = capturedLog();
  const secrets: string[] = [];
  let application: { id: string; token: string };
  let roundId: string;

  beforeAll(async () => {
    // Two attempts instead of the client's default ten: each refused call then answers within a
    // second instead of after about twenty, and the answer is the same.
    const address = `127.0.0.1:${await findFreePort()}`;
    unreachable = new Client({ connection: Connection.lazy({ address, connectTimeout: 500, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 2 }))] }) });
    stack = await startTestStack({ worker: false, temporal: unreachable, log: captured.log });
    const round = await createOpenRound(stack.db);
    roundId = round.id;
    const submitted = await postJson(`${stack.baseUrl}/api/v1/applications`, applicationBody(round.id), { 'idempotency-key': crypto.randomUUID() });
    expect(submitted.status).toBe(201);
    application = { id: submitted.body.id, token: submitted.body.accessToken };
    secrets.push(application.token);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers a withdrawal through the API with 503 and Retry-After, not 500', async () => {
    const response = await postJson(`${stack.baseUrl}/api/v1/applications/${application.id}/withdrawal?adgang=${application.token}&lang=en`, { reason: 'Vi fandt andre penge' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.body.error).toMatchObject({ code: 'service_unavailable', message: expect.stringMatching(/^We cannot handle this right now/) });
    expect(await stack.db.application.findUniqueOrThrow({ where: { id: application.id }, select: { status: true } })).toEqual({ status: 'SUBMITTED' });
  });

  it('answers the case page\'s withdrawal form with a 503 page and Retry-After', async () => {
    const response = await fetch(`${stack.baseUrl}/sag/${application.id}/traek-tilbage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gf_case=${application.token}`, origin: stack.baseUrl },
      body: new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, application.token), reason: '' }).toString(),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.text()).toContain('<h1>Prøv igen om lidt</h1>');
  });

  it('refuses a 43-character non-ASCII CSRF token with 403, on a form and in X-CSRF-Token', async () => {
    const form = await fetch(`${stack.baseUrl}/personale/log-ind`);
    const cookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
    const forged = 'æ'.repeat(43);
    const posted = await fetch(`${stack.baseUrl}/personale/log-ind`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: stack.baseUrl },
      body: new URLSearchParams({ _csrf: forged, email: 'a@example.dk', password: 'x' }).toString(),
    });
    expect(posted.status).toBe(403);

    const staff = await signedInStaff(stack, ['caseworker']);
    secrets.push(staff.token, staff.password);
    const viaCookie = await fetch(`${stack.baseUrl}/api/v1/applications/${application.id}/assignment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `gf_staff=${staff.token}`, 'x-csrf-token': forged, origin: stack.baseUrl },
      body: '{}',
    });
    expect(viaCookie.status).toBe(403);
  });

  it('writes no token and no query string into any log line', async () => {
    // Private links and bearer tokens on pages and the API, valid and not, and a draft's link.
    await fetch(`${stack.baseUrl}/sag/${application.id}?adgang=${application.token}`, { redirect: 'manual' });
    await getJson(`${stack.baseUrl}/api/v1/applications/${application.id}?adgang=${application.token}`);
    await getJson(`${stack.baseUrl}/api/v1/applications/${application.id}`, { authorization: `Bearer ${application.token}` });
    const draft = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId });
    secrets.push(draft.body.token);
    await fetch(`${stack.baseUrl}/kladde/${draft.body.id}?adgang=${draft.body.token}`, { redirect: 'manual' });
    const forged = crypto.randomBytes(32).toString('base64url');
    secrets.push(forged);
    await fetch(`${stack.baseUrl}/sag/${application.id}?adgang=${forged}`);
    await getJson(`${stack.baseUrl}/api/v1/applications/${crypto.randomUUID()}?adgang=${forged}&search=x`);
    await fetch(`${stack.baseUrl}/metrics?token=${forged}`);

    const lines = captured.lines;
    // The run did log: each request, and the Temporal outage above with its error.
    expect(lines.some((line) => line.includes(`"url":"/kladde/${draft.body.id}"`))).toBe(true);
    expect(lines.some((line) => line.includes('Temporal unavailable') && line.includes('"err":'))).toBe(true);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      for (const secret of secrets) expect(line).not.toContain(secret);
      expect(line).not.toMatch(/\?[\w.-]+=/);
      expect(line).not.toMatch(/adgang=(?!\[redacted\])/);
    }
  });
});

describe('/metrics kept private', () => {
  it('wants the bearer METRICS_TOKEN when one is configured', async () => {
    const token = crypto.randomBytes(32).toString('base64url');
    const stack = await startTestStack({ worker: false, config: testConfig({ METRICS_TOKEN: token }) });
    try {
      const status = (headers: Record<string, string>) => fetch(`${stack.baseUrl}/metrics`, { headers }).then((r) => r.status);
      expect(await status({})).toBe(401);
      expect(await status({ authorization: `Bearer ${token.slice(0, -1)}x` })).toBe(401);
      expect(await status({ authorization: `Bearer ${'ø'.repeat(43)}` })).toBe(401);
      const scraped = await fetch(`${stack.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('http_requests_total');
    } finally {
      await stack.stop();
    }
  });

  it('is served only on the internal METRICS_PORT when one is configured', async () => {
    const config = testConfig({ METRICS_PORT: String(await findFreePort()) });
    const stack = await startTestStack({ worker: false, config });
    const { metricsApp } = createTestApp(config, stack.db, stack.temporal);
    const internal = await new Promise<import('node:http').Server>((resolve) => {
      const server = metricsApp!.listen(0, '127.0.0.1', () => resolve(server));
    });
    try {
      expect((await fetch(`${stack.baseUrl}/metrics`)).status).toBe(404);
      const scraped = await fetch(`http://127.0.0.1:${(internal.address() as AddressInfo).port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('grantflow_api_process_cpu_seconds_total');
    } finally {
      internal.close();
      await stack.stop();
    }
  });
});
