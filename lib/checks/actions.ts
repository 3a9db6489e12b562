'use server';
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { waitForBatch } from './batch-wait';
import { startLaunch } from './launch';
import { launchSchema } from './launch-schema';
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
    const started = await startLaunch(viewer, data);
    if (!started.ok) return started;
    // Woken by the batch's notifications; the page streams whatever is still running after this.
    await waitForBatch(started.batchId, QUICK_WAIT_MS, { listener: processRunListener(), unfinished: countUnfinished });
    // Here rather than in the pipeline's `revalidate`: only the launch knows the incident it ran for.
    if (started.incidentSlug) revalidatePath(`/incidents/${started.incidentSlug}`);
    // One view builder for every run, whether it finished in time or is still going.
    // Launching needs operator, above author: drafts are visible.
    const runs = await getBatchRuns(started.batchId, true);
    return { ok: true, batchId: started.batchId, runs };
  },
});
