import crypto from 'node:crypto';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { generatePayloadKeyEntry, KEY_ID_METADATA } from '../../lib/payload-codec';
import { createOpenRound, postJson } from '../support/fixtures';
import { Worker } from '@temporalio/worker';
import { decryptPayloads, historyFixture, historyFromFixture } from '../support/histories';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, testConfig, type TestStack } from '../support/stack';
import { temporalDataConverter, temporalPayloadCodec } from '../../lib/temporal';
import { caseStateQuery } from '../../workflows/messages';
import type { CaseStatus } from '../../domain/status';

// Workflow histories hold what people wrote: an association's answer, a caseworker's email. Read
// straight from Temporal they must show none of it; through the codec they must show all of it,
// also after the key that sealed them has been replaced by a new one.

const History = temporal.api.history.v1.History;
type RawHistory = temporal.api.history.v1.IHistory;
type RawPayload = temporal.api.common.v1.IPayload;

const UI_ORIGIN = 'http://localhost:8233';
const oldKey = generatePayloadKeyEntry('old');
const newKey = generatePayloadKeyEntry('new');
const answer = `Kassereren sender budgettet på mandag ${crypto.randomUUID()}`;

let first: TestStack;
let rotated: TestStack;
let submitted: SubmittedCase;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;

/** The history as Temporal stores it, read by a client without the codec. */
async function rawHistory(stack: TestStack, handle: WorkflowHandle): Promise<RawHistory> {
  const plain = new Client({ connection: stack.temporal.connection, namespace: stack.config.TEMPORAL_NAMESPACE });
  return plain.workflow.getHandle(handle.workflowId).fetchHistory();
}

function bytesOf(history: RawHistory): Buffer {
  return Buffer.from(History.encode(History.create(history)).finish());
}

/**
 * Every payload in the history that carries workflow data (inputs, signals, updates, activity
 * inputs and results). Not the server's own: search attributes, which Temporal must read to index
 * them, and the SDK's patch markers — both hold only patch ids such as "keep-caseworker".
 */
function payloadsIn(value: unknown, found: RawPayload[] = []): RawPayload[] {
  if (Array.isArray(value)) value.forEach((item) => payloadsIn(item, found));
  else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    if ('metadata' in value && 'data' in value) found.push(value as RawPayload);
    else if (isLocalActivityMarker(value)) {
      // Its `data` is the SDK's own record (the activity's type, attempt and times); its `result` is ours.
      payloadsIn((value as { details?: { result?: unknown } }).details?.result, found);
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (key === 'searchAttributes' || key === 'upsertWorkflowSearchAttributesEventAttributes' || isPatchMarker(item)) continue;
        payloadsIn(item, found);
      }
    }
  }
  return found;
}

function isLocalActivityMarker(value: unknown): boolean {
  return Boolean(value && typeof value === 'object' && (value as { markerName?: string }).markerName === 'core_local_activity');
}

function isPatchMarker(value: unknown): boolean {
  return Boolean(value && typeof value === 'object' && (value as { markerName?: string }).markerName === 'core_patch');
}

/** Where an answered case waits: with the caseworker who asked. */
const ANSWERED: CaseStatus = 'IN_REVIEW';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

beforeAll(async () => {
  first = await startTestStack({ config: testConfig({ TEMPORAL_PAYLOAD_KEYS: oldKey }) });
  caseworker = await signedInStaff(first, ['caseworker']);
  const round = await createOpenRound(first.db, { process: { answerDeadline: '1h', answerReminders: ['30m'] } });
  submitted = await submitCase(first, round.id);
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  const api = (path: string) => `${first.baseUrl}/api/v1/applications/${submitted.id}${path}`;
  expect((await postJson(api('/assignment'), {}, caseworker.headers)).status).toBeLessThan(300);
  expect((await postJson(api('/information-requests'), { items: ['Budget med underskrift'], message: 'Send budgettet.' }, caseworker.headers)).status).toBe(201);
  const applicant = { authorization: `Bearer ${submitted.accessToken}` };
  expect((await postJson(api('/supplements'), { text: answer }, applicant)).status).toBe(202);
  await waitForStatus(submitted.handle, ANSWERED);
}, 120_000);

