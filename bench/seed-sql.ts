// Bulk data for the statistics benchmark, generated inside PostgreSQL: a year of applications
// (2025) along five paths, each with its events at random but consistent moments, the decisions,
// follow-up reports (a third of them shared as stories) and form drafts.
//
//   path  share  events  what happens
//   A     50 %   10      queued, claimed, decided (1 in 7 partly), paid, report due, reminder, report, accepted
//   B     25 %   11      asked for statutes, reminder, answered, claimed, approved, paid, report …
//   C     10 %   10      queued, claimed, proposed, second signature, paid, report …
//   D      5 %    6      asked for statutes, two reminders, lapsed
//   E     10 %    9      asked, reminder, answered, claimed, released, claimed again, rejected

const S = (status: string) => `'${status}'`;

interface Step {
  type: string;
  from: string | null;
  to: string;
  at: string; // SQL interval expression over the plan row p
  details?: string; // SQL jsonb expression
}

const start: Step[] = [
  { type: 'submitted', from: null, to: 'SUBMITTED', at: `interval '0'` },
  { type: 'screening_started', from: 'SUBMITTED', to: 'SCREENING', at: `interval '0'` },
];
/** The caseworker asks for a missing document and reminds the association a week later. */
const asked = (item: string): Step[] => [
  { type: 'information_requested', from: 'SCREENING', to: 'AWAITING_APPLICANT', at: `interval '1 minute'`, details: `'{"sequence":1,"items":["${item}"]}'::jsonb` },
  { type: 'information_reminder_sent', from: 'AWAITING_APPLICANT', to: 'AWAITING_APPLICANT', at: `interval '7 days'` },
];
/** The association answers, and a caseworker claims the case from the queue. */
const answered: Step[] = [
  { type: 'information_received', from: 'AWAITING_APPLICANT', to: 'IN_QUEUE', at: `p.answer` },
  { type: 'claimed', from: 'IN_QUEUE', to: 'IN_REVIEW', at: `p.answer + p.queue` },
];
const outcome = `CASE WHEN p.n % 7 = 0 THEN 'partially_approved' ELSE 'approved' END`;
const report = (after: string, remind: boolean): Step[] => [
  { type: 'paid', from: 'DECIDED', to: 'PAID', at: after },
  { type: 'report_due', from: 'PAID', to: 'REPORT_DUE', at: after, details: `jsonb_build_object('sequence', 1, 'dueAt', to_char((p.submitted_at + ${after} + interval '120 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))` },
  ...(remind ? [{ type: 'report_reminder_sent', from: 'REPORT_DUE', to: 'REPORT_DUE', at: `${after} + interval '90 days'` }] : []),
  { type: 'report_submitted', from: 'REPORT_DUE', to: 'REPORT_SUBMITTED', at: `${after} + p.report_after`, details: `jsonb_build_object('sequence', 1, 'onTime', p.report_after <= interval '120 days')` },
  { type: 'report_accepted', from: 'REPORT_SUBMITTED', to: 'CLOSED', at: `${after} + p.report_after + interval '5 days'` },
];

export const PATHS: Record<string, Step[]> = {
  A: [
    ...start,
    { type: 'queued', from: 'SCREENING', to: 'IN_QUEUE', at: `interval '1 minute'` },
    { type: 'claimed', from: 'IN_QUEUE', to: 'IN_REVIEW', at: `p.queue` },
    { type: 'decided', from: 'IN_REVIEW', to: 'DECIDED', at: `p.queue + p.review`, details: `jsonb_build_object('sequence', 1, 'outcome', ${outcome})` },
    ...report(`p.queue + p.review`, true),
  ],
  B: [
    ...start,
    ...asked('Vedtægter (foreningens love)'),
    ...answered,
    { type: 'decided', from: 'IN_REVIEW', to: 'DECIDED', at: `p.answer + p.queue + p.review`, details: `'{"sequence":1,"outcome":"approved"}'::jsonb` },
    ...report(`p.answer + p.queue + p.review`, false),
  ],
  C: [
    ...start,
    { type: 'queued', from: 'SCREENING', to: 'IN_QUEUE', at: `interval '1 minute'` },
    { type: 'claimed', from: 'IN_QUEUE', to: 'IN_REVIEW', at: `p.queue` },
    { type: 'decision_proposed', from: 'IN_REVIEW', to: 'AWAITING_APPROVAL', at: `p.queue + p.review`, details: `'{"sequence":1,"outcome":"approved"}'::jsonb` },
    { type: 'decision_approved', from: 'AWAITING_APPROVAL', to: 'DECIDED', at: `p.queue + p.review + p.approval`, details: `'{"sequence":1,"outcome":"approved"}'::jsonb` },
    ...report(`p.queue + p.review + p.approval`, false),
  ],
  D: [
    ...start,
    ...asked('Vedtægter (foreningens love)'),
    { type: 'information_reminder_sent', from: 'AWAITING_APPLICANT', to: 'AWAITING_APPLICANT', at: `interval '12 days'` },
    { type: 'lapsed', from: 'AWAITING_APPLICANT', to: 'LAPSED', at: `interval '14 days'` },
  ],
  E: [
    ...start,
    ...asked('Budget for hele aktiviteten'),
    ...answered,
    { type: 'released', from: 'IN_REVIEW', to: 'IN_QUEUE', at: `p.answer + p.queue + interval '1 day'` },
    { type: 'claimed', from: 'IN_QUEUE', to: 'IN_REVIEW', at: `p.answer + p.queue + interval '2 days'` },
    { type: 'decided', from: 'IN_REVIEW', to: 'DECIDED', at: `p.answer + p.queue + interval '2 days' + p.review`, details: `'{"sequence":1,"outcome":"rejected"}'::jsonb` },
  ],
};

