// Finance in the chaos suite: while granted cases wait for their money, it exports payout runs
// through the proxy (POST /api/v1/payout-runs), reads each run's file for its line ids, and
// confirms the lines of the cases waiting (POST /api/v1/payout-runs/{id}/confirmation), as the
// finance system's confirmation would. Runs are found by listing them, so a run whose answer a
// fault lost is still confirmed; a confirmation is repeated while its case has not recorded the
// payment (a repeat is a no-op that tells the workflow again).
import crypto from 'node:crypto';
import { parseCsv } from '../../domain/csv';
import type { Database } from '../../lib/db';
import { upsertStaffUser } from '../../lib/staff-auth';
import { sleep } from '../support/case-checks';
import { call } from './chaos-operator';

/** A line confirmed with no payment recorded since is confirmed again after this long. */
const CONFIRM_AGAIN_AFTER_MS = 20_000;

interface RunLine {
  reference: string;
  lineId: string;
}

export class Finance {
  runsCreated = 0;
  linesConfirmed = 0;
  /** Confirmation requests for lines confirmed before (the payment not yet recorded). */
  linesConfirmedAgain = 0;
  /** Answers other than success (a replica or the database away): tried again on the next round. */
  failedRequests = 0;
  private token: string | undefined;
  private readonly linesOfRun = new Map<string, RunLine[]>();
  private readonly confirmedAt = new Map<string, number>();
  private readonly json = { 'content-type': 'application/json' };

  constructor(
    private readonly db: Database,
    private readonly baseUrl: string,
    /** The reference numbers of the cases waiting for their payout now. */
    private readonly awaiting: () => Set<string>,
  ) {}

  /** Runs rounds until `on` turns false. */
  async loop(on: () => boolean): Promise<void> {
    while (on()) {
      if (this.awaiting().size > 0) await this.round().catch(() => void (this.failedRequests += 1));
      await sleep(1_000);
    }
  }

  private async signIn(): Promise<string | undefined> {
    const email = `oekonomi-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
    const password = crypto.randomBytes(12).toString('base64url');
    await upsertStaffUser(this.db, { email, name: 'Økonomi', password, roles: ['approver'] });
    const login = await call(`${this.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: this.json, body: JSON.stringify({ email, password }) });
    if (login.status !== 200) {
      this.failedRequests += 1;
      return undefined;
    }
    return ((await login.json()) as { token: string }).token;
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await call(`${this.baseUrl}/api/v1${path}`, { ...init, headers: { ...this.json, authorization: `Bearer ${this.token}`, ...init.headers } });
    if (response.status === 401) this.token = undefined;
    if (response.status >= 300) this.failedRequests += 1;
    return response;
  }

  private async round(): Promise<void> {
    this.token ??= await this.signIn();
    if (!this.token) return;
    const created = await this.request('/payout-runs', { method: 'POST' });
    if (created.status === 201) this.runsCreated += 1;
    const listed = await this.request('/payout-runs');
    if (listed.status !== 200) return;
    const { runs } = (await listed.json()) as { runs: Array<{ id: string }> };
    for (const run of runs) {
      if (this.linesOfRun.has(run.id)) continue;
      const file = await this.request(`/payout-runs/${run.id}/export.csv`);
      if (file.status !== 200) continue;
      const rows = parseCsv(Buffer.from(await file.arrayBuffer()).toString('utf8')).slice(1);
      this.linesOfRun.set(run.id, rows.filter((row) => row.length > 1).map((row) => ({ reference: row[0]!, lineId: row.at(-1)! })));
    }
    const awaiting = this.awaiting();
    const now = Date.now();
    for (const [runId, lines] of this.linesOfRun) {
      const due = lines.filter((line) => awaiting.has(line.reference) && now - (this.confirmedAt.get(line.lineId) ?? 0) > CONFIRM_AGAIN_AFTER_MS);
      if (due.length === 0) continue;
      const answer = await this.request(`/payout-runs/${runId}/confirmation`, { method: 'POST', body: JSON.stringify({ lines: due.map((line) => ({ lineId: line.lineId })) }) });
      if (answer.status !== 200) continue;
      const { confirmed, alreadyConfirmed } = (await answer.json()) as { confirmed: number; alreadyConfirmed: number };
      this.linesConfirmed += confirmed;
      this.linesConfirmedAgain += alreadyConfirmed;
      for (const line of due) this.confirmedAt.set(line.lineId, now);
    }
  }
}
