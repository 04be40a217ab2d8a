import crypto from 'node:crypto';
import { applicationBody, createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let roundId: string;

beforeAll(async () => {
  stack = await startTestStack();
  roundId = (await createOpenRound(stack.db, { maxAmount: 50_000 })).id;
});

afterAll(async () => {
  await stack?.stop();
});

const submit = (body: unknown, headers: Record<string, string> = {}) => postJson(`${stack.baseUrl}/api/v1/applications`, body, headers);

async function countWorkflows(workflowId: string): Promise<number> {
  let count = 0;
  for await (const _ of stack.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) count += 1;
  return count;
}

describe('POST /api/v1/applications', () => {
  it('stores the application, starts its workflow and reaches IN_QUEUE', async () => {
    const response = await submit(applicationBody(roundId));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'SUBMITTED', reference: expect.stringMatching(/^GF-\d{4}-\d{5}$/) });
    expect(response.body.accessToken.length).toBeGreaterThanOrEqual(22);
    expect(response.headers.get('location')).toBe(response.body.statusUrl);

    const auth = { authorization: `Bearer ${response.body.accessToken}` };
    const view = await eventually(async () => {
      const current = await getJson(`${stack.baseUrl}/api/v1/applications/${response.body.id}`, auth);
      return current.body.status === 'IN_QUEUE' ? current : undefined;
    }, 'IN_QUEUE');
    expect(view.status).toBe(200);
    expect(view.body.timeline.map((e: { to: string }) => e.to)).toEqual(['SUBMITTED', 'SCREENING', 'IN_QUEUE']);
    expect(view.body.amountRequested).toBe(12_000);
    expect(view.headers.get('cache-control')).toBe('no-store');

    const handle = stack.temporal.workflow.getHandle(`grant-application-${response.body.id}`);
    expect((await handle.describe()).taskQueue).toBe(stack.config.TEMPORAL_TASK_QUEUE);
    await handle.terminate('test finished');
  });

  it('returns the same application for a repeated Idempotency-Key and starts nothing new', async () => {
    const key = `submit-${crypto.randomUUID()}`;
    const body = applicationBody(roundId, { amountRequested: 9_500 });
    const [first, second] = await Promise.all([submit(body, { 'idempotency-key': key }), submit(body, { 'idempotency-key': key })]);
    const third = await submit(body, { 'idempotency-key': key });
    for (const response of [first, second, third]) expect(response.status).toBe(201);
    expect(new Set([first.body.id, second.body.id, third.body.id]).size).toBe(1);
    expect(third.body.accessToken).toBe(first.body.accessToken);
    expect(third.headers.get('idempotent-replayed')).toBe('true');

    expect(await stack.db.application.count({ where: { id: first.body.id } })).toBe(1);
    expect(await stack.db.application.count({ where: { roundId, amountRequestedOre: 950_000n } })).toBe(1);
    const workflowId = `grant-application-${first.body.id}`;
    await eventually(async () => ((await countWorkflows(workflowId)) > 0 ? true : undefined), 'visibility', 10_000);
    expect(await countWorkflows(workflowId)).toBe(1);
    expect(await stack.db.caseEvent.count({ where: { applicationId: first.body.id, type: 'submitted' } })).toBe(1);
    await stack.temporal.workflow.getHandle(workflowId).terminate('test finished');
  });

  it('refuses to reuse an Idempotency-Key for a different application', async () => {
    const key = `submit-${crypto.randomUUID()}`;
    expect((await submit(applicationBody(roundId), { 'idempotency-key': key })).status).toBe(201);
    const reused = await submit(applicationBody(roundId, { amountRequested: 1_000 }), { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('answers invalid input with 400 and a message per field, in Danish by default', async () => {
    const before = await stack.db.application.count({ where: { roundId } });
    const valid = applicationBody(roundId);
    const response = await submit({
      ...valid,
      roundId: 'not-a-uuid',
      organization: { cvr: '13748137', name: '', email: 'not-an-email' },
      contact: { name: 'Inge' },
      project: { ...valid.project, title: 'x'.repeat(121) },
      amountRequested: 100.5,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.body.error.message).toBe('Nogle oplysninger mangler eller er ikke udfyldt rigtigt.');
    const byPath = Object.fromEntries(response.body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      ['amountRequested', 'contact.email', 'organization.cvr', 'organization.email', 'organization.name', 'project.title', 'roundId'].sort(),
    );
    expect(byPath['organization.cvr']).toBe('CVR-nummeret er ikke gyldigt. Tjek at du har skrevet de 8 cifre rigtigt.');
    expect(byPath['amountRequested']).toBe('Skriv beløbet i hele kroner, uden punktum og komma.');
    expect(byPath['contact.email']).toBe('Feltet skal udfyldes.');
    expect(await stack.db.application.count({ where: { roundId } })).toBe(before);
  });

  it('speaks English or Norwegian when asked', async () => {
    const english = await submit({}, { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('Some information is missing or not filled in correctly.');
    const norwegian = await postJson(`${stack.baseUrl}/api/v1/applications?lang=nb`, applicationBody(roundId, { organization: { cvr: '1', name: 'A', email: 'a@b.dk' } }));
    expect(norwegian.body.error.issues).toEqual([{ path: 'organization.cvr', message: 'Et CVR-nummer består av 8 sifre.' }]);
  });

  it('refuses an amount above the round maximum and an unknown round', async () => {
    const tooMuch = await submit(
      applicationBody(roundId, { amountRequested: 50_001, budget: { lines: [{ category: 'activities', description: 'Udflugter', amount: 60_000 }], cofinancing: [] } }),
    );
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.issues).toEqual([{ path: 'amountRequested', message: 'Du kan højst søge 50.000 kr. i denne pulje.' }]);
    const unknown = await submit(applicationBody(crypto.randomUUID()));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.issues[0].path).toBe('roundId');
  });

  it('refuses a round that has closed', async () => {
    const closed = await createOpenRound(stack.db, { opensAt: new Date(Date.now() - 10 * 86_400_000), closesAt: new Date(Date.now() - 86_400_000) });
    const response = await submit(applicationBody(closed.id));
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('round_closed');
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await fetch(`${stack.baseUrl}/api/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"roundId":' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe('invalid_json');
  });
});

describe('GET /api/v1/applications/{id}', () => {
  it('needs the access token: 401 without, 403 with another application’s', async () => {
    const mine = await submit(applicationBody(roundId));
    const theirs = await submit(applicationBody(roundId));
    const url = `${stack.baseUrl}/api/v1/applications/${mine.body.id}`;

    const anonymous = await getJson(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(anonymous.body.error.message).toBe('Brug det private link fra din kvittering for at se ansøgningen.');

    const wrong = await getJson(url, { authorization: `Bearer ${theirs.body.accessToken}` });
    expect(wrong.status).toBe(403);
    expect(wrong.body).not.toHaveProperty('status');

    const unknown = await getJson(`${stack.baseUrl}/api/v1/applications/${crypto.randomUUID()}`, { authorization: `Bearer ${mine.body.accessToken}` });
    expect(unknown.status).toBe(404);
  });
});

describe('GET /api/v1/rounds', () => {
  it('lists open rounds with amounts in whole kroner', async () => {
    const response = await getJson(`${stack.baseUrl}/api/v1/rounds`);
    expect(response.status).toBe(200);
    const round = response.body.rounds.find((r: { id: string }) => r.id === roundId);
    expect(round).toMatchObject({ maxAmount: 50_000, budget: 500_000, mode: 'continuous' });
  });
});

describe('GET /metrics', () => {
  it('counts requests by route pattern in Prometheus text format', async () => {
    await getJson(`${stack.baseUrl}/api/v1/rounds`);
    const response = await fetch(`${stack.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/rounds",status="200"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/rounds",status="200"\}/);
    expect(text).not.toMatch(/route="\/api\/v1\/applications\/[0-9a-f-]{36}"/);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('describes the submit body from the same schema the API validates with', async () => {
    const response = await getJson(`${stack.baseUrl}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const input = response.body.components.schemas.ApplicationInput;
    expect(input.required).toEqual(expect.arrayContaining(['roundId', 'organization', 'contact', 'project', 'amountRequested']));
    expect(input.properties.project.properties.title.maxLength).toBe(120);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/rounds', '/applications', '/applications/{id}', '/auth/login', '/queue', '/applications/{id}/decision', '/applications/{id}/approval', '/reports/{id}/review', '/rounds/{id}/allocation']),
    );
    expect(response.body.components.schemas.Decision.properties.outcome.enum).toEqual(['approved', 'partially_approved', 'rejected']);
  });
});

describe('cross-field rules of the submission', () => {
  it('refuses an end date before the start date, more than the budget, and a missing truthfulness declaration', async () => {
    const valid = applicationBody(roundId);
    const response = await submit({
      ...valid,
      project: { ...valid.project, startDate: '2027-05-01', endDate: '2027-04-01' },
      amountRequested: 13_000,
      declarations: { truthful: false, childCertificates: false, contactLater: false },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'declarations.truthful', message: 'Du skal bekræfte, at oplysningerne er rigtige (tro og love).' },
      ]),
    );
    const fixedDeclaration = await submit({ ...valid, project: { ...valid.project, startDate: '2027-05-01', endDate: '2027-04-01' }, amountRequested: 13_000 });
    expect(fixedDeclaration.body.error.issues).toEqual([
      { path: 'project.endDate', message: 'Slutdatoen skal være samme dag som eller efter startdatoen.' },
      { path: 'amountRequested', message: 'Du kan ikke søge om mere end budgettets samlede udgifter.' },
    ]);
  });
});
