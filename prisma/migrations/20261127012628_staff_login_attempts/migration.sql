-- CreateTable
CREATE TABLE "staff_login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "staff_login_attempts_email_at_idx" ON "staff_login_attempts"("email", "at");

-- CreateIndex
CREATE INDEX "staff_login_attempts_ip_at_idx" ON "staff_login_attempts"("ip", "at");

