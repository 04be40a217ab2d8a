-- Self-organised groups through a sponsoring association, and drafts a volunteer centre prepares
-- for an association. Every existing round takes associations only ("none"), every existing case
-- is an association's own, and every existing draft was written by the association itself.

-- AlterTable
ALTER TABLE "funding_rounds" ADD COLUMN "informal_groups" VARCHAR(16) NOT NULL DEFAULT 'none';

-- AlterTable
ALTER TABLE "applications" ADD COLUMN "applicant_kind" VARCHAR(16) NOT NULL DEFAULT 'association',
ADD COLUMN "group_name" TEXT,
ADD COLUMN "prepared_by" TEXT;

-- AlterTable
ALTER TABLE "application_drafts" ADD COLUMN "prepared_by_staff_id" UUID,
ADD COLUMN "helper_token_hash" CHAR(64),
ADD COLUMN "prepared_by" TEXT,
ADD COLUMN "prepared_for" TEXT,
ADD COLUMN "shared_with_email" TEXT,
ADD COLUMN "shared_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "application_drafts_helper_token_hash_key" ON "application_drafts"("helper_token_hash");

-- CreateTable
CREATE TABLE "sponsorships" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "sponsor_email" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "confirmed_by" TEXT,

    CONSTRAINT "sponsorships_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sponsorships_application_id_key" ON "sponsorships"("application_id");

-- CreateIndex
CREATE UNIQUE INDEX "sponsorships_token_hash_key" ON "sponsorships"("token_hash");

-- AddForeignKey
ALTER TABLE "sponsorships" ADD CONSTRAINT "sponsorships_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