afterAll(async () => {
  await first?.stop();
  await rotated?.stop();
});

describe('workflow payloads in Temporal', () => {
  it('hold no clear text of an answer or a staff email, and every payload names its key', async () => {
    const history = await rawHistory(first, submitted.handle);
    const bytes = bytesOf(history);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.includes(answer)).toBe(false);
    expect(bytes.includes(caseworker.email)).toBe(false);
    expect(bytes.includes('Fællesspisning')).toBe(false);

    const payloads = payloadsIn(history.events);
    expect(payloads.length).toBeGreaterThan(5);
    // The arrival runs as a local activity: its marker's result is among the payloads checked.
    const localActivityResults = history.events!.filter((event) => isLocalActivityMarker(event.markerRecordedEventAttributes)).flatMap((event) => payloadsIn(event.markerRecordedEventAttributes!.details?.result));
    expect(localActivityResults.length).toBeGreaterThan(0);
    expect(payloads).toEqual(expect.arrayContaining(localActivityResults));
    for (const payload of payloads) {
      expect(text(payload.metadata?.encoding)).toBe('binary/encrypted');
      expect(text(payload.metadata?.[KEY_ID_METADATA])).toBe('old');
    }
  });

  it('read through the codec, show the answer and the caseworker’s email', async () => {
    const clear = bytesOf(await decryptPayloads(await rawHistory(first, submitted.handle), temporalPayloadCodec(first.config)));
    expect(clear.includes(answer)).toBe(true);
    expect(clear.includes(caseworker.email)).toBe(true);
    expect(await submitted.handle.query(caseStateQuery)).toMatchObject({ status: ANSWERED, assignee: caseworker.email });
  });
});

describe('rotating the key', () => {
  beforeAll(async () => {
    // The old worker goes; the new one holds both keys and seals with the new one.
    await first.worker!.stop();
    rotated = await startTestStack({
      config: testConfig({
        TEMPORAL_TASK_QUEUE: first.config.TEMPORAL_TASK_QUEUE,
        TEMPORAL_PAYLOAD_KEYS: `${oldKey},${newKey}`,
        TEMPORAL_PAYLOAD_KEY_ID: 'new',
        TEMPORAL_CODEC_CORS_ORIGINS: UI_ORIGIN,
      }),
    });
  }, 60_000);

  it('still opens what the old key sealed, and seals what follows with the new key', async () => {
    const handle = rotated.temporal.workflow.getHandle(submitted.handle.workflowId);
    // A fresh worker replays the whole history (sealed with the old key) to answer.
    expect(await waitForStatus(handle, ANSWERED)).toMatchObject({ assignee: caseworker.email });
    const withdrawn = await postJson(`${rotated.baseUrl}/api/v1/applications/${submitted.id}/withdrawal`, { reason: `Aflyst ${answer}` }, { authorization: `Bearer ${submitted.accessToken}` });
    expect(withdrawn.status).toBe(202);
    expect(await handle.result()).toBe('WITHDRAWN');

    const keyIds = new Set(payloadsIn((await rawHistory(rotated, handle)).events).map((payload) => text(payload.metadata?.[KEY_ID_METADATA])));
    expect([...keyIds].sort()).toEqual(['new', 'old']);
    const oldKeyOnly = temporalPayloadCodec(first.config);
    await expect(decryptPayloads(await rawHistory(rotated, handle), oldKeyOnly)).rejects.toThrow(/unknown key id new/);
  });

  it('records the history as a fixture in clear, and the fixture replays under any key', async () => {
    const fixture = await historyFixture(await rawHistory(rotated, submitted.handle), temporalPayloadCodec(rotated.config));
    const written = JSON.stringify(fixture);
    expect(written).not.toContain('binary/encrypted');
    expect(written).not.toContain(Buffer.from('binary/encrypted').toString('base64'));
    const someOtherKey = temporalDataConverter(testConfig({ TEMPORAL_PAYLOAD_KEYS: generatePayloadKeyEntry('later') }));
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: process.env.GRANTFLOW_TEST_WORKFLOW_BUNDLE! }, dataConverter: someOtherKey },
      historyFromFixture(JSON.parse(written)),
      submitted.handle.workflowId,
    );
  });
});

