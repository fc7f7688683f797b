-- CreateEnum
CREATE TYPE "OperationKind" AS ENUM ('ENABLE', 'DISABLE');

-- CreateEnum
CREATE TYPE "OperationState" AS ENUM ('REQUESTED', 'AWAITING_CONFIRMATION', 'CONFIRMED', 'APPLYING', 'VERIFIED', 'DENIED', 'CANCELLED', 'EXPIRED', 'FAILED');

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('ORG', 'ENTERPRISE');

-- CreateEnum
CREATE TYPE "ConnectionState" AS ENUM ('CONNECTED', 'DISCONNECTED');

-- CreateTable
CREATE TABLE "operations" (
    "id" UUID NOT NULL,
    "kind" "OperationKind" NOT NULL,
    "account_kind" "AccountKind" NOT NULL,
    "account_slug" TEXT NOT NULL,
    "state" "OperationState" NOT NULL,
    "requested_team" TEXT NOT NULL,
    "requested_user" TEXT NOT NULL,
    "request_id" TEXT,
    "channel_id" TEXT,
    "message_ts" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "confirmed_team" TEXT,
    "confirmed_user" TEXT,
    "confirmed_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "apply_deadline" TIMESTAMPTZ(3),
    "facts" JSONB,
    "reason" TEXT,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "operations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connections" (
    "id" UUID NOT NULL,
    "account_kind" "AccountKind" NOT NULL,
    "account_slug" TEXT NOT NULL,
    "state" "ConnectionState" NOT NULL,
    "hostname" TEXT NOT NULL,
    "ghes_version" TEXT,
    "customer_name" TEXT,
    "license_public_key" TEXT,
    "license_fingerprint" TEXT,
    "changed_team" TEXT NOT NULL,
    "changed_user" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "last_verified_at" TIMESTAMPTZ(3) NOT NULL,
    "operation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connections_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "operations_state_idx" ON "operations"("state");

-- CreateIndex
CREATE INDEX "operations_account_kind_account_slug_created_at_idx" ON "operations"("account_kind", "account_slug", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "connections_account_kind_account_slug_key" ON "connections"("account_kind", "account_slug");


-- Hand-written: at most one operation in flight per account, across every replica. A new request supersedes
-- (cancels) an unconfirmed one in the same transaction; a confirmed or applying one blocks new requests.
CREATE UNIQUE INDEX "operations_one_in_flight_per_account" ON "operations"("account_kind", "account_slug")
  WHERE "state" IN ('REQUESTED', 'AWAITING_CONFIRMATION', 'CONFIRMED', 'APPLYING');
