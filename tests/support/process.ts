import crypto from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { CaseStatus } from '../../domain/status';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';
import { grantApplication } from '../../workflows/grant-application';
import { caseStateQuery, type CaseState } from '../../workflows/messages';
import { applicationBody, eventually, postJson } from './fixtures';
import type { TestStack } from './stack';

export interface SubmittedCase {
  id: string;
  accessToken: string;
  reference: string;
  handle: WorkflowHandle<typeof grantApplication>;
}

/** Submits through the API, as an association would, and returns the case's workflow handle. */
export async function submitCase(stack: TestStack, roundId: string, overrides: Record<string, unknown> = {}): Promise<SubmittedCase> {
  const body = applicationBody(roundId, { contact: { name: 'Inge Hansen', email: `inge+${crypto.randomUUID().slice(0, 8)}@faellesbord.dk` }, ...overrides });
  const response = await postJson(`${stack.baseUrl}/api/v1/applications`, body);
  if (response.status !== 201) throw new Error(`submit failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    id: response.body.id,
    accessToken: response.body.accessToken,
    reference: response.body.reference,
    handle: stack.temporal.workflow.getHandle<typeof grantApplication>(grantApplicationWorkflowId(response.body.id)),
  };
}

export async function waitForStatus(handle: WorkflowHandle, status: CaseStatus, timeoutMs = 45_000): Promise<CaseState> {
  return eventually(async () => {
    const state = await handle.query(caseStateQuery);
    return state.status === status ? state : undefined;
  }, `status ${status}`, timeoutMs);
}

/** The failure an Update's validator gave, or undefined when the Update was accepted. */
export async function updateRejection(attempt: Promise<unknown>): Promise<{ type: string | undefined; message: string } | undefined> {
  try {
    await attempt;
    return undefined;
  } catch (error) {
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    const cause = error.cause as { type?: string; message: string };
    return { type: cause.type, message: cause.message };
  }
}

export interface SinkMessage {
  to: string[];
  raw: string;
}

/** Messages the test SMTP sink received for one recipient. */
export async function mailTo(recipient: string): Promise<SinkMessage[]> {
  const all = (await (await fetch(process.env.SMTP_SINK_URL!)).json()) as SinkMessage[];
  return all.filter((message) => message.to.includes(recipient));
}

export function subjectOf(message: SinkMessage): string {
  const match = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(message.raw);
  return match ? decodeMimeWords(match[1]!.replace(/\r?\n[ \t]/g, ' ')) : '';
}

function decodeMimeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
    encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, '%$1')),
  );
}

/** Waits until the outbox dispatcher has delivered `count` messages to the recipient. */
export async function mailsFor(recipient: string, count: number, timeoutMs = 20_000): Promise<SinkMessage[]> {
  return eventually(async () => {
    const received = await mailTo(recipient);
    return received.length >= count ? received : undefined;
  }, `${count} emails to ${recipient}`, timeoutMs);
}

/** One MIME part of a message as the reader sees it (quoted-printable or base64 decoded), by its type. */
export function mailPart(message: SinkMessage, type: 'text/plain' | 'text/html'): string {
  const start = message.raw.search(new RegExp(`Content-Type: ${type}`, 'i'));
  if (start < 0) return '';
  const part = message.raw.slice(start);
  const headerEnd = part.search(/\r?\n\r?\n/);
  const headers = part.slice(0, headerEnd);
  const body = part.slice(headerEnd).replace(/^\s+/, '').split(/\r?\n--(?=\S{6})/)[0]!;
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (!/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}
