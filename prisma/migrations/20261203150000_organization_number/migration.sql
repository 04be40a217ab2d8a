-- Organisation numbers of both jurisdictions: a Danish CVR number (8 digits) or a Norwegian
-- organisasjonsnummer (9 digits). CHAR(8) becomes VARCHAR(9), and the stored values are exactly
-- eight digits (no padding), so every Danish row keeps its value. The indexes are rebuilt.

-- AlterTable
ALTER TABLE "applications" ALTER COLUMN "organization_cvr" SET DATA TYPE VARCHAR(9);

-- AlterTable
ALTER TABLE "payouts" ALTER COLUMN "cvr" SET DATA TYPE VARCHAR(9);

-- AlterTable
ALTER TABLE "staff_ties" ALTER COLUMN "cvr" SET DATA TYPE VARCHAR(9);
