-- One-time passwords must be replaced at first sign-in.
ALTER TABLE "users" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;

-- Fixed-window counters shared by every app process (per-account sign-in
-- slowdown, anonymous-refusal audit budget). Expired rows are pruned on write.
CREATE TABLE "throttle_counters" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "throttle_counters_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "throttle_counters_expires_at_idx" ON "throttle_counters"("expires_at");
