-- AlterTable
ALTER TABLE "outbox_emails" ADD COLUMN     "list_unsubscribe" TEXT;

-- CreateTable
CREATE TABLE "round_subscriptions" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "all_schemes" BOOLEAN NOT NULL,
    "scheme_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "round_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "round_subscription_tokens" (
    "token_hash" CHAR(64) NOT NULL,
    "subscription_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "round_subscription_tokens_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "round_subscriptions_email_idx" ON "round_subscriptions"("email");

-- CreateIndex
CREATE INDEX "round_subscriptions_confirmed_at_idx" ON "round_subscriptions"("confirmed_at");

-- CreateIndex
CREATE INDEX "round_subscription_tokens_subscription_id_idx" ON "round_subscription_tokens"("subscription_id");

-- AddForeignKey
ALTER TABLE "round_subscription_tokens" ADD CONSTRAINT "round_subscription_tokens_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "round_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
