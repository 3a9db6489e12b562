// The queue's task list: what each job name means. Payloads come from the
// database, so they are validated like any other input.
import type { Task, TaskList } from 'graphile-worker';
import { z } from 'zod';
import { runCheckJob } from '@/lib/checks/run-job';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { log } from '@/lib/log';
import { webhookTasks } from '@/lib/notifications/deliver';
import { runVerifyTick, VERIFY_TICK_TASK } from '@/lib/verification/tick';
import { CHECK_RUN_TASK } from './enqueue';

const checkRunPayload = z.object({ runId: z.string().min(1).max(64) });

export function taskList(db: PrismaClient): TaskList {
  const checkRun: Task = async (payload) => {
    const parsed = checkRunPayload.safeParse(payload);
    if (!parsed.success) {
      // Retrying cannot fix a bad payload; log it and let the job finish.
      log.error({ payload }, 'queue: check-run job without a valid run id');
      return;
    }
    await runCheckJob(db, parsed.data.runId);
  };
  // The scheduler's tick (cron, ./worker.ts): scheduled runbook verification (decision 039).
  const verifyTick: Task = async () => {
    await runVerifyTick(db);
  };
  return { [CHECK_RUN_TASK]: checkRun, [VERIFY_TICK_TASK]: verifyTick, ...webhookTasks(db) };
}
