import { Client } from 'pg';
import type { Database } from '../../lib/db';
import { roundSnapshot, type RoundSnapshot } from '../../domain/rounds';
import { reportDueDate, reportRequirementFor } from '../../domain/tiers';
import type { GrantApplicationInput } from '../../workflows/grant-application';
import type { FollowUpReportInput } from '../../workflows/follow-up-report';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';

// The rows behind the open cases: one continuous round with the default process settings
// (report due 90 days after the activity ends, reminders 30 days before, on and 14 days after
// the due date), and applications that were granted and paid — written in bulk with SQL, as the
// case workflow would have left them just before it started the reporting child.

const DAY_MS = 86_400_000;

export interface OpenCase {
  applicationId: string;
  /** The inputs the case workflow would have given its reporting child and itself. */
  report: FollowUpReportInput;
  application: GrantApplicationInput;
}

export async function createRound(db: Database): Promise<RoundSnapshot> {
  const round = await db.fundingRound.create({
    data: {
      slug: `open-cases-${Date.now()}`,
      name: 'Løbende pulje (åbne sager)',
      budgetOre: 100_000_000_000n,
      maxAmountOre: 5_000_000n,
      opensAt: new Date(Date.now() - 365 * DAY_MS),
      closesAt: null,
      mode: 'continuous',
      processSettings: {},
    },
  });
  return roundSnapshot(round);
}

interface PaidRow {
  id: string;
  amount_granted_ore: string;
  amount_requested_ore: string;
  /** YYYY-MM-DD, as text: a date has no time zone to shift it. */
  end_date: string;
  assignee: string | null;
}

/**
 * `cases` applications in status PAID, granted 5,000–50,000 kr, activities ending 1–6 months
 * from now (so every report is due 4–9 months out and no reminder falls within the run).
 */
export async function insertPaidApplications(databaseUrl: string, round: RoundSnapshot, cases: number): Promise<OpenCase[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    const { rows } = await client.query<PaidRow>(
      `INSERT INTO applications (id, round_id, status, organization_cvr, organization_name, organization_email, contact_name, contact_email,
         project_title, project_purpose, target_group, is_new_activity, volunteers, expected_participants, start_date, end_date,
         amount_requested_ore, amount_granted_ore, submission, assignee, workflow_id, workflow_started_at, submitted_at, created_at, updated_at)
       SELECT a.id, $2::uuid, 'PAID', '13748136', 'Forening ' || n, 'forening' || n || '@bench.grantflow.local', 'Kontakt ' || n,
         'kontakt' || n || '@bench.grantflow.local', 'Aktivitet ' || n, 'Formål', 'lonely', n % 3 = 0, 8, 40,
         current_date - 30, current_date + 30 + n % 150, a.granted, a.granted, '{}'::jsonb,
         'sagsbehandler-' || (1 + n % 20) || '@bench.grantflow.local',
         'grant-application-' || a.id, now() - interval '40 days', now() - interval '40 days', now() - interval '40 days', now()
       FROM generate_series(1, $1::int) AS n
       CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, (5000 + (n::bigint * 7919) % 45001) * 100 AS granted) AS a
       RETURNING id, amount_granted_ore::text, amount_requested_ore::text, end_date::text, assignee`,
      [cases, round.id],
    );
    await client.query(`ANALYZE applications`);
    return rows.map((row) => openCase(row, round));
  } finally {
    await client.end();
  }
}

function openCase(row: PaidRow, round: RoundSnapshot): OpenCase {
  const grantedOre = Number(row.amount_granted_ore);
  const activityEnd = new Date(`${row.end_date}T23:59:59Z`);
  const dueAt = reportDueDate(round.timings.reportDue, { decidedAt: new Date(), activityEnd }).toISOString();
  return {
    applicationId: row.id,
    report: {
      applicationId: row.id,
      parentWorkflowId: grantApplicationWorkflowId(row.id),
      requirement: reportRequirementFor(BigInt(row.amount_granted_ore), round.reportingTiers),
      dueAt,
      amountGrantedOre: grantedOre,
      assignee: row.assignee,
      timings: round.timings,
    },
    application: {
      applicationId: row.id,
      amountRequestedOre: Number(row.amount_requested_ore),
      activityEndDate: activityEnd.toISOString().slice(0, 10),
      round,
    },
  };
}
