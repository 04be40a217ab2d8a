-- AlterEnum
ALTER TYPE "ApplicationStatus" ADD VALUE 'AWAITING_ACCEPTANCE';
ALTER TYPE "ApplicationStatus" ADD VALUE 'GRANT_LAPSED';

-- CreateTable
CREATE TABLE "grant_acceptances" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "decision_sequence" INTEGER NOT NULL,
    "signatory_source" TEXT NOT NULL,
    "signing_rule" TEXT,
    "signatories" JSONB NOT NULL,
    "recipient_name" TEXT NOT NULL,
    "recipient_email" TEXT NOT NULL,
    "conditions_text" TEXT NOT NULL,
    "conditions_version" TEXT NOT NULL,
    "conditions_hash" TEXT NOT NULL,
    "accept_by" TIMESTAMPTZ(3) NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_name" TEXT,
    "signing_provider" TEXT,
    "signature_reference" TEXT,
    "signature" JSONB,
    "lapsed_at" TIMESTAMPTZ(3),

    CONSTRAINT "grant_acceptances_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "grant_acceptances_application_id_decision_sequence_key" ON "grant_acceptances"("application_id", "decision_sequence");

-- AddForeignKey
ALTER TABLE "grant_acceptances" ADD CONSTRAINT "grant_acceptances_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rounds announced before acceptance existed keep paying without it: their settings say so
-- explicitly (a round created from now on asks for acceptance within 30 days unless it sets
-- acceptancePeriod to P0D). Every other setting of the row stays as it was.
UPDATE "funding_rounds" SET "process_settings" = "process_settings" || '{"acceptancePeriod": "P0D"}'::jsonb
WHERE NOT ("process_settings" ? 'acceptancePeriod');
