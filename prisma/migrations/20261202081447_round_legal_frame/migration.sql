-- AlterTable
ALTER TABLE "funding_rounds" ADD COLUMN     "legal_frame" JSONB NOT NULL DEFAULT '{}';

-- Existing rounds get the frame a Danish § 18 round ships with (domain/legal-frame.ts,
-- shippedLegalFrame): these were the defaults of the former global settings. The contact person
-- is left for an administrator to set. Until then letters and emails name the municipality's own.
UPDATE "funding_rounds" SET "legal_frame" = '{"legalBasis":"serviceloven § 18","guidelines":{"name":"Retningslinjer for tilskud til frivilligt socialt arbejde (§ 18)","adoptedOn":"2026-01-15","adoptedBy":"Social- og Sundhedsudvalget"},"decisionMaker":{"kind":"delegation","body":"Social- og Sundhedsudvalget"},"complaintGuidance":{},"contact":{}}'::jsonb;
