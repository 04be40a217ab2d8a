-- Partial indexes for the caseworkers' queue, written by hand: Prisma's schema language cannot
-- express a WHERE clause on an index. tests/integration/migrations.test.ts lists them as the
-- indexes the schema does not describe.

-- The queue's default view: cases waiting for staff, oldest submission first.
CREATE INDEX "applications_waiting_submitted_idx" ON "applications" ("submitted_at", "id")
  WHERE "status" IN ('IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'REPORT_SUBMITTED');

-- "Flagged checks": screenings where an automatic rule did not pass.
CREATE INDEX "screenings_not_passed_idx" ON "screenings" ("application_id")
  WHERE "results" @? '$.rules[*] ? (@.outcome != "pass")'::jsonpath;
