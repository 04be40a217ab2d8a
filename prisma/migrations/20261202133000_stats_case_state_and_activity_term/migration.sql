-- AlterTable
ALTER TABLE "stats_case_facts" ADD COLUMN     "activity_term" TEXT NOT NULL DEFAULT 'short_term',
ADD COLUMN     "case_state" TEXT NOT NULL DEFAULT 'open';


-- The statistics now count a case's decision in force (after reconsideration), the time it waited
-- for the association only when it did, new associations by earlier rounds, and where each case
-- stands. Emptying them makes the next refresh recompute every case from its events.
TRUNCATE "stats_case_facts", "stats_rollup";
DELETE FROM "stats_refresh_state";
