-- AlterTable
ALTER TABLE "screenings" ADD COLUMN     "overrides" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "draft_id" UUID,
ALTER COLUMN "application_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "application_drafts" (
    "id" UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "round_id" UUID NOT NULL,
    "language" VARCHAR(2) NOT NULL DEFAULT 'da',
    "data" JSONB NOT NULL DEFAULT '{}',
    "current_step" TEXT NOT NULL,
    "furthest_step" TEXT NOT NULL,
    "step_seconds" JSONB NOT NULL DEFAULT '{}',
    "resume_email" TEXT,
    "resume_sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "application_id" UUID,

    CONSTRAINT "application_drafts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_notes" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "author_name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_access_log" (
    "id" BIGSERIAL NOT NULL,
    "staff_user_id" UUID NOT NULL,
    "staff_email" TEXT NOT NULL,
    "application_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_access_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_audit_log" (
    "id" BIGSERIAL NOT NULL,
    "staff_user_id" UUID,
    "staff_email" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "application_id" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "application_drafts_token_hash_key" ON "application_drafts"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "application_drafts_application_id_key" ON "application_drafts"("application_id");

-- CreateIndex
CREATE INDEX "application_drafts_round_id_created_at_idx" ON "application_drafts"("round_id", "created_at");

-- CreateIndex
CREATE INDEX "application_drafts_created_at_idx" ON "application_drafts"("created_at");

-- CreateIndex
CREATE INDEX "case_notes_application_id_created_at_idx" ON "case_notes"("application_id", "created_at");

-- CreateIndex
CREATE INDEX "staff_access_log_application_id_at_idx" ON "staff_access_log"("application_id", "at");

-- CreateIndex
CREATE INDEX "staff_access_log_staff_user_id_at_idx" ON "staff_access_log"("staff_user_id", "at");

-- CreateIndex
CREATE INDEX "staff_audit_log_application_id_at_idx" ON "staff_audit_log"("application_id", "at");

-- CreateIndex
CREATE INDEX "staff_audit_log_staff_user_id_at_idx" ON "staff_audit_log"("staff_user_id", "at");

-- CreateIndex
CREATE INDEX "staff_audit_log_action_at_idx" ON "staff_audit_log"("action", "at");

-- CreateIndex
CREATE INDEX "documents_draft_id_idx" ON "documents"("draft_id");

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_draft_id_fkey" FOREIGN KEY ("draft_id") REFERENCES "application_drafts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_drafts" ADD CONSTRAINT "application_drafts_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "funding_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_drafts" ADD CONSTRAINT "application_drafts_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_access_log" ADD CONSTRAINT "staff_access_log_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;


