-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RoundMode" AS ENUM ('continuous', 'deadline');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'SCREENING', 'AWAITING_APPLICANT', 'IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'DECIDED', 'PAID', 'REPORT_DUE', 'REPORT_SUBMITTED', 'CLOSED', 'WITHDRAWN', 'LAPSED');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('pending', 'sent');

-- CreateTable
CREATE TABLE "funding_rounds" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "budget_ore" BIGINT NOT NULL,
    "max_amount_ore" BIGINT NOT NULL,
    "opens_at" TIMESTAMPTZ(3) NOT NULL,
    "closes_at" TIMESTAMPTZ(3),
    "mode" "RoundMode" NOT NULL DEFAULT 'continuous',
    "target_groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "excluded_cost_categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "four_eyes_threshold_ore" BIGINT NOT NULL DEFAULT 5000000,
    "reporting_tiers" JSONB NOT NULL DEFAULT '[]',
    "decision_criteria" JSONB NOT NULL DEFAULT '[]',
    "process_settings" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "funding_rounds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "applications" (
    "id" UUID NOT NULL,
    "reference_number" SERIAL NOT NULL,
    "round_id" UUID NOT NULL,
    "status" "ApplicationStatus" NOT NULL,
    "organization_cvr" CHAR(8) NOT NULL,
    "organization_name" TEXT NOT NULL,
    "organization_email" TEXT NOT NULL,
    "contact_name" TEXT NOT NULL,
    "contact_email" TEXT NOT NULL,
    "project_title" TEXT NOT NULL,
    "project_purpose" TEXT NOT NULL,
    "target_group" TEXT NOT NULL,
    "is_new_activity" BOOLEAN NOT NULL,
    "volunteers" INTEGER NOT NULL,
    "expected_participants" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "amount_requested_ore" BIGINT NOT NULL,
    "amount_granted_ore" BIGINT,
    "submission" JSONB NOT NULL,
    "language" VARCHAR(2) NOT NULL DEFAULT 'da',
    "assignee" TEXT,
    "idempotency_key_hash" CHAR(64),
    "access_token_sealed" TEXT,
    "request_fingerprint" CHAR(64),
    "workflow_id" TEXT NOT NULL,
    "workflow_started_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "event_key" TEXT NOT NULL,
    "application_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "from_status" "ApplicationStatus",
    "to_status" "ApplicationStatus",
    "actor" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screenings" (
    "id" UUID NOT NULL,
    "screening_key" TEXT NOT NULL,
    "application_id" UUID NOT NULL,
    "results" JSONB NOT NULL,
    "missing_items" JSONB NOT NULL,
    "checklist" JSONB NOT NULL,
    "register_lookup" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screenings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "information_requests" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "requested_by" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "message" TEXT NOT NULL,
    "answer_by" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "answer" JSONB,
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "lapsed_at" TIMESTAMPTZ(3),

    CONSTRAINT "information_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "amount_granted_ore" BIGINT NOT NULL,
    "reasons" JSONB NOT NULL,
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "decided_by" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "needs_approval" BOOLEAN NOT NULL,
    "approved_by" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "returned_by" TEXT,
    "returned_at" TIMESTAMPTZ(3),
    "approver_comment" TEXT,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL,
    "document_key" TEXT NOT NULL,
    "application_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "content" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payouts" (
    "id" UUID NOT NULL,
    "payout_key" TEXT NOT NULL,
    "application_id" UUID NOT NULL,
    "amount_ore" BIGINT NOT NULL,
    "cvr" CHAR(8) NOT NULL,
    "scheduled_for" DATE NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "payout_run_id" UUID,

    CONSTRAINT "payouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_runs" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    "csv" TEXT NOT NULL,
    "total_ore" BIGINT NOT NULL,

    CONSTRAINT "payout_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up_reports" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "requirement" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "content" JSONB,
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "review_outcome" TEXT,
    "reviewed_by" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "review_comment" TEXT,
    "repayment_ore" BIGINT,

    CONSTRAINT "follow_up_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_emails" (
    "id" UUID NOT NULL,
    "message_key" TEXT NOT NULL,
    "application_id" UUID,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "attachment_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "EmailStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_emails_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_tokens" (
    "token_hash" CHAR(64) NOT NULL,
    "application_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_tokens_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "funding_rounds_slug_key" ON "funding_rounds"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "applications_reference_number_key" ON "applications"("reference_number");

-- CreateIndex
CREATE UNIQUE INDEX "applications_idempotency_key_hash_key" ON "applications"("idempotency_key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "applications_workflow_id_key" ON "applications"("workflow_id");

-- CreateIndex
CREATE INDEX "applications_round_id_status_idx" ON "applications"("round_id", "status");

-- CreateIndex
CREATE INDEX "applications_organization_cvr_idx" ON "applications"("organization_cvr");

-- CreateIndex
CREATE INDEX "applications_status_submitted_at_idx" ON "applications"("status", "submitted_at");

-- CreateIndex
CREATE INDEX "applications_workflow_started_at_created_at_idx" ON "applications"("workflow_started_at", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "case_events_event_key_key" ON "case_events"("event_key");

-- CreateIndex
CREATE INDEX "case_events_application_id_occurred_at_idx" ON "case_events"("application_id", "occurred_at");

-- CreateIndex
CREATE INDEX "case_events_type_occurred_at_idx" ON "case_events"("type", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "screenings_screening_key_key" ON "screenings"("screening_key");

-- CreateIndex
CREATE INDEX "screenings_application_id_created_at_idx" ON "screenings"("application_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "information_requests_application_id_sequence_key" ON "information_requests"("application_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_application_id_sequence_key" ON "decisions"("application_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "documents_document_key_key" ON "documents"("document_key");

-- CreateIndex
CREATE INDEX "documents_application_id_kind_idx" ON "documents"("application_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_payout_key_key" ON "payouts"("payout_key");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_application_id_key" ON "payouts"("application_id");

-- CreateIndex
CREATE INDEX "payouts_payout_run_id_idx" ON "payouts"("payout_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "follow_up_reports_application_id_sequence_key" ON "follow_up_reports"("application_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_emails_message_key_key" ON "outbox_emails"("message_key");

-- CreateIndex
CREATE INDEX "outbox_emails_status_created_at_idx" ON "outbox_emails"("status", "created_at");

-- CreateIndex
CREATE INDEX "access_tokens_application_id_idx" ON "access_tokens"("application_id");

-- AddForeignKey
ALTER TABLE "applications" ADD CONSTRAINT "applications_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_payout_run_id_fkey" FOREIGN KEY ("payout_run_id") REFERENCES "payout_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up_reports" ADD CONSTRAINT "follow_up_reports_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_emails" ADD CONSTRAINT "outbox_emails_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

