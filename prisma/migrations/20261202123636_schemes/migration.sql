-- Grant schemes. Every round so far was a § 18 round: the migration creates the § 18 scheme with
-- a fixed id, and the new column defaults to it, so every existing round (and any round written
-- without a scheme) belongs to it. Nothing of a round changes: its own frame, criteria and tiers stay.

-- CreateTable
CREATE TABLE "schemes" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "legal_frame" JSONB NOT NULL DEFAULT '{}',
    "decision_criteria" JSONB NOT NULL DEFAULT '[]',
    "reporting_tiers" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schemes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "schemes_slug_key" ON "schemes"("slug");

-- The § 18 scheme (its names keep "§ 18" on one line with a no-break space): the shipped § 18 frame (domain/legal-frame.ts shippedLegalFrame, without a
-- contact person: each round has its own) and the default reporting tiers.
INSERT INTO "schemes" ("id", "slug", "name", "description", "legal_frame", "decision_criteria", "reporting_tiers")
VALUES (
  '00000000-0000-4000-8000-000000000018'::uuid,
  'paragraf-18',
  '{"da": "Tilskud til frivilligt socialt arbejde (§ 18)", "nb": "Tilskudd til frivillig sosialt arbeid (§ 18)", "en": "Grants for voluntary social work (section 18)"}',
  '{"da": "Tilskud til frivilligt socialt arbejde efter serviceloven § 18: aktiviteter for mennesker, der er ensomme, syge, udsatte eller i en svær situation, og som frivillige bærer.", "nb": "Tilskudd til frivillig sosialt arbeid etter den danske serviceloven § 18: aktiviteter for mennesker som er ensomme, syke, utsatte eller i en vanskelig situasjon, og som frivillige bærer.", "en": "Grants for voluntary social work under section 18 of the Danish Social Services Act (serviceloven § 18): activities for people who are lonely, ill, vulnerable or in a difficult situation, carried by volunteers."}',
  '{"legalBasis": "serviceloven § 18", "guidelines": {"name": "Retningslinjer for tilskud til frivilligt socialt arbejde (§ 18)", "adoptedOn": "2026-01-15", "adoptedBy": "Social- og Sundhedsudvalget"}, "decisionMaker": {"kind": "delegation", "body": "Social- og Sundhedsudvalget"}, "complaintGuidance": {}, "contact": {}}',
  '[]',
  '[{"upToKroner": 10000, "requirement": "declaration", "applicationDocuments": ["statutes"]}, {"upToKroner": 100000, "requirement": "accounts", "applicationDocuments": ["statutes", "annual_accounts"]}, {"upToKroner": null, "requirement": "audited_accounts", "applicationDocuments": ["statutes", "annual_accounts", "budget"]}]'
);

-- AlterTable: every existing round becomes a round of the § 18 scheme.
ALTER TABLE "funding_rounds" ADD COLUMN     "scheme_id" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000018'::uuid;

-- CreateIndex
CREATE INDEX "funding_rounds_scheme_id_idx" ON "funding_rounds"("scheme_id");

-- AddForeignKey
ALTER TABLE "funding_rounds" ADD CONSTRAINT "funding_rounds_scheme_id_fkey" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
