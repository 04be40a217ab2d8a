-- CreateEnum
CREATE TYPE "StaffTieKind" AS ENUM ('board_member', 'relative', 'employee', 'other');

-- CreateTable
CREATE TABLE "staff_ties" (
    "id" UUID NOT NULL,
    "staff_user_id" UUID NOT NULL,
    "cvr" CHAR(8) NOT NULL,
    "kind" "StaffTieKind" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "staff_ties_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "staff_ties_staff_user_id_withdrawn_at_idx" ON "staff_ties"("staff_user_id", "withdrawn_at");

-- CreateIndex
CREATE INDEX "staff_ties_cvr_idx" ON "staff_ties"("cvr");

-- AddForeignKey
ALTER TABLE "staff_ties" ADD CONSTRAINT "staff_ties_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

