// What a queue worker does with one 'check-run' job (lib/queue/tasks.ts): load
// the run if it is still waiting for a worker, then claim and execute it
// through the same path as everything else (execute-runs.ts). A run that was
// taken by another worker or closed meanwhile is left alone.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { executeRuns, type Stored } from './execute-runs';
import type { QueuedRun } from './prepare-launch';

export async function runCheckJob(db: PrismaClient, runId: string): Promise<Stored | null> {
  const row = await db.checkRun.findFirst({
    where: { id: runId, status: 'queued', leaseOwner: null },
    select: {
      id: true,
      batchId: true,
      createdAt: true,
      argv: true,
      params: true,
      incidentId: true,
      requestedById: true,
      runbookId: true,
      check: { select: { slug: true, title: true, timeoutMs: true, expectKind: true, expectValue: true } },
      host: { select: { id: true, name: true, agentUrl: true, secretSealed: true } },
    },
  });
  if (!row) return null;
  const { requestedById, runbookId, ...rest } = row;
  const run: QueuedRun = {
    ...rest,
    // No person and a runbook: the scheduler's verification (lib/verification/tick.ts).
    scheduled: requestedById === null && runbookId !== null,
    // Runs from before batches existed have none; the run id stands in as a batch of one.
    batchId: row.batchId ?? row.id,
    argv: row.argv as string[],
    params: row.params as Record<string, string>,
  };
  const results = await executeRuns(db, [run], 1);
  return results.get(runId) ?? null;
}
