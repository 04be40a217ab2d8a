import { Client, Connection } from '@temporalio/client';
import { createDatabase } from '../../lib/db';
import { findFreePort } from '../../infra/ports';
import { connectClient, startTestStack, testConfig } from '../support/stack';

describe('GET /healthz', () => {
  it('answers 200 when PostgreSQL and Temporal both answer', async () => {
    const stack = await startTestStack({ worker: false });
    try {
      const response = await fetch(`${stack.baseUrl}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' }, temporal: { status: 'ok' } } });
    } finally {
      await stack.stop();
    }
  });

  it('answers 503 naming the database when PostgreSQL does not answer', async () => {
    const config = testConfig();
    const deadPort = await findFreePort();
    const db = createDatabase(`postgresql://postgres@127.0.0.1:${deadPort}/grantflow`, { connectionTimeoutMillis: 1_000 });
    const temporal = await connectClient(config);
    const stack = await startTestStack({ worker: false, config, db, temporal });
    try {
      const response = await fetch(`${stack.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as any;
      expect(body.status).toBe('unavailable');
      expect(body.checks.database.status).toBe('failed');
      expect(body.checks.database.error).toEqual(expect.any(String));
      expect(body.checks.temporal.status).toBe('ok');
    } finally {
      await stack.stop();
      await temporal.connection.close();
    }
  });

  it('answers 503 naming Temporal when Temporal does not answer', async () => {
    const config = testConfig();
    const connection = Connection.lazy({ address: `127.0.0.1:${await findFreePort()}`, connectTimeout: 500 });
    const stack = await startTestStack({ worker: false, config, temporal: new Client({ connection }) });
    try {
      const response = await fetch(`${stack.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as any;
      expect(body.checks.database.status).toBe('ok');
      expect(body.checks.temporal.status).toBe('failed');
    } finally {
      await stack.stop();
    }
  });
});
