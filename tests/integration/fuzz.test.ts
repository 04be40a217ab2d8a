import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { rateLimitSettingsSchema } from '../../lib/rate-limit-settings';
import { csrfToken } from '../../services/api/http/csrf';
import { getJson } from '../support/fixtures';
import { routesOfStack } from '../support/routes';
import { createTestApp, startTestStack, testConfig, type TestStack } from '../support/stack';
import type { OpenApiDocument } from '../support/fuzz/api-requests';
import { caseWorkflowFingerprint, differences, EXCLUDED_ROWS, EXCLUDED_TABLES, fingerprint, rowChanges, rowsOf, type Fingerprint } from '../support/fuzz/fingerprint';
import { discoverForms } from '../support/fuzz/page-forms';
import type { FuzzTargets } from '../support/fuzz/request';
import { healthy, runFuzz, summary } from '../support/fuzz/runner';
import { fuzzTargets } from '../support/fuzz/targets';
import { createFuzzWorld } from '../support/fuzz/world';

// Malformed requests generated from the OpenAPI document and the page forms (fast-check, seeded):
// not one may get a 5xx, and the stored data must be as before. `npm run fuzz` runs 10,000 of
// them with a new seed; here a fixed seed and a smaller count keep the suite's time.

const FULL = process.env.FUZZ_FULL === '1';
const SEED = Number(process.env.FUZZ_SEED ?? (FULL ? crypto.randomInt(1, 2 ** 31) : 20_261_202));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? (FULL ? 10_000 : 1_200));

// This file's own database: the fingerprint covers every table, and no other test file writes to it.
const databaseUrl = process.env.DATABASE_URL!;
let stack: TestStack;
let limited: { server: Server; baseUrl: string };
let world: FuzzTargets;
let document: OpenApiDocument;
let before: Fingerprint;
let rowsBefore: Awaited<ReturnType<typeof rowsOf>>;

/** The stored data's fingerprint; the scratch draft (whose step form keeps what was typed) is counted, not hashed. */
const stored = async (): Promise<Fingerprint> => {
  const { tables } = await fingerprint(stack.db, { application_drafts: [world.ids.scratchDraft] });
  return { tables: { ...tables, ...(await caseWorkflowFingerprint(stack.temporal, world.ids.application)) } };
};

