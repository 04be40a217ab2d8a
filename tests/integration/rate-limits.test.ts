import crypto from 'node:crypto';
import http from 'node:http';
import type { Request } from 'express';
import { rateLimitSettingsSchema } from '../../lib/rate-limit-settings';
import { createRateLimits, RateLimitedError } from '../../services/api/http/rate-limits';
import { createSqlPool } from '../../lib/db';
import { createOpenRound, eventually } from '../support/fixtures';
import { mailTo } from '../support/process';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// Anonymous writes are counted in PostgreSQL, so two API instances on one database share every
// limit: per client address (as TRUST_PROXY makes it of X-Forwarded-For), a global ceiling, new
// drafts per address, emails per recipient. Past a limit: 429 with Retry-After, a JSON error in
// the caller's language, or a page that keeps what was typed; nothing is stored.

const NEW_DRAFTS_PER_ADDRESS = 5;
const EMAILS_PER_RECIPIENT = 2;

let first: TestStack;
let second: TestStack;
let roundId: string;

beforeAll(async () => {
  const limits = {
    RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS: String(NEW_DRAFTS_PER_ADDRESS),
    RATE_LIMIT_EMAILS_PER_RECIPIENT: String(EMAILS_PER_RECIPIENT),
    RATE_LIMIT_WRITES_PER_ADDRESS: '40',
    UPLOAD_MAX_CONCURRENT: '1',
  };
  first = await startTestStack({ worker: false, config: testConfig(limits) });
  second = await startTestStack({ worker: false, config: testConfig(limits) });
  roundId = (await createOpenRound(first.db)).id;
});

afterAll(async () => {
  await first?.stop();
  await second?.stop();
});

/** A client address of this test's own (TEST-NET-3), so no other test file's requests count with it. */
function newClientAddress(): string {
  const bytes = crypto.randomBytes(2);
  return `203.0.${bytes[0]}.${bytes[1]}`;
}

