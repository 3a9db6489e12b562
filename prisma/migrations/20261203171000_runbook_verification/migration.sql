-- Scheduled verification of runbooks: a runbook's front matter names which of
-- its embedded read-only checks to run, how often and on which host role; the
-- queue's cron tick launches them (docs/decisions/039-scheduled-runbook-verification.md).

ALTER TABLE "runbooks" ADD COLUMN "verify_every_seconds" INTEGER;
ALTER TABLE "runbooks" ADD COLUMN "verify_role" TEXT;
-- [{ "slug": ..., "params": {...} }], resolved from the check fences when the runbook is written.
ALTER TABLE "runbooks" ADD COLUMN "verify_checks" JSONB;
-- When the next verification is due; the tick claims a runbook by moving it forward.
ALTER TABLE "runbooks" ADD COLUMN "verify_next_at" TIMESTAMPTZ(3);
-- Start of the verification that turned failing; NULL while passing or never verified.
ALTER TABLE "runbooks" ADD COLUMN "verify_failing_since" TIMESTAMPTZ(3);

CREATE INDEX "runbooks_verify_next_at_idx" ON "runbooks"("verify_next_at");

CREATE TABLE "runbook_verifications" (
    "id" TEXT NOT NULL,
    "runbook_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- One launch (batch) per check.
    "batch_ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    -- Why some checks, or the whole verification, could not be launched (e.g. no host in the role).
    "problems" JSONB NOT NULL DEFAULT '[]',
    -- Filled once every run has finished.
    "evaluated_at" TIMESTAMPTZ(3),
    "passed" INTEGER,
    "total" INTEGER,

    CONSTRAINT "runbook_verifications_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "runbook_verifications_runbook_id_started_at_idx" ON "runbook_verifications"("runbook_id", "started_at" DESC);

ALTER TABLE "runbook_verifications" ADD CONSTRAINT "runbook_verifications_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
