-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'dead';

-- AlterTable
ALTER TABLE "outbox_emails" ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3);

