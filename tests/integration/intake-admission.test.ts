import crypto from 'node:crypto';
import { sha256Hex } from '../../lib/tokens';
import { applicationBody, createOpenRound, eventually } from '../support/fixtures';
import { heldSubmission } from '../support/held-submission';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// In a deadline rush each API process stores INTAKE_MAX_CONCURRENT submissions at once; the rest
// wait their turn in arrival order. One that cannot wait (the line is full, or its turn does not
// come within INTAKE_MAX_WAIT) is refused with 503 and Retry-After before anything is stored, and a
// form post gets a page that sends it again with one button. A submission that arrived before the
// deadline is on time even when its turn came after it.

let patient: TestStack;
let impatient: TestStack;

beforeAll(async () => {
  patient = await startTestStack({ worker: false, config: testConfig({ INTAKE_MAX_CONCURRENT: '1', INTAKE_MAX_WAITING: '1', INTAKE_MAX_WAIT: '60s' }) });
  impatient = await startTestStack({ worker: false, config: testConfig({ INTAKE_MAX_CONCURRENT: '1', INTAKE_MAX_WAITING: '5', INTAKE_MAX_WAIT: '2s' }) });
});

afterAll(async () => {
  await patient?.stop();
  await impatient?.stop();
});

function submit(stack: TestStack, body: object, key: string) {
  return fetch(`${stack.baseUrl}/api/v1/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, 'accept-language': 'da' },
    body: JSON.stringify(body),
  });
}

async function gauge(stack: TestStack, name: string): Promise<number> {
  const text = await (await fetch(`${stack.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

async function storedWithKey(stack: TestStack, key: string) {
  return stack.db.application.findMany({ where: { idempotencyKeyHash: sha256Hex(key) } });
}

test('a full line refuses with 503 and Retry-After before storing anything; the same key sent again is stored once', async () => {
  const round = await createOpenRound(patient.db);
  const [keyA, keyB, keyC] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const held = heldSubmission(patient, applicationBody(round.id), keyA);
  await eventually(async () => ((await gauge(patient, 'grantflow_intake_storing')) === 1 ? true : undefined), 'the first submission to hold its turn');
  const waiting = submit(patient, applicationBody(round.id), keyB);
  await eventually(async () => ((await gauge(patient, 'grantflow_intake_waiting')) === 1 ? true : undefined), 'the second submission to wait');

  const refused = await submit(patient, applicationBody(round.id), keyC);
  expect(refused.status).toBe(503);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('intake_busy');
  expect(body.error.message).toMatch(/^Der bliver sendt rigtig mange ansøgninger lige nu.*Send den igen om \d+ sekunder\.$/);
  expect(await storedWithKey(patient, keyC)).toHaveLength(0);

  // The form's send button gets a page that keeps what the post carried and sends it again.
  const page = await fetch(`${patient.baseUrl}/kladde/${crypto.randomUUID()}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'accept-language': 'da' },
    body: new URLSearchParams({ _csrf: 'token-from-the-summary', _shown: 'stamp' }).toString(),
    redirect: 'manual',
  });
  expect(page.status).toBe(503);
  expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
  const markup = await page.text();
  expect(markup).toContain('<h1>Der er travlt lige nu</h1>');
  expect(markup).toContain('Alt, hvad du har skrevet, er gemt i din kladde.');
  expect(markup).toMatch(/<form method="post" action="\/kladde\/[0-9a-f-]+\/send">/);
  expect(markup).toContain('<input type="hidden" name="_csrf" value="token-from-the-summary">');

  expect((await held.finish()).status).toBe(201);
  expect((await waiting).status).toBe(201);

  const again = await submit(patient, applicationBody(round.id), keyC);
  expect(again.status).toBe(201);
  const repeated = await submit(patient, applicationBody(round.id), keyC);
  expect(repeated.status).toBe(201);
  expect(repeated.headers.get('idempotent-replayed')).toBe('true');
  expect(((await repeated.json()) as { id: string }).id).toBe(((await again.json()) as { id: string }).id);
  expect(await storedWithKey(patient, keyC)).toHaveLength(1);
  expect(await gauge(patient, 'grantflow_intake_storing')).toBe(0);
});

test('a submission whose turn does not come within INTAKE_MAX_WAIT is refused, and one that hangs up gives its place up', async () => {
  const round = await createOpenRound(impatient.db);
  const held = heldSubmission(impatient, applicationBody(round.id), crypto.randomUUID());
  await eventually(async () => ((await gauge(impatient, 'grantflow_intake_storing')) === 1 ? true : undefined), 'the first submission to hold its turn');

  const gone = new AbortController();
  const abandoned = submit(impatient, applicationBody(round.id), crypto.randomUUID());
  void abandoned.catch(() => undefined);
  const hungUp = fetch(`${impatient.baseUrl}/api/v1/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(applicationBody(round.id)),
    signal: gone.signal,
  }).catch((error: Error) => error.name);
  await eventually(async () => ((await gauge(impatient, 'grantflow_intake_waiting')) === 2 ? true : undefined), 'two submissions to wait');
  gone.abort();
  expect(await hungUp).toBe('AbortError');

  const key = crypto.randomUUID();
  const refused = await submit(impatient, applicationBody(round.id), key);
  expect(refused.status).toBe(503);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('intake_busy');
  expect((await abandoned).status).toBe(503);
  expect(await storedWithKey(impatient, key)).toHaveLength(0);
  expect(await gauge(impatient, 'grantflow_intake_waiting')).toBe(0);

  expect((await held.finish()).status).toBe(201);
  expect(await gauge(impatient, 'grantflow_intake_storing')).toBe(0);
});

test('a submission that arrived before the deadline is on time although its turn came after it', async () => {
  const closesAt = new Date(Date.now() + 2_000);
  const round = await createOpenRound(patient.db, { closesAt });
  const held = heldSubmission(patient, applicationBody(round.id), crypto.randomUUID());
  await eventually(async () => ((await gauge(patient, 'grantflow_intake_storing')) === 1 ? true : undefined), 'the first submission to hold its turn');
  const key = crypto.randomUUID();
  const onTime = submit(patient, applicationBody(round.id), key);
  await eventually(async () => ((await gauge(patient, 'grantflow_intake_waiting')) === 1 ? true : undefined), 'the submission to wait');

  await eventually(async () => (Date.now() > closesAt.getTime() + 500 ? true : undefined), 'the deadline to pass');
  expect((await held.finish()).status).toBe(201);
  expect((await onTime).status).toBe(201);
  const [stored] = await storedWithKey(patient, key);
  expect(stored!.submittedAt!.getTime()).toBeLessThan(closesAt.getTime());

  const late = await submit(patient, applicationBody(round.id), crypto.randomUUID());
  expect(late.status).toBe(409);
  expect(((await late.json()) as { error: { code: string } }).error.code).toBe('round_closed');
});

test('a database with no connection to spare answers 503 database_busy with Retry-After, and nothing is stored', async () => {
  const stack = await startTestStack({ worker: false });
  try {
    const round = await createOpenRound(stack.db);
    // Every connection of the API's pool (pg's 10) held by a transaction that waits for the test.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: 10 }, () => stack.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await released;
    }, { maxWait: 30_000, timeout: 60_000 }));
    await eventually(async () => ((await stack.db.$queryRaw<{ n: bigint }[]>`SELECT 1 AS n`.catch(() => undefined)) ? undefined : true), 'the pool to be taken', 30_000).catch(() => undefined);

    const key = crypto.randomUUID();
    const refused = await submit(stack, applicationBody(round.id), key);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'database_busy', message: 'Der er så travlt lige nu, at vi ikke kunne nå at behandle det. Prøv igen om 5 sekunder.' });

    const page = await fetch(`${stack.baseUrl}/kladde/${crypto.randomUUID()}/send`, {
      method: 'POST',
      // A draft cookie, so the page goes to the database for its draft (the rate limits count on connections of their own).
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'accept-language': 'da', cookie: 'gf_kladde=some-draft-token' },
      body: new URLSearchParams({ _csrf: 'token', _shown: 'stamp' }).toString(),
      redirect: 'manual',
    });
    expect(page.status).toBe(503);
    const markup = await page.text();
    expect(markup).toContain('<h1>Der er travlt lige nu</h1>');
    expect(markup).toContain('<input type="hidden" name="_csrf" value="token">');

    release();
    await Promise.all(holders);
    expect(await storedWithKey(stack, key)).toHaveLength(0);
    expect((await submit(stack, applicationBody(round.id), key)).status).toBe(201);
    expect(await storedWithKey(stack, key)).toHaveLength(1);
  } finally {
    await stack.stop();
  }
});
