-- CreateTable
CREATE TABLE "stats_case_facts" (
    "application_id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "submitted_day" DATE NOT NULL,
    "decided_day" DATE,
    "outcome" TEXT,
    "turnaround_seconds" INTEGER,
    "applicant_seconds" INTEGER,
    "within_target" BOOLEAN,
    "screening_seconds" INTEGER,
    "queue_seconds" INTEGER,
    "round_wait_seconds" INTEGER,
    "review_seconds" INTEGER,
    "approval_seconds" INTEGER,
    "information_requests" INTEGER NOT NULL,
    "missing_items" TEXT[],
    "reason_codes" TEXT[],
    "lapsed_day" DATE,
    "withdrawn_day" DATE,
    "first_time" BOOLEAN NOT NULL,
    "volunteers" INTEGER NOT NULL,
    "target_group" TEXT NOT NULL,
    "amount_requested_ore" BIGINT NOT NULL,
    "amount_granted_ore" BIGINT,
    "report_due_day" DATE,
    "report_on_time" BOOLEAN,
    "report_seconds" INTEGER,
    "report_reminders" INTEGER NOT NULL DEFAULT 0,
    "reports_returned" INTEGER NOT NULL DEFAULT 0,
    "repayment_ore" BIGINT,

    CONSTRAINT "stats_case_facts_pkey" PRIMARY KEY ("application_id")
);

-- CreateTable
CREATE TABLE "stats_rollup" (
    "grain" VARCHAR(5) NOT NULL,
    "period_start" DATE NOT NULL,
    "round_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "bucket" INTEGER NOT NULL DEFAULT 0,
    "cases" BIGINT NOT NULL,
    "total" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "stats_rollup_pkey" PRIMARY KEY ("round_id","grain","period_start","metric","key","bucket")
);

-- CreateTable
CREATE TABLE "stats_refresh_state" (
    "id" INTEGER NOT NULL,
    "last_event_id" BIGINT NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stats_refresh_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stats_case_facts_submitted_day_idx" ON "stats_case_facts"("submitted_day");

-- CreateIndex
CREATE INDEX "stats_case_facts_decided_day_idx" ON "stats_case_facts"("decided_day");

-- CreateIndex
CREATE INDEX "stats_rollup_grain_metric_period_start_idx" ON "stats_rollup"("grain", "metric", "period_start");

-- CreateIndex
CREATE INDEX "follow_up_reports_submitted_at_idx" ON "follow_up_reports"("submitted_at");

-- CreateIndex
CREATE INDEX "application_drafts_updated_at_idx" ON "application_drafts"("updated_at");

