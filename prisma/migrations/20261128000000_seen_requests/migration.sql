-- CreateTable
CREATE TABLE "seen_requests" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "seen_requests_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "seen_requests_expires_at_idx" ON "seen_requests"("expires_at");

