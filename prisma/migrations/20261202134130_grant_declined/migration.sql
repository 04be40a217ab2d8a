-- AlterEnum
ALTER TYPE "ApplicationStatus" ADD VALUE 'GRANT_DECLINED';

