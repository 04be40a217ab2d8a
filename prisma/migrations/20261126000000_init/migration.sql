-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RoundMode" AS ENUM ('continuous', 'deadline');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'SCREENING', 'AWAITING_APPLICANT', 'IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'DECIDED', 'PAID', 'REPORT_DUE', 'REPORT_SUBMITTED', 'CLOSED', 'WITHDRAWN', 'LAPSED');

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
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

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
    "amount_requested_ore" BIGINT NOT NULL,
    "access_token_hash" CHAR(64) NOT NULL,
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

-- CreateIndex
CREATE UNIQUE INDEX "funding_rounds_slug_key" ON "funding_rounds"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "applications_reference_number_key" ON "applications"("reference_number");

-- CreateIndex
CREATE UNIQUE INDEX "applications_access_token_hash_key" ON "applications"("access_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "applications_idempotency_key_hash_key" ON "applications"("idempotency_key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "applications_workflow_id_key" ON "applications"("workflow_id");

-- CreateIndex
CREATE INDEX "applications_round_id_status_idx" ON "applications"("round_id", "status");

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

-- AddForeignKey
ALTER TABLE "applications" ADD CONSTRAINT "applications_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

