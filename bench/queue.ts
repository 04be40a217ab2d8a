import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDatabase } from '../lib/db';
import { TARGET_GROUPS } from '../domain/categories';
import { loadQueue, queueFilterSchema } from '../services/api/casework/queue';
import { latencyColumns, log, printTable, runBenchmark, writeResults } from './support/output';
import { startBenchStack } from './support/stack';

// npm run bench:queue — seeds a database of its own with 100,000 applications (about half of
// them waiting for staff), then times the caseworker queue (the very function the queue page and
// GET /api/v1/queue use) for the default view and a few filters. Prints a table and writes the
// figures to bench/results/. The database is grantflow_bench_queue, on DATABASE_URL's server or
// on embedded PostgreSQL as `npm start` runs it.
//
//   BENCH_QUEUE_CASES         applications to seed (default 100000)
//   BENCH_RUNS                timed runs per scenario (default 100)
//   BENCH_REUSE=1             keep an already seeded database and only time the queries
//   BENCH_QUEUE_PROPOSED_INDEXES=1  first add the two partial indexes proposed for the queue
//                             (PROPOSED_INDEXES below), to compare with the schema as it is

const CASEWORKERS = 20;
const ME = 'sagsbehandler-1@bench.grantflow.local';

/**
 * Three rounds (decision targets of 14, 30 and 60 days); applications submitted over the last
 * 180 days; per 20 applications: 5 in the queue, 3 in review, 1 awaiting approval, 1 report
 * submitted, and 10 in states the queue does not show. One screening each, 15 % flagged.
 */
async function seed(url: string, cases: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`
      INSERT INTO funding_rounds (id, slug, name, budget_ore, max_amount_ore, opens_at, closes_at, process_settings, updated_at)
      VALUES ('00000000-0000-4000-8000-000000000001', 'bench-1', 'Pulje 14 dage', 100000000000, 5000000, now() - interval '1 year', NULL, '{"decisionTarget":"P14D"}', now()),
             ('00000000-0000-4000-8000-000000000002', 'bench-2', 'Pulje 30 dage', 100000000000, 5000000, now() - interval '1 year', NULL, '{"decisionTarget":"P30D"}', now()),
             ('00000000-0000-4000-8000-000000000003', 'bench-3', 'Pulje 60 dage', 100000000000, 5000000, now() - interval '1 year', NULL, '{"decisionTarget":"P60D"}', now())`);
    const groups = `ARRAY[${TARGET_GROUPS.map((g) => `'${g}'`).join(',')}]`;
    await client.query(`
      INSERT INTO applications (id, round_id, status, organization_cvr, organization_name, organization_email, contact_name, contact_email,
        project_title, project_purpose, target_group, is_new_activity, volunteers, expected_participants, start_date, end_date,
        amount_requested_ore, submission, assignee, workflow_id, workflow_started_at, submitted_at, created_at, updated_at)
      SELECT gen_random_uuid(),
        ('00000000-0000-4000-8000-00000000000' || (1 + n % 3))::uuid,
        (ARRAY['IN_QUEUE','IN_QUEUE','IN_QUEUE','IN_QUEUE','IN_QUEUE','IN_REVIEW','IN_REVIEW','IN_REVIEW','AWAITING_APPROVAL','REPORT_SUBMITTED',
               'CLOSED','CLOSED','CLOSED','DECIDED','DECIDED','PAID','REPORT_DUE','AWAITING_APPLICANT','WITHDRAWN','LAPSED'])[1 + n % 20]::"ApplicationStatus",
        '13748136', 'Forening ' || n, 'forening' || n || '@bench.grantflow.local', 'Kontakt ' || n, 'kontakt' || n || '@bench.grantflow.local',
        'Aktivitet ' || n, 'Formål', (${groups})[1 + (n / 20) % ${TARGET_GROUPS.length}], true, 8, 40, current_date, current_date + 90,
        (1000 + (n::bigint * 7919) % 49000) * 100, '{}'::jsonb,
        CASE WHEN n % 20 BETWEEN 5 AND 9 THEN 'sagsbehandler-' || (1 + (n / 20) % ${CASEWORKERS}) || '@bench.grantflow.local' END,
        'bench-' || n, now(), now() - (n::bigint * 104729 % 15552000) * interval '1 second', now(), now()
      FROM generate_series(1, $1::int) AS n`, [cases]);
    await client.query(`
      INSERT INTO screenings (id, screening_key, application_id, results, missing_items, checklist, register_lookup)
      SELECT gen_random_uuid(), 'bench:' || a.id, a.id,
        CASE WHEN a.reference_number % 100 < 15
          THEN '{"rules":[{"rule":"E1","outcome":"pass"},{"rule":"E8","outcome":"needs_judgement"}],"lateSubmission":false,"needsJudgement":true}'::jsonb
          ELSE '{"rules":[{"rule":"E1","outcome":"pass"},{"rule":"E8","outcome":"pass"}],"lateSubmission":false,"needsJudgement":false}'::jsonb END,
        '[]', '[]', '{}'
      FROM applications a`);
    await client.query(`VACUUM ANALYZE`);
  } finally {
    await client.end();
  }
}