const FINAL_STATUS: Record<string, string> = { A: 'CLOSED', B: 'CLOSED', C: 'CLOSED', D: 'LAPSED', E: 'DECIDED' };

function pathValues(path: string): string {
  const rows = PATHS[path]!.map(
    (step, index) =>
      `(${index}, '${step.type}', ${step.from ? S(step.from) : 'NULL'}, ${S(step.to)}, ${step.at}, ${step.details ?? `'{}'::jsonb`})`,
  );
  return `SELECT * FROM (VALUES ${rows.join(',\n      ')}) AS v(ord, type, from_status, to_status, after, details) WHERE p.path = '${path}'`;
}

/** The plan: one row per application with its path and random durations. */
export function planSql(applications: number): string[] {
  return [
    `SELECT setseed(0.42)`,
    `INSERT INTO funding_rounds (id, slug, name, budget_ore, max_amount_ore, opens_at, closes_at, mode, process_settings, decision_criteria, updated_at)
     SELECT gen_random_uuid(), 'bench-' || r, 'Benchmarkpulje ' || r, ${applications} * 300000::bigint, 5000000, '2025-01-01', NULL, 'continuous', '{}',
            '[{"code":"target_group","label":{"da":"Aktiviteten når kun få i målgruppen.","nb":"-","en":"-"}}]', now()
     FROM generate_series(1, 10) r`,
    `CREATE UNLOGGED TABLE bench_plan AS
     SELECT g AS n, gen_random_uuid() AS id,
            (SELECT array_agg(id ORDER BY slug) FROM funding_rounds)[1 + g % 10] AS round_id,
            timestamptz '2025-01-01 00:00:00+01' + random() * interval '365 days' AS submitted_at,
            CASE WHEN g % 20 < 10 THEN 'A' WHEN g % 20 < 15 THEN 'B' WHEN g % 20 < 17 THEN 'C' WHEN g % 20 = 17 THEN 'D' ELSE 'E' END AS path,
            random() * interval '20 days' AS queue, random() * interval '15 days' AS review,
            interval '1 day' + random() * interval '10 days' AS answer, random() * interval '5 days' AS approval,
            interval '60 days' + random() * interval '90 days' AS report_after,
            (10000 + (random() * 490000)::int)::bigint * 100 AS requested_ore,
            1 + (random() * 60)::int AS volunteers
     FROM generate_series(1, ${applications}) g`,
    `ALTER TABLE bench_plan ADD PRIMARY KEY (n)`,
  ];
}

export function applicationsSql(fromN: number, toN: number): string {
  return `INSERT INTO applications (id, reference_number, round_id, status, organization_cvr, organization_name, organization_email, contact_name, contact_email,
      project_title, project_purpose, target_group, is_new_activity, volunteers, expected_participants, start_date, end_date,
      amount_requested_ore, amount_granted_ore, submission, workflow_id, workflow_started_at, submitted_at, created_at, updated_at)
    SELECT p.id, p.n, p.round_id, (CASE p.path ${Object.entries(FINAL_STATUS).map(([path, status]) => `WHEN '${path}' THEN '${status}'`).join(' ')} END)::"ApplicationStatus",
      '1' || lpad((p.n % 60000)::text, 7, '0'), 'Forening ' || (p.n % 60000), 'post@forening.dk', 'Kontaktperson', 'kontakt@forening.dk',
      'Aktivitet ' || p.n, 'Formål', (ARRAY['lonely','older_people','vulnerable_children_families','socially_vulnerable','mental_health','disability','addiction','refugees_migrants','other'])[1 + p.n % 9],
      p.n % 3 = 0, p.volunteers, p.volunteers * 5, (p.submitted_at + interval '30 days')::date, (p.submitted_at + interval '120 days')::date,
      p.requested_ore,
      CASE WHEN p.path IN ('A', 'B', 'C') THEN (CASE WHEN p.path = 'A' AND p.n % 7 = 0 THEN p.requested_ore / 2 ELSE p.requested_ore END) WHEN p.path = 'E' THEN 0 END,
      '{}', 'grant-application-' || p.id, p.submitted_at, p.submitted_at, p.submitted_at, p.submitted_at
    FROM bench_plan p WHERE p.n BETWEEN ${fromN} AND ${toN}`;
}

