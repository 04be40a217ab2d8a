-- AlterTable
ALTER TABLE "staff_users" ADD COLUMN     "phone" TEXT,
ADD COLUMN     "title" TEXT;

