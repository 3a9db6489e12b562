'use server';
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { requestLog } from '@/lib/log-request';
import { launchSchema } from './launch-schema';
import { queueLaunch, runQueued } from './mutations';
import { getBatchRuns } from './queries';
import type { RunView } from './types';

/**
 * Quick checks answer within this; the action then returns finished runs and
 * the page needs no polling. Longer ones return while still running.
 */
const QUICK_WAIT_MS = 2_500;

/** Runs a catalog check on the chosen hosts (operators and above). Through lib/actions/pipeline.ts. */
export const launchCheck = action({
  name: 'check.launch',
  role: 'operator',
  input: 'value',
  schema: launchSchema,
  handler: async (data, { viewer }): Promise<ActionResult<{ batchId: string; runs: RunView[] }>> => {
    const prepared = await queueLaunch(data, viewer.id);
    const target = { targetType: 'check', targetId: data.check };
    if (!prepared.ok) {
      await audit(viewer, { action: 'check.launch', ...target, outcome: 'failure', details: { reason: prepared.error } });
      return prepared;
    }
    // Not awaited past QUICK_WAIT_MS: long runs go on in the server process and
    // store their own progress; the page polls /api/check-runs for them.
    const rlog = await requestLog();
    const done = runQueued(prepared.runs).catch((err) => {
      rlog.error({ err, batchId: prepared.batchId }, 'check batch failed');
      return null;
    });
    await audit(viewer, {
      action: 'check.launch',
      ...target,
      outcome: 'success',
      details: {
        batchId: prepared.batchId,
        hosts: prepared.hostNames.join(', '),
        params: JSON.stringify(data.params),
        incidentId: data.incidentId ?? null,
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), QUICK_WAIT_MS)))]);
    clearTimeout(timer);
    // Here rather than in the pipeline's `revalidate`: only the launch knows the incident it ran for.
    if (prepared.incidentSlug) revalidatePath(`/incidents/${prepared.incidentSlug}`);
    // One view builder for every run, whether it finished in time or is still going.
    // Launching needs operator, above author: drafts are visible.
    const runs = await getBatchRuns(prepared.batchId, true);
    return { ok: true, batchId: prepared.batchId, runs };
  },
});
