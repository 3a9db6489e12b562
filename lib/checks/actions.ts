'use server';
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import { waitForBatch } from './batch-wait';
import { launchSchema } from './launch-schema';
import { queueLaunch } from './mutations';
import { countUnfinished, getBatchRuns } from './queries';
import { processRunListener } from './run-listener';
import type { RunView } from './types';

/**
 * Quick checks answer within this; the action then returns finished runs and
 * the page needs no live stream. Longer ones return while still running.
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
    // The runs and their jobs are committed: queue workers run them (lib/queue/,
    // docs/decisions/029), in `npm start`'s own process or in `npm run worker`s.
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
    // Woken by the batch's notifications; the page streams whatever is still running after this.
    await waitForBatch(prepared.batchId, QUICK_WAIT_MS, { listener: processRunListener(), unfinished: countUnfinished });
    // Here rather than in the pipeline's `revalidate`: only the launch knows the incident it ran for.
    if (prepared.incidentSlug) revalidatePath(`/incidents/${prepared.incidentSlug}`);
    // One view builder for every run, whether it finished in time or is still going.
    // Launching needs operator, above author: drafts are visible.
    const runs = await getBatchRuns(prepared.batchId, true);
    return { ok: true, batchId: prepared.batchId, runs };
  },
});
