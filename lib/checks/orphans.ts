// Nothing stays "running" forever, and no process closes another live one's
// runs. A run is orphaned when the process executing it stopped renewing its
// lease (it crashed, was killed, or lost the database), see leases.ts and
// docs/decisions/019-check-run-leases.md.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { CHECK_TIMEOUT_MAX_MS } from './catalog-schema';
import { AGENT_DEADLINE_GRACE_MS } from './execute-runs';

/**
 * A queued or running run with no lease at all (written before leases existed,
 * or queued by a process that died before its first heartbeat) is closed after
 * this: longer than any run can take, plus slack for a slow database.
 */
export const UNLEASED_AFTER_MS = CHECK_TIMEOUT_MAX_MS + AGENT_DEADLINE_GRACE_MS + 30_000;

/** What the operator reads on a run whose process went away; no host, process or error detail. */
export const OWNER_STOPPED = 'The server running this check stopped before it finished. Run the check again.';

/**
 * Closes unfinished runs whose lease expired, in one UPDATE ... RETURNING:
 * when two processes sweep at once, Postgres re-checks the WHERE clause on a
 * row the other just closed, so each run is closed (and reported) once.
 * Returns the ids this call closed.
 */
export async function closeExpiredRuns(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE check_runs
    SET status = 'error', message = ${OWNER_STOPPED}, finished_at = now(), lease_expires_at = NULL
    WHERE status IN ('queued', 'running')
      AND (lease_expires_at < now()
        OR (lease_expires_at IS NULL AND created_at < now() - ${UNLEASED_AFTER_MS}::int * interval '1 millisecond'))
    RETURNING id`;
  return rows.map((r) => r.id);
}
