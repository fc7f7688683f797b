-- AlterTable
ALTER TABLE "connections" ADD COLUMN     "thread_key" TEXT;

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "thread_key" TEXT,
    "broadcast" BOOLEAN NOT NULL DEFAULT false,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "delivered_revision" INTEGER NOT NULL DEFAULT 0,
    "ts" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "claimed_by" TEXT,
    "claimed_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "given_up_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slack_threads" (
    "thread_key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_threads_pkey" PRIMARY KEY ("thread_key")
);

-- CreateTable
CREATE TABLE "watchers" (
    "name" TEXT NOT NULL,
    "holder" TEXT,
    "fence" BIGINT NOT NULL DEFAULT 0,
    "lease_expires_at" TIMESTAMPTZ(3),
    "state" JSONB NOT NULL DEFAULT '{}',
    "pass_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "watchers_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_dedupe_key_key" ON "outbox_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_messages_delivered_revision_revision_next_attempt_at_idx" ON "outbox_messages"("delivered_revision", "revision", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_messages_thread_key_id_idx" ON "outbox_messages"("thread_key", "id");


-- Hand-written: the one watcher row exists from the start, so taking the lease is always an UPDATE.
INSERT INTO "watchers" ("name", "state", "updated_at") VALUES ('github-connect', '{}', CURRENT_TIMESTAMP);