async function startDraft(stack: TestStack, address: string, language = 'da') {
  const response = await fetch(`${stack.baseUrl}/api/v1/drafts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'accept-language': language },
    body: JSON.stringify({ roundId }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

test('new drafts from one address are limited across two API instances on the same database', async () => {
  const address = newClientAddress();
  const draftsBefore = await first.db.applicationDraft.count({ where: { roundId } });
  const statuses: number[] = [];
  for (let i = 0; i < NEW_DRAFTS_PER_ADDRESS; i++) statuses.push((await startDraft(i % 2 ? second : first, address)).status);
  expect(statuses).toEqual(Array(NEW_DRAFTS_PER_ADDRESS).fill(201));

  for (const [stack, language, text] of [[first, 'da', 'Prøv igen om'], [second, 'en', 'Try again in']] as const) {
    const refused = await startDraft(stack, address, language);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(3600);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.body.error.message).toContain(text);
  }
  expect(await first.db.applicationDraft.count({ where: { roundId } })).toBe(draftsBefore + NEW_DRAFTS_PER_ADDRESS);
  // Another address is not held up by this one.
  expect((await startDraft(second, newClientAddress())).status).toBe(201);
});

test('sixty drafts in a row from one address on the default limit: the first 30 are made, the rest refused', async () => {
  const defaultLimit = rateLimitSettingsSchema.shape.RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS.parse(undefined);
  expect(defaultLimit).toBe(30);
  const stack = await startTestStack({ worker: false, config: testConfig({ RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS: String(defaultLimit) }) });
  try {
    const address = newClientAddress();
    const counts = new Map<number, number>();
    for (let i = 0; i < 60; i++) {
      const { status } = await startDraft(stack, address);
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ 201: 30, 429: 30 });
  } finally {
    await stack.stop();
  }
});

test('the client address is the one TRUST_PROXY allows: with no proxy trusted, X-Forwarded-For is ignored', async () => {
  const stack = await startTestStack({ worker: false, config: testConfig({ TRUST_PROXY: 'false', RATE_LIMIT_NEW_DRAFTS_PER_ADDRESS: '1' }) });
  try {
    // Two "different" forwarded addresses are one client (the socket's), so the second is refused.
    await startDraft(stack, newClientAddress());
    const refused = await startDraft(stack, newClientAddress());
    expect(refused.status).toBe(429);
  } finally {
    await stack.stop();
  }
});

test('a global ceiling holds across addresses', async () => {
  const limits = createRateLimits(createSqlPool(first.config.DATABASE_URL), { ...first.config, RATE_LIMIT_WRITES_GLOBAL: 3, RATE_LIMIT_WRITES_PER_ADDRESS: 100 }, { keyPrefix: `test-${crypto.randomUUID()}` });
  const request = () => ({ ip: newClientAddress(), socket: {} }) as unknown as Request;
  for (let i = 0; i < 3; i++) await limits.countWrite(request());
  const refusal = await limits.countWrite(request()).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(RateLimitedError);
  expect((refusal as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
});

test('concurrent requests are all counted, each once (one atomic upsert per count)', async () => {
  const limits = createRateLimits(createSqlPool(first.config.DATABASE_URL), { ...first.config, RATE_LIMIT_WRITES_PER_ADDRESS: 10 }, { keyPrefix: `test-${crypto.randomUUID()}` });
  const request = { ip: newClientAddress(), socket: {} } as unknown as Request;
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => limits.countWrite(request)));
  expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
  const refusals = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected').map((outcome) => outcome.reason);
  expect(refusals).toHaveLength(10);
  for (const refusal of refusals) expect(refusal).toBeInstanceOf(RateLimitedError);
});

test('no one can make the municipality mail one address more than the limit, across drafts and instances', async () => {
  const recipient = `limit-${crypto.randomUUID()}@example.org`;
  const address = newClientAddress();
  const sendLink = async (stack: TestStack, draft: { id: string; token: string }) =>
    fetch(`${stack.baseUrl}/api/v1/drafts/${draft.id}/resume-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${draft.token}`, 'x-forwarded-for': address, 'accept-language': 'nb' },
      body: JSON.stringify({ email: recipient }),
    });
  const drafts = [];
  for (let i = 0; i < 3; i++) {
    const created = await startDraft(first, newClientAddress());
    expect(created.status).toBe(201);
    drafts.push({ id: created.body.id as string, token: created.body.token as string });
  }
  expect((await sendLink(first, drafts[0]!)).status).toBe(202);
  expect((await sendLink(second, drafts[1]!)).status).toBe(202);
  const refused = await sendLink(first, drafts[2]!);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await refused.json()) as any;
  expect(body.error.code).toBe('too_many_emails');
  expect(body.error.message).toContain('Prøv igjen om');
  await eventually(async () => ((await mailTo(recipient)).length === EMAILS_PER_RECIPIENT ? true : undefined), 'two resume emails');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await mailTo(recipient)).toHaveLength(EMAILS_PER_RECIPIENT);
  expect(await first.db.outboxEmail.count({ where: { recipient } })).toBe(EMAILS_PER_RECIPIENT);
});

test('a form post past the limit answers a page in the user’s language that keeps what was typed', async () => {
  const address = newClientAddress();
  const post = () =>
    fetch(`${first.baseUrl}/ansoeg/paragraf-18?lang=en`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'x-forwarded-for': address },
      body: new URLSearchParams({ _csrf: 'token-as-typed', associationName: 'Foreningen <Fælles> Bord' }).toString(),
    });
  for (let i = 0; i < NEW_DRAFTS_PER_ADDRESS; i++) expect((await post()).status).not.toBe(429);
  const refused = await post();
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(refused.headers.get('content-type')).toContain('text/html');
  const page = await refused.text();
  expect(page).toContain('<html lang="en"');
  expect(page).toContain('Wait a little, and try again');
  expect(page).toContain('<form method="post" action="/ansoeg/paragraf-18?lang=en">');
  expect(page).toContain('name="associationName" value="Foreningen &lt;Fælles&gt; Bord"');
  expect(page).toContain('name="_csrf" value="token-as-typed"');
});

test('uploads are read a bounded number at a time; the next waits with 429 and Retry-After', async () => {
  const boundary = 'limit-boundary';
  const draft = (await startDraft(first, newClientAddress())).body;
  // An upload to a draft that has sent its headers and the start of its body, and is still sending.
  const slow = http.request(`${first.baseUrl}/api/v1/drafts/${draft.id}/documents`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${draft.token}`, 'x-forwarded-for': newClientAddress() },
  });
  slow.on('error', () => undefined);
  slow.write(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  try {
    const form = new FormData();
    form.set('kind', 'budget');
    const refused = await fetch(`${first.baseUrl}/api/v1/drafts/${crypto.randomUUID()}/documents`, { method: 'POST', body: form, headers: { 'x-forwarded-for': newClientAddress() } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as any).error.code).toBe('uploads_busy');
  } finally {
    slow.destroy();
  }
  // Once the first has ended, the next is read (and refused for its own reasons, not the limit).
  await eventually(async () => {
    const form = new FormData();
    form.set('kind', 'budget');
    const response = await fetch(`${first.baseUrl}/api/v1/drafts/${crypto.randomUUID()}/documents`, { method: 'POST', body: form, headers: { 'x-forwarded-for': newClientAddress() } });
    return response.status !== 429 ? response.status : undefined;
  }, 'the upload slot to free');
});