const SCENARIOS: { name: string; query: Record<string, string> }[] = [
  { name: 'default (all waiting, oldest first)', query: {} },
  { name: 'status = in queue', query: { status: 'IN_QUEUE' } },
  { name: 'my cases', query: { assignee: 'me' } },
  { name: 'no caseworker yet', query: { assignee: 'none' } },
  { name: 'past the decision target', query: { sla: 'breached' } },
  { name: 'flagged checks', query: { flagged: 'true' } },
  { name: 'round + target group', query: { roundId: '00000000-0000-4000-8000-000000000002', targetGroup: 'older_people' } },
  { name: 'largest amount first', query: { sort: 'amount' } },
  { name: 'page 100 of the default', query: { page: '100' } },
];

async function main(): Promise<void> {
  const cases = Number(process.env.BENCH_QUEUE_CASES ?? '100000');
  const runs = Number(process.env.BENCH_RUNS ?? '100');
  if (!(cases >= 1) || !(runs >= 1)) throw new Error('BENCH_QUEUE_CASES and BENCH_RUNS must be at least 1');
  const reuse = process.env.BENCH_REUSE === '1';
  const stack = await startBenchStack('queue', { temporal: false, smtp: false, database: reuse ? 'keep' : 'fresh' });
  const db = createDatabase(stack.databaseUrl);
  const viewer = { email: ME };
  const results: Record<string, string | number>[] = [];
  try {
    if (!reuse) {
      log(`seeding ${cases.toLocaleString('en')} applications`);
      const started = performance.now();
      await seed(stack.databaseUrl, cases);
      log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    for (const scenario of SCENARIOS) {
      const filter = queueFilterSchema.parse(scenario.query);
      for (let i = 0; i < 5; i++) await loadQueue(db, filter, viewer);
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        total = (await loadQueue(db, filter, viewer)).total;
        times.push(performance.now() - started);
      }
      results.push({ scenario: scenario.name, 'cases matching': total, ...latencyColumns(times) });
    }
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
  printTable(`caseworker queue, ${cases.toLocaleString('en')} applications, ${runs} runs per scenario`, results);
  const worst = results.reduce((a, b) => ((b['p95 ms'] as number) > (a['p95 ms'] as number) ? b : a));
  const worstP95 = worst['p95 ms'] as number;
  writeResults(
    'queue',
    [{ figure: `queue query at ${cases.toLocaleString('en')} cases, worst p95 (${worst.scenario})`, value: `${worstP95} ms`, goal: '≤ 200 ms', met: worstP95 <= 200 }],
    { cases, runs, results },
  );
}

runBenchmark(main);
