-- CreateTable
CREATE TABLE "organisations" (
    "id" UUID NOT NULL,
    "number" VARCHAR(9) NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organisation_members" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisation_members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organisation_events" (
    "id" BIGSERIAL NOT NULL,
    "organisation_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisation_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organisation_sign_in_tokens" (
    "token_hash" CHAR(64) NOT NULL,
    "organisation_number" VARCHAR(9) NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "organisation_sign_in_tokens_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "organisation_sessions" (
    "token_hash" CHAR(64) NOT NULL,
    "member_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organisation_sessions_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_number_key" ON "organisations"("number");

-- CreateIndex
CREATE INDEX "organisation_members_email_idx" ON "organisation_members"("email");

-- CreateIndex
CREATE UNIQUE INDEX "organisation_members_organisation_id_email_key" ON "organisation_members"("organisation_id", "email");

-- CreateIndex
CREATE INDEX "organisation_events_organisation_id_occurred_at_idx" ON "organisation_events"("organisation_id", "occurred_at");

-- CreateIndex
CREATE INDEX "organisation_sign_in_tokens_expires_at_idx" ON "organisation_sign_in_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "organisation_sessions_member_id_idx" ON "organisation_sessions"("member_id");

-- AddForeignKey
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organisation_events" ADD CONSTRAINT "organisation_events_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organisation_sessions" ADD CONSTRAINT "organisation_sessions_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "organisation_members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

