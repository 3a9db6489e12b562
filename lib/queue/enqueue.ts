// Enqueueing from SQL, inside the caller's transaction: a launch's runs and
// their jobs commit together or not at all, so no run waits for a job that
// was never written and no job points at a run that was rolled back.
import type { Prisma } from '@/lib/generated/prisma/client';

/** The task that executes one check run (./tasks.ts). */
export const CHECK_RUN_TASK = 'check-run';

type Executor = Pick<Prisma.TransactionClient, '$executeRaw'>;

/**
 * One job per run, keyed by the run id (a second enqueue of the same run
 * replaces the waiting job rather than adding one). One attempt: a run is
 * never executed twice; a run whose worker died is closed by its lease
 * (lib/checks/orphans.ts) rather than retried, since the check may have
 * half-run on the host.
 */
export async function enqueueCheckRuns(tx: Executor, runIds: readonly string[]): Promise<void> {
  if (!runIds.length) return;
  // One add_jobs call for the whole fan-out: one statement and one wake-up
  // notification for the workers, rather than a thousand of each.
  await tx.$executeRaw`
    SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT (${CHECK_RUN_TASK}, json_build_object('runId', id), NULL, NULL, 1, id, NULL, NULL)::graphile_worker.job_spec
      FROM unnest(${runIds as string[]}::text[]) AS id))`;
}
