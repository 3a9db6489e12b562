// Nothing stays "queued" or "running" forever, and no process closes another
// live one's runs. Runs are jobs on the PostgreSQL queue (lib/queue/,
// docs/decisions/029); the worker that takes one becomes its lease owner and
// renews the lease while it waits and runs (leases.ts, decision 019). So:
//   - a run whose lease ran out lost its worker (crashed, killed, cut off from
//     the database): closed, never retried, since the check may have half-run;
//   - a run no worker ever took is closed after UNCLAIMED_AFTER_MS, but only
//     while no worker holds any run: a busy queue is slow, not abandoned;
//     after UNCLAIMED_GIVE_UP_MS it is closed anyway.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { CHECK_TIMEOUT_MAX_MS } from './catalog-schema';
import { AGENT_DEADLINE_GRACE_MS } from './execute-runs';
import { RUNS_CHANNEL } from './run-channel';

/**
 * A queued run no worker has taken is given up after this, when no worker is
 * busy either: a worker that is up takes a job within milliseconds, so this
 * long with nobody taking anything means no worker serves the queue.
 */
export const UNCLAIMED_AFTER_MS = 2 * 60_000;

/**
 * Even on a busy queue, a run no worker has taken in this long is given up (its
 * job may have failed before the claim): at the default bounds a 1,000-host
 * launch of 60 s checks on one worker is through in about 45 minutes.
 */
export const UNCLAIMED_GIVE_UP_MS = 90 * 60_000;

/**
 * Rows from before the queue: owned, or running, with no lease at all. Closed
 * after the longest a run can take, plus slack for a slow database.
 */
export const UNLEASED_AFTER_MS = CHECK_TIMEOUT_MAX_MS + AGENT_DEADLINE_GRACE_MS + 30_000;

/** What the operator reads on a run whose worker went away; no host, process or error detail. */
export const OWNER_STOPPED = 'The server running this check stopped before it finished. Run the check again.';
/** What the operator reads on a run no worker took. */
export const NO_WORKER =
  'No worker picked this check up in time, so it did not run. `npm start` runs a worker unless PMKB_WORKER=0; `npm run worker` runs one on its own. Run the check again once one is up.';

/**
 * Closes unfinished runs whose lease expired, or that no worker took (see
 * above), in one UPDATE ... RETURNING that also notifies their batches: when
 * two processes sweep at once, Postgres re-checks the WHERE clause on a row the
 * other just closed, so each run is closed (and reported) once.
 * Returns the ids this call closed.
 */
export async function closeExpiredRuns(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH closed AS (
      UPDATE check_runs
      SET status = 'error',
        message = CASE WHEN lease_owner IS NULL AND status = 'queued' THEN ${NO_WORKER} ELSE ${OWNER_STOPPED} END,
        finished_at = now(), lease_expires_at = NULL
      WHERE status IN ('queued', 'running')
        AND (lease_expires_at < now()
          OR (lease_expires_at IS NULL AND (lease_owner IS NOT NULL OR status = 'running')
            AND created_at < now() - ${UNLEASED_AFTER_MS}::int * interval '1 millisecond')
          OR (lease_owner IS NULL AND status = 'queued'
            AND created_at < now() - ${UNCLAIMED_AFTER_MS}::int * interval '1 millisecond'
            AND (created_at < now() - ${UNCLAIMED_GIVE_UP_MS}::int * interval '1 millisecond'
              OR NOT EXISTS (
                SELECT 1 FROM check_runs busy
                WHERE busy.status IN ('queued', 'running') AND busy.lease_expires_at >= now()))))
      RETURNING id, batch_id)
    SELECT id, pg_notify(${RUNS_CHANNEL}, coalesce(batch_id, ''))::text AS notified FROM closed`;
  return rows.map((r) => r.id);
}
