-- Evidence is explicit, and then-vs-now is one click (issue 15 item 5,
-- docs/decisions/037-explicit-evidence-and-rechecks.md).

-- Where a run was attached: the incident is the run's incident_id; this is the
-- revision the "Attach to timeline" write created, and when.
ALTER TABLE "check_runs" ADD COLUMN "attached_version" INTEGER;
ALTER TABLE "check_runs" ADD COLUMN "attached_at" TIMESTAMPTZ(3);

-- "Run again" and "Re-check now": the earlier run of the same check, parameters
-- and host this run is compared with. A re-check's launches share recheck_id.
ALTER TABLE "check_runs" ADD COLUMN "baseline_run_id" TEXT;
ALTER TABLE "check_runs" ADD COLUMN "recheck_id" TEXT;

ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_baseline_run_id_fkey"
  FOREIGN KEY ("baseline_run_id") REFERENCES "check_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE INDEX "check_runs_recheck_id_idx" ON "check_runs"("recheck_id");
CREATE INDEX "check_runs_baseline_run_id_idx" ON "check_runs"("baseline_run_id");
