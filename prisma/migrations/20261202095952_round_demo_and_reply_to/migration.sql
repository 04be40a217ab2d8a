-- AlterTable
ALTER TABLE "funding_rounds" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "outbox_emails" ADD COLUMN     "reply_to" TEXT;

