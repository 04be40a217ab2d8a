// The chaos suite's faults: what is done to the cluster, at which point of the run's progress, and
// the record of each (when, how long it took to come back) for the closing table.
import { startPostgresProcess, type PostgresProcess } from '../../infra/postgres-process';
import type { Cluster } from '../../infra/cluster';
import { seconds, sleep } from '../support/case-checks';
import type { SmtpGate } from '../support/smtp-gate';

export interface FaultRecord {
  fault: string;
  atMs: number;
  /** When the part was back (ready), if it came back. */
  backAtMs?: number;
  /** Cases not yet at their end state when the fault began. */
  inFlight: number;
  /** Of those, the cases past their decision: awaiting the payout, reporting, or closing. */
  pastDecision: number;
  detail: string;
}

export interface FaultTargets {
  cluster: Cluster;
  gate: SmtpGate;
  postgres: { current: PostgresProcess; restart(): Promise<PostgresProcess> };
}

/** Restarts the suite's own PostgreSQL server on the same data folder and port. */
export async function restartablePostgres(options: { dataDir: string; port: number; database: string }) {
  const holder = {
    current: await startPostgresProcess(options),
    async restart() {
      await holder.current.stop();
      holder.current = await startPostgresProcess(options);
      return holder.current;
    },
  };
  return holder;
}

/**
 * Runs the faults of one part one after another (a replica is killed again only once it is back;
 * the Temporal server and PostgreSQL share a lane), the parts' lanes and the SMTP refusal side by side.
 */
export class FaultInjector {
  readonly records: FaultRecord[] = [];
  private lanes = new Map<string, Promise<void>>();
  private beside: Promise<void>[] = [];
  /** Set when the suite ends early: faults not yet started are dropped. */
  aborted = false;
  failures: string[] = [];

  constructor(
    private readonly targets: FaultTargets,
    private readonly since: () => number,
    /** Cases not yet at their end state, and of those the ones past their decision, written into each fault's record. */
    private readonly inFlight: () => { cases: number; pastDecision: number },
  ) {}

  private flight(trigger: string): Pick<FaultRecord, 'inFlight' | 'pastDecision' | 'detail'> {
    const { cases, pastDecision } = this.inFlight();
    return { inFlight: cases, pastDecision, detail: `${trigger}; ${cases} case(s) in flight, ${pastDecision} past the decision` };
  }

  private enqueue(lane: string, fault: string, trigger: string, action: (record: FaultRecord) => Promise<void>): void {
    const previous = this.lanes.get(lane) ?? Promise.resolve();
    this.lanes.set(lane, previous.then(async () => {
      if (this.aborted) return;
      const record: FaultRecord = { fault, atMs: this.since(), ...this.flight(trigger) };
      this.records.push(record);
      try {
        await action(record);
        record.backAtMs = this.since();
      } catch (error) {
        this.failures.push(`${fault} at ${seconds(record.atMs)}: ${(error as Error).message}`);
      }
    }));
  }

  /** SIGKILL a replica, then start it again (the worker's activities in flight are lost with it). */
  killReplica(name: string, trigger: string, pauseMs = 0): void {
    this.enqueue(name, `SIGKILL ${name}`, trigger, async () => {
      const replica = this.targets.cluster.replica(name);
      await replica.kill('SIGKILL');
      if (pauseMs) await sleep(pauseMs);
      await replica.start();
    });
  }

  restartTemporal(trigger: string): void {
    this.enqueue('infrastructure', 'restart Temporal server', trigger, () => this.targets.cluster.temporal.restart());
  }

  restartPostgres(trigger: string): void {
    this.enqueue('infrastructure', 'restart PostgreSQL', trigger, async () => void (await this.targets.postgres.restart()));
  }

  /** The SMTP server's port refuses connections for a while (beside the other faults). */
  refuseSmtp(trigger: string, forMs: number): void {
    const record: FaultRecord = { fault: `SMTP refuses connections ${seconds(forMs)}`, atMs: this.since(), ...this.flight(trigger) };
    this.records.push(record);
    this.beside.push(
      (async () => {
        await this.targets.gate.close();
        record.detail = `${record.detail}; ${this.targets.gate.cut} connection(s) cut`;
        await sleep(forMs);
        await this.targets.gate.reopen();
        record.backAtMs = this.since();
      })().catch((error: Error) => void this.failures.push(`SMTP refusal: ${error.message}`)),
    );
  }

  /** Resolves once every fault started has ended (its part back). */
  async settled(): Promise<void> {
    await Promise.all([...this.lanes.values(), ...this.beside]);
  }

  count(prefix: string): number {
    return this.records.filter((record) => record.fault.startsWith(prefix)).length;
  }
}
