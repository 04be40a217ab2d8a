import http from 'node:http';
import type { AddressInfo } from 'node:net';

const CHECK_TIMEOUT_MS = 2_000;

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The mailer's probes, for an orchestrator, on an internal port of its own (MAILER_HEALTH_PORT):
 * `/livez` answers while the event loop does, `/readyz` only when `ready` resolves within 2 s
 * (the database answers). Nothing else is served.
 */
export function startHealthServer({
  port,
  host,
  ready,
  timeoutMs = CHECK_TIMEOUT_MS,
}: {
  port: number;
  host: string;
  ready: () => Promise<unknown>;
  timeoutMs?: number;
}): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const answer = (status: number, body: Record<string, unknown>) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return answer(405, { status: 'method not allowed' });
    if (req.url === '/livez') return answer(200, { status: 'ok' });
    if (req.url !== '/readyz') return answer(404, { status: 'not found' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    Promise.race([ready(), timeout]).then(
      () => answer(200, { status: 'ok' }),
      (error: Error) => answer(503, { status: 'unavailable', error: error.message.split('\n')[0] }),
    ).finally(() => clearTimeout(timer));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
