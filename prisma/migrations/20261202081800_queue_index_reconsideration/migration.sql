-- The queue also shows requests for reconsideration and klager waiting for the klagenemnd's
-- decision (statuses added in the migration before: PostgreSQL lets a new enum value be used only
-- once the migration that added it has committed).
DROP INDEX "applications_waiting_submitted_idx";
CREATE INDEX "applications_waiting_submitted_idx" ON "applications" ("submitted_at", "id")
  WHERE "status" IN ('IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'REPORT_SUBMITTED', 'RECONSIDERATION_REQUESTED', 'FORWARDED_TO_APPEALS_BOARD');
