import crypto from 'node:crypto';
import type { Database } from '../../lib/db';
import { kronerToOre } from '../../domain/money';

/** An open, continuous funding round with its own slug. */
export async function createOpenRound(db: Database, overrides: { maxAmount?: number; opensAt?: Date; closesAt?: Date | null } = {}) {
  return db.fundingRound.create({
    data: {
      slug: `test-round-${crypto.randomUUID()}`,
      name: 'Testpulje §18',
      budgetOre: kronerToOre(500_000),
      maxAmountOre: kronerToOre(overrides.maxAmount ?? 50_000),
      opensAt: overrides.opensAt ?? new Date(Date.now() - 86_400_000),
      closesAt: overrides.closesAt === undefined ? new Date(Date.now() + 30 * 86_400_000) : overrides.closesAt,
      mode: 'continuous',
    },
  });
}

/** A valid submission body for the round (CVR 13748136 passes the modulus-11 check). */
export function applicationBody(roundId: string, overrides: Record<string, unknown> = {}) {
  return {
    roundId,
    organization: { cvr: '13748136', name: 'Foreningen Fælles Bord', email: 'kasserer@faellesbord.dk' },
    contact: { name: 'Inge Hansen', email: 'inge@faellesbord.dk' },
    project: { title: 'Fællesspisning for ensomme ældre', purpose: 'Et ugentligt måltid, der bryder ensomheden.' },
    amountRequested: 12_000,
    ...overrides,
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

export async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
