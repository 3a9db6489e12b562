-- Leases on check runs (docs/decisions/019-check-run-leases.md): the process
-- executing a run names itself and renews an expiry; any process's sweeper
-- closes only runs whose lease ran out, so several app processes can share
-- one database without closing each other's runs.
ALTER TABLE "check_runs" ADD COLUMN "lease_owner" TEXT,
ADD COLUMN "lease_expires_at" TIMESTAMPTZ(3);

-- The sweeper's question, asked every few seconds by every process: which
-- unfinished runs have an expired (or no) lease.
CREATE INDEX "check_runs_status_lease_expires_at_idx" ON "check_runs"("status", "lease_expires_at");
