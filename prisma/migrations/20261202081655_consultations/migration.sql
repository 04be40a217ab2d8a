-- AlterEnum
ALTER TYPE "ApplicationStatus" ADD VALUE 'AWAITING_COMMENTS';

-- CreateTable
CREATE TABLE "consultations" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "requested_by" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "message" TEXT NOT NULL,
    "answer_by" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "answered_at" TIMESTAMPTZ(3),
    "answer" JSONB,
    "deadline_passed_at" TIMESTAMPTZ(3),

    CONSTRAINT "consultations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "consultations_application_id_sequence_key" ON "consultations"("application_id", "sequence");

-- AddForeignKey
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

