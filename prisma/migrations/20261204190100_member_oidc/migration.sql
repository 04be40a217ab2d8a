-- A member's identity at the organisations' OpenID provider, stored at their first sign-in there.
ALTER TABLE "organisation_members" ADD COLUMN "provider_subject" TEXT;

-- How a first member or a sign-in signed in: "email" or "oidc".
ALTER TABLE "organisation_events" ADD COLUMN "method" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "organisation_members_organisation_id_provider_subject_key" ON "organisation_members"("organisation_id", "provider_subject");