beforeAll(async () => {
  stack = await startTestStack({ config: testConfig({ DATABASE_URL: databaseUrl }) });
  // A second API on the same database with the default rate limits, for a share of the requests.
  const defaults = Object.fromEntries(Object.entries(rateLimitSettingsSchema.parse({})).map(([name, value]) => [name, String(value)]));
  const { app } = createTestApp(testConfig({ ...defaults, DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: stack.config.TEMPORAL_TASK_QUEUE }), stack.db, stack.temporal);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  limited = { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  world = await createFuzzWorld(stack);
  document = (await getJson(`${stack.baseUrl}/api/v1/openapi.json`)).body as OpenApiDocument;
  before = await stored();
  rowsBefore = await rowsOf(stack.db, Object.keys(before.tables).filter((name) => !name.startsWith('workflow ')));
}, 120_000);

afterAll(async () => {
  if (limited) await new Promise<void>((resolve) => {
    limited.server.close(() => resolve());
    limited.server.closeAllConnections();
  });
  await stack?.stop();
});

test(`${REQUESTS} malformed requests: no 5xx, and the stored data unchanged`, async () => {
  const routes = routesOfStack(stack);
  const forms = await discoverForms(routes, world);
  const targets = fuzzTargets(document, routes, forms, world);
  const unseen = routes.filter((route) => route.method === 'POST' && !route.path.startsWith('/api/') && !route.path.startsWith('/codec/') && !forms.has(`POST ${route.path}`));
  process.stderr.write(`[fuzz] forms no page showed in this state (posted with unknown fields): ${unseen.map((route) => route.path).join(', ')}\n`);
  process.stderr.write(`[fuzz] seed ${SEED}, ${REQUESTS} requests over ${targets.length} operations and pages (${forms.size} forms read from the pages); tables not compared: ${EXCLUDED_TABLES.join(', ')}; rows only where ${JSON.stringify(EXCLUDED_ROWS)}\n`);
  const report = await runFuzz(stack.baseUrl, targets, {
    seed: SEED,
    requests: REQUESTS,
    limited: { baseUrl: limited.baseUrl, every: 20 },
    checkpoint: async () => differences(before, await stored()),
  });
  // Whatever a request started (an email, a workflow's activity) has had time to land.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const changed = differences(before, await stored());
  process.stderr.write(`${summary(report)}\n`);
  if (changed.length) process.stderr.write(`rows changed:\n  ${rowChanges(rowsBefore, await rowsOf(stack.db, Object.keys(before.tables).filter((name) => !name.startsWith('workflow ')))).slice(0, 30).join('\n  ')}\n`);
  expect(await healthy(stack.baseUrl)).toBe(true);
  expect(report.failures.map((failure) => `${failure.request.operation}: ${typeof failure.answer === 'string' ? failure.answer : failure.answer.status}`)).toEqual([]);
  expect(changed).toEqual([]);
  expect(report.sent).toBe(REQUESTS);
}, Math.max(120_000, REQUESTS * 200));

// Requests earlier fuzz runs found answered with a 5xx, left unanswered or let through; each was
// fixed where it went wrong, and is kept here as it was sent.
describe('requests the fuzzer found', () => {
  const post = (path: string, headers: Record<string, string>, body: string) => fetch(`${stack.baseUrl}${path}`, { method: 'POST', headers, body, redirect: 'manual' });
  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const issuesOf = async (response: Response) => ((await response.json()) as { error: { issues: { path: string }[] } }).error.issues.map((issue) => issue.path);

  it('counts an anonymous write whose X-Forwarded-For is no address (past the key column’s 255 characters)', async () => {
    const response = await post('/api/v1/drafts', { 'content-type': 'application/json', 'x-forwarded-for': `${'a'.repeat(64)}@${'b'.repeat(255)}.dk` }, '{}');
    expect(response.status).toBe(400);
  });

  it('answers 404 for a round slug no round could have (a NUL in the address)', async () => {
    const response = await fetch(`${stack.baseUrl}/ansoeg/sH%1C_dH%00%7FT9%0Cb/kan-ikke-soege`);
    expect(response.status).toBe(404);
  });

  it('answers staff 404 for the documents of a case that does not exist, and logs no view of it', async () => {
    const id = crypto.randomUUID();
    const response = await fetch(`${stack.baseUrl}/api/v1/applications/${id}/documents`, { headers: { authorization: `Bearer ${world.tokens.staff.caseworker}` } });
    expect(response.status).toBe(404);
    expect(await stack.db.staffAccessLog.count({ where: { applicationId: id } })).toBe(0);
  });

  it('refuses a new round naming its scheme with a NUL at the field', async () => {
    const response = await post('/api/v1/rounds', json(world.tokens.staff.admin), JSON.stringify({ slug: 'fuzz-nul', scheme: '\u0000', name: 'Fuzz', budget: 1, maxAmount: 1, opensAt: 'Fuzz' }));
    expect(response.status).toBe(400);
    expect(await issuesOf(response)).toContain('scheme');
  });

  it('refuses text that cannot be stored instead of handing it to the case’s workflow (NUL, half a surrogate pair)', async () => {
    const path = `/api/v1/applications/${world.ids.application}/information-requests`;
    const nul = await post(path, json(world.tokens.staff.admin), JSON.stringify({ items: ['a\u0000b'], message: 'x' }));
    expect(nul.status).toBe(400);
    expect(await issuesOf(nul)).toEqual(['items.0']);
    const surrogate = await post(path, json(world.tokens.staff.admin), '{"items":["Vedtægter"],"message":"a\\ud800b"}');
    expect(surrogate.status).toBe(400);
    expect(await issuesOf(surrogate)).toEqual(['message']);
    const draft = await fetch(`${stack.baseUrl}/api/v1/drafts/${world.ids.draft}`, { method: 'PATCH', headers: json(world.tokens.draft), body: '{"step":"contact","answers":{"contact":{"name":"A\\udc00","email":"a@eksempel.dk"}}}' });
    expect(draft.status).toBe(400);
    const upload = new FormData();
    upload.append('kind', 'statutes\u0000');
    upload.append('file', new Blob(['%PDF-1.4\n%fuzz\n'], { type: 'application/pdf' }), 'vedtaegter.pdf');
    const multipart = await fetch(`${stack.baseUrl}/api/v1/applications/${world.ids.application}/documents`, { method: 'POST', headers: { authorization: `Bearer ${world.tokens.staff.admin}` }, body: upload });
    expect(multipart.status).toBe(400);
    expect(await issuesOf(multipart)).toEqual(['kind']);
  });

  it('answers an upload whose parts busboy reads as fields without a value', async () => {
    const body = '--fuzzboundary\r\nContent-Disposition: form-data; name="-0"; filename=""\r\nContent-Type: text/plain; charset=nope\r\n\r\nMZ\u0000\r\n--fuzzboundary--\r\n';
    const response = await post(`/api/v1/applications/${world.ids.application}/documents`, { authorization: `Bearer ${world.tokens.staff.admin}`, 'content-type': 'multipart/form-data; boundary=fuzzboundary' }, body);
    expect(response.status).toBe(400);
  });

  it('refuses a withdrawal whose reason is given twice, and the case stays where it was', async () => {
    const body = new URLSearchParams([['_csrf', csrfToken(stack.config.COOKIE_SECRET, world.tokens.applicant)], ['reason', 'Fuzz'], ['reason', 'Fuzz']]).toString();
    const response = await post(`/sag/${world.ids.application}/traek-tilbage`, { cookie: `gf_case=${world.tokens.applicant}`, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' }, body);
    expect(response.status).toBe(400);
    expect(differences(before, await stored())).toEqual([]);
  });
});
