-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "anonymised_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "application_drafts" ADD COLUMN     "anonymised_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "retention_log" (
    "id" BIGSERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retention_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "retention_log_run_id_idx" ON "retention_log"("run_id");

-- CreateIndex
CREATE INDEX "outbox_emails_sent_at_idx" ON "outbox_emails"("sent_at");

-- CreateIndex
CREATE INDEX "staff_login_attempts_at_idx" ON "staff_login_attempts"("at");

-- CreateIndex
CREATE INDEX "staff_access_log_at_idx" ON "staff_access_log"("at");

-- CreateIndex
CREATE INDEX "staff_audit_log_at_idx" ON "staff_audit_log"("at");

