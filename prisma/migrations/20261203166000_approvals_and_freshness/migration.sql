-- Four-eyes approval for catalog actions that change a host, and runbook
-- freshness (docs/decisions/035-four-eyes-approval.md).

-- A run of an approval-required action waits (no lease, never executed) until
-- a second person decides; a refused or lapsed one ends without running.
ALTER TYPE "CheckRunStatus" ADD VALUE 'awaiting_approval';
ALTER TYPE "CheckRunStatus" ADD VALUE 'cancelled';
ALTER TYPE "CheckRunStatus" ADD VALUE 'rejected';

CREATE TYPE "ApprovalStatus" AS ENUM ('pending', 'approved', 'rejected', 'expired');

ALTER TABLE "checks" ADD COLUMN "approval_required" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "approval_requests" (
    "id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "check_id" TEXT NOT NULL,
    "argv" JSONB NOT NULL,
    "hosts" JSONB NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "reason" TEXT NOT NULL,
    "requested_by_id" TEXT,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'pending',
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_reason" TEXT,
    "break_glass" BOOLEAN NOT NULL DEFAULT false,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "approval_requests_batch_id_key" ON "approval_requests"("batch_id");
CREATE INDEX "approval_requests_status_expires_at_idx" ON "approval_requests"("status", "expires_at");
CREATE INDEX "approval_requests_decided_at_idx" ON "approval_requests"("decided_at" DESC);

ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "checks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Freshness: how often a runbook must be reviewed, and who last did.
ALTER TABLE "runbooks" ADD COLUMN "review_every_days" INTEGER,
ADD COLUMN "reviewed_by_id" TEXT;
ALTER TABLE "runbooks" ADD CONSTRAINT "runbooks_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