describe('the codec endpoint for the Temporal Web UI', () => {
  let admin: Awaited<ReturnType<typeof signedInStaff>>;
  let sealed: { metadata: Record<string, string>; data: string }[];

  beforeAll(async () => {
    admin = await signedInStaff(rotated, ['admin']);
    sealed = payloadsIn((await rawHistory(rotated, submitted.handle)).events).map((payload) => ({
      metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([name, value]) => [name, Buffer.from(value).toString('base64')])),
      data: Buffer.from(payload.data ?? []).toString('base64'),
    }));
  });

  const decode = (body: unknown, headers: Record<string, string> = {}) => postJson(`${rotated.baseUrl}/codec/decode`, body, { 'x-namespace': 'default', ...headers });

  it('decodes a case’s payloads for an admin, whichever key sealed them', async () => {
    const response = await decode({ payloads: sealed }, admin.headers);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const clear = (response.body.payloads as { metadata: Record<string, string>; data: string }[]).map((payload) => ({
      encoding: Buffer.from(payload.metadata.encoding!, 'base64').toString(),
      data: Buffer.from(payload.data, 'base64').toString(),
    }));
    expect(clear).toHaveLength(sealed.length);
    expect(clear.every((payload) => payload.encoding.startsWith('json/') || payload.encoding === 'binary/null')).toBe(true);
    expect(clear.some((payload) => payload.data.includes(answer))).toBe(true);
  });

  it('encodes for an admin, and what it encodes decodes again', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify({ note: answer })).toString('base64') };
    const encoded = await postJson(`${rotated.baseUrl}/codec/encode`, { payloads: [plain] }, admin.headers);
    expect(encoded.status).toBe(200);
    const [sealedOne] = encoded.body.payloads;
    expect(Buffer.from(sealedOne.data, 'base64').includes(answer)).toBe(false);
    expect(Buffer.from(sealedOne.metadata[KEY_ID_METADATA], 'base64').toString()).toBe('new');
    expect((await decode({ payloads: [sealedOne] }, admin.headers)).body.payloads).toEqual([plain]);
  });

  it('passes a payload that was never encrypted through unchanged', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"klar tekst"').toString('base64') };
    expect((await decode({ payloads: [plain] }, admin.headers)).body.payloads).toEqual([plain]);
  });

  it('refuses anyone but an admin', async () => {
    const anonymous = await decode({ payloads: sealed });
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain(answer);
    const staffMember = await signedInStaff(rotated, ['caseworker', 'approver']);
    expect((await decode({ payloads: sealed }, staffMember.headers)).status).toBe(403);
    expect((await decode({ payloads: sealed }, { authorization: `Bearer ${submitted.accessToken}` })).status).toBe(401);
    expect((await decode({ payloads: sealed }, { authorization: 'Bearer forged-token' })).status).toBe(401);
  });

  it('answers 400 for a payload it cannot open, and for a body that is not payloads', async () => {
    const tampered = { ...sealed[0]!, data: Buffer.from(Buffer.from(sealed[0]!.data, 'base64').map((byte, index) => (index === 20 ? byte ^ 1 : byte))).toString('base64') };
    const refused = await decode({ payloads: [tampered] }, admin.headers);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('undecryptable');
    expect((await decode({ payloads: 'alle' }, admin.headers)).status).toBe(400);
  });

  it('lets the configured Web UI origin call it from a browser, and no other', async () => {
    const preflight = (origin: string) =>
      fetch(`${rotated.baseUrl}/codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
      });
    const allowed = await preflight(UI_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/x-namespace/i);
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const fromUi = await decode({ payloads: sealed.slice(0, 1) }, { ...admin.headers, origin: UI_ORIGIN });
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
  });

  it('accepts the admin’s session cookie, as the Web UI sends it with credentials included', async () => {
    const response = await decode({ payloads: sealed.slice(0, 1) }, { cookie: `gf_staff=${admin.token}`, origin: UI_ORIGIN });
    expect(response.status).toBe(200);
  });
});
