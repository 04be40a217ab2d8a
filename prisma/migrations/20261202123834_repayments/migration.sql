-- AlterEnum

ALTER TYPE "ApplicationStatus" ADD VALUE 'REPAYMENT_PROPOSED';
ALTER TYPE "ApplicationStatus" ADD VALUE 'REPAYMENT_DUE';

-- CreateTable
CREATE TABLE "repayments" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "report_sequence" INTEGER NOT NULL,
    "proposed_ore" BIGINT NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT,
    "claimed_ore" BIGINT,
    "reasons" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "new_period_end" DATE,
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "paid_on" DATE,
    "paid_registered_by" TEXT,
    "paid_registered_at" TIMESTAMPTZ(3),

    CONSTRAINT "repayments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "repayments_application_id_report_sequence_key" ON "repayments"("application_id", "report_sequence");

-- AddForeignKey
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

