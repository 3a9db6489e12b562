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
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(${CHECK_RUN_TASK}, json_build_object('runId', id), job_key => id, max_attempts => 1)
    FROM unnest(${runIds as string[]}::text[]) AS id`;
}
