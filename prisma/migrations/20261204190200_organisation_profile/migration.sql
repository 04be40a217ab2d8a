-- The association's profile, kept once and reused in every new application: drafts say whether
-- their organisation had applied before and where a member's draft was pre-filled from. Existing
-- drafts were not pre-filled: whether they were a returning organisation's is left unknown (null).

-- CreateTable
CREATE TABLE "organisation_profiles" (
    "organisation_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "street" TEXT NOT NULL DEFAULT '',
    "postcode" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "phone" TEXT,
    "contact_name" TEXT NOT NULL DEFAULT '',
    "contact_email" TEXT NOT NULL DEFAULT '',
    "contact_phone" TEXT,
    "bank_account" TEXT,
    "register_name" TEXT,
    "register_address" TEXT,
    "register_status" TEXT,
    "register_read_at" TIMESTAMPTZ(3),
    "register_tried_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisation_profiles_pkey" PRIMARY KEY ("organisation_id")
);

-- AddForeignKey
ALTER TABLE "organisation_profiles" ADD CONSTRAINT "organisation_profiles_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "application_drafts" ADD COLUMN "returning_applicant" BOOLEAN,
ADD COLUMN "prefilled_from" JSONB;
