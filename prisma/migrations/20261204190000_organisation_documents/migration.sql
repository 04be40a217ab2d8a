-- An association's documents kept once (statutes until replaced, annual accounts per financial
-- year), and on an application's document the kept document it was copied from.
-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "from_organisation_document_id" UUID;

-- CreateTable
CREATE TABLE "organisation_documents" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "financial_year" INTEGER,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "content" BYTEA NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replaced_at" TIMESTAMPTZ(3),

    CONSTRAINT "organisation_documents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "organisation_documents_organisation_id_kind_idx" ON "organisation_documents"("organisation_id", "kind");

-- CreateIndex
CREATE INDEX "organisation_documents_replaced_at_idx" ON "organisation_documents"("replaced_at");

-- AddForeignKey
ALTER TABLE "organisation_documents" ADD CONSTRAINT "organisation_documents_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

