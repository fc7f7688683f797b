-- Who ended an operation and when (a cancel, a stop, a supersede) stay on its card to the end; where its
-- announcement is lets the card link to it.
ALTER TABLE "operations" ADD COLUMN "ended_team" TEXT;
ALTER TABLE "operations" ADD COLUMN "ended_user" TEXT;
ALTER TABLE "operations" ADD COLUMN "ended_at" TIMESTAMPTZ(3);
ALTER TABLE "operations" ADD COLUMN "announcement_channel" TEXT;
ALTER TABLE "operations" ADD COLUMN "announcement_ts" TEXT;