export function eventsSql(fromN: number, toN: number): string {
  return `INSERT INTO case_events (event_key, application_id, type, from_status, to_status, actor, occurred_at, details)
    SELECT 'grant-application-' || p.id || ':' || e.ord, p.id, e.type, e.from_status::"ApplicationStatus", e.to_status::"ApplicationStatus", 'system', p.submitted_at + e.after, e.details
    FROM bench_plan p CROSS JOIN LATERAL (
      ${Object.keys(PATHS).map(pathValues).join('\n      UNION ALL ')}
    ) AS e
    WHERE p.n BETWEEN ${fromN} AND ${toN}`;
}

export function decisionsSql(fromN: number, toN: number): string {
  const decisionAfter = `CASE p.path WHEN 'A' THEN p.queue + p.review WHEN 'B' THEN p.answer + p.queue + p.review WHEN 'C' THEN p.queue + p.review ELSE p.answer + p.queue + interval '2 days' + p.review END`;
  return `INSERT INTO decisions (id, application_id, sequence, outcome, amount_granted_ore, reasons, decided_by, decided_at, needs_approval, approved_by, approved_at)
    SELECT gen_random_uuid(), p.id, 1,
      CASE WHEN p.path = 'E' THEN 'rejected' WHEN p.path = 'A' AND p.n % 7 = 0 THEN 'partially_approved' ELSE 'approved' END,
      CASE WHEN p.path = 'E' THEN 0 WHEN p.path = 'A' AND p.n % 7 = 0 THEN p.requested_ore / 2 ELSE p.requested_ore END,
      CASE WHEN p.path = 'E' OR (p.path = 'A' AND p.n % 7 = 0) THEN '{"criteria":["target_group"],"text":""}'::jsonb ELSE '{"criteria":[],"text":""}'::jsonb END,
      'caseworker@grantflow.local', p.submitted_at + ${decisionAfter}, p.path = 'C',
      CASE WHEN p.path = 'C' THEN 'approver@grantflow.local' END, CASE WHEN p.path = 'C' THEN p.submitted_at + ${decisionAfter} + p.approval END
    FROM bench_plan p WHERE p.path <> 'D' AND p.n BETWEEN ${fromN} AND ${toN}`;
}

export function reportsSql(fromN: number, toN: number): string {
  const after = `CASE p.path WHEN 'B' THEN p.answer + p.queue + p.review WHEN 'C' THEN p.queue + p.review + p.approval ELSE p.queue + p.review END`;
  return `INSERT INTO follow_up_reports (id, application_id, sequence, requirement, due_at, submitted_at, content, reminders_sent, review_outcome, reviewed_by, reviewed_at, repayment_ore)
    SELECT gen_random_uuid(), p.id, 1, 'declaration', p.submitted_at + ${after} + interval '120 days', p.submitted_at + ${after} + p.report_after,
      jsonb_build_object('narrative', 'Aktiviteten blev gennemført som planlagt.', 'story', 'Foreningen samlede naboer hver uge; flere fandt nye venner.',
                         'storyConsent', p.n % 3 = 0, 'spentKroner', p.requested_ore / 100, 'participants', 40, 'volunteers', p.volunteers, 'documentIds', '[]'::jsonb),
      CASE WHEN p.path = 'A' THEN 1 ELSE 0 END, 'accepted', 'caseworker@grantflow.local', p.submitted_at + ${after} + p.report_after + interval '5 days', 0
    FROM bench_plan p WHERE p.path IN ('A', 'B', 'C') AND p.n BETWEEN ${fromN} AND ${toN}`;
}

/** One submitted draft per application, and one abandoned for every five, at a random step. */
export function draftsSql(fromN: number, toN: number): string {
  return `INSERT INTO application_drafts (id, token_hash, round_id, language, data, current_step, furthest_step, step_seconds, created_at, updated_at, submitted_at)
    SELECT gen_random_uuid(), md5(p.id::text || k) || md5(k || p.id::text), p.round_id, 'da', '{}', s.step, s.step,
      jsonb_build_object('organization', 60 + p.n % 200, 'contact', 30 + p.n % 90, 'project', 300 + p.n % 900, 'budget', 200 + p.n % 600, 'declarations', 40 + p.n % 60),
      p.submitted_at - interval '2 hours', p.submitted_at, CASE WHEN k = 'a' THEN p.submitted_at END
    FROM bench_plan p
    CROSS JOIN LATERAL (SELECT 'a' AS k UNION ALL SELECT 'b' WHERE p.n % 5 = 0) AS ks
    CROSS JOIN LATERAL (SELECT CASE WHEN k = 'a' THEN 'summary' ELSE (ARRAY['organization','contact','project','budget','declarations'])[1 + p.n % 5] END AS step) AS s
    WHERE p.n BETWEEN ${fromN} AND ${toN}`;
}
