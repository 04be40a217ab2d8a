-- CreateTable
CREATE TABLE "grant_changes" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "activity" TEXT,
    "new_start_date" DATE,
    "new_end_date" DATE,
    "previous_start_date" DATE NOT NULL,
    "previous_end_date" DATE NOT NULL,
    "reasons" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT,
    "decision_reasons" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "new_report_due_at" TIMESTAMPTZ(3),

    CONSTRAINT "grant_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "grant_changes_application_id_sequence_key" ON "grant_changes"("application_id", "sequence");

-- AddForeignKey
ALTER TABLE "grant_changes" ADD CONSTRAINT "grant_changes_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

