-- AlterEnum
ALTER TYPE "ApplicationStatus" ADD VALUE 'PAYOUT_SCHEDULED';

-- AlterTable
ALTER TABLE "follow_up_reports" ADD COLUMN     "opens_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "payouts" ADD COLUMN     "confirmed_at" TIMESTAMPTZ(3),
ADD COLUMN     "confirmed_by" TEXT,
ADD COLUMN     "paid_on" DATE;
