-- DropIndex
DROP INDEX "payouts_application_id_decision_sequence_key";

-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "grant_years" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "funding_rounds" ADD COLUMN     "grant_years" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "yearly_budgets_ore" BIGINT[] DEFAULT ARRAY[]::BIGINT[];

-- AlterTable
ALTER TABLE "payouts" ADD COLUMN     "year" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE UNIQUE INDEX "payouts_application_id_decision_sequence_year_key" ON "payouts"("application_id", "decision_sequence", "year");
