// check.failed: a run that did not pass (failed, timed out, could not run)
// becomes an event for the webhooks that subscribe to it. Called once by the
// run executor after it stored the outcome (lib/checks/execute-runs.ts). It
// takes the executor's client, and never fails the run: a notification that
// cannot be recorded is logged and dropped.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { log } from '@/lib/log';
import { siteUrl } from './events';
import { emitEvent } from './outbox';

const NOT_PASSED = new Set(['failed', 'timed_out', 'error']);

export interface FinishedRun {
  id: string;
  status: string;
  checkTitle: string;
  hostName: string;
  verdict: string | null;
  message: string | null;
}

export async function notifyCheckFinished(db: PrismaClient, run: FinishedRun): Promise<void> {
  if (!NOT_PASSED.has(run.status)) return;
  try {
    const url = siteUrl(`/checks/runs/${run.id}`);
    await db.$transaction((tx) =>
      emitEvent(tx, 'check.failed', {
        text: `Check "${run.checkTitle}" on ${run.hostName}: ${run.status.replace('_', ' ')}${run.verdict ? ` (${run.verdict})` : ''}`,
        url,
        data: {
          runId: run.id,
          check: run.checkTitle,
          host: run.hostName,
          status: run.status,
          verdict: run.verdict,
          message: run.message,
        },
      }),
    );
  } catch (err) {
    log.error({ err, runId: run.id }, 'webhooks: check.failed could not be recorded');
  }
}
