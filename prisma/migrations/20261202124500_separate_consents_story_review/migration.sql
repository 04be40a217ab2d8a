-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "consent_contact_later" BOOLEAN;

-- AlterTable
ALTER TABLE "follow_up_reports" ADD COLUMN     "published_activity" TEXT,
ADD COLUMN     "published_story" TEXT,
ADD COLUMN     "story_consent" BOOLEAN,
ADD COLUMN     "story_review" TEXT,
ADD COLUMN     "story_reviewed_at" TIMESTAMPTZ(3),
ADD COLUMN     "story_reviewed_by" TEXT;

-- CreateIndex
CREATE INDEX "follow_up_reports_story_review_submitted_at_idx" ON "follow_up_reports"("story_review", "submitted_at");

-- Existing applications: the one tick they had read "the municipality may contact us later about
-- telling about the activity", so it carries over as consent to be contacted, and nothing more.
UPDATE "applications"
   SET "consent_contact_later" = ("submission"->'declarations'->>'shareStory') = 'true'
 WHERE "submission"->'declarations' ? 'shareStory';

-- Existing reports keep story_consent NULL: their tick was worded otherwise (it named the
-- municipality's website and did not promise anonymity), so no earlier story is published until
-- the association consents in the current wording.
