-- AlterTable
ALTER TABLE "staff_users" ALTER COLUMN "password_hash" DROP NOT NULL,
ADD COLUMN     "oidc_subject" TEXT,
ADD COLUMN     "totp_last_step" INTEGER,
ADD COLUMN     "totp_secret" TEXT;

-- AlterTable
ALTER TABLE "staff_sessions" ADD COLUMN     "id_token" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "staff_users_oidc_subject_key" ON "staff_users"("oidc_subject");
