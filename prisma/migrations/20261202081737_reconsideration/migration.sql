-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ApplicationStatus" ADD VALUE 'RECONSIDERATION_REQUESTED';
ALTER TYPE "ApplicationStatus" ADD VALUE 'FORWARDED_TO_APPEALS_BOARD';

-- DropIndex
DROP INDEX "payouts_application_id_key";

-- AlterTable
ALTER TABLE "payouts" ADD COLUMN     "decision_sequence" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "reconsiderations" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "procedure" TEXT NOT NULL,
    "decision_sequence" INTEGER NOT NULL,
    "reasons" TEXT NOT NULL,
    "document_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT,
    "answered_by" TEXT,
    "answered_at" TIMESTAMPTZ(3),
    "answer_reasons" JSONB,
    "new_decision_sequence" INTEGER,
    "board_outcome" TEXT,
    "board_decided_on" DATE,
    "board_text" TEXT,
    "board_registered_by" TEXT,
    "board_registered_at" TIMESTAMPTZ(3),

    CONSTRAINT "reconsiderations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reconsiderations_application_id_sequence_key" ON "reconsiderations"("application_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "payouts_application_id_decision_sequence_key" ON "payouts"("application_id", "decision_sequence");

-- AddForeignKey
ALTER TABLE "reconsiderations" ADD CONSTRAINT "reconsiderations_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

