import http from 'node:http';
import type { TestStack } from './stack';

/**
 * A submission whose body arrives in two parts: it holds its turn (the body is still being read)
 * until `finish()` sends the rest.
 */
export function heldSubmission(stack: TestStack, body: object, key: string) {
  const bytes = Buffer.from(JSON.stringify(body));
  const url = new URL('/api/v1/applications', stack.baseUrl);
  let resolveResponse!: (value: { status: number; body: any }) => void;
  const response = new Promise<{ status: number; body: any }>((resolve) => (resolveResponse = resolve));
  const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': bytes.length, 'idempotency-key': key } }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolveResponse({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
  });
  request.write(bytes.subarray(0, 10));
  return {
    response,
    finish() {
      request.end(bytes.subarray(10));
      return response;
    },
  };
}
