'use server';
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { startLaunch } from './launch';
import { launchSchema } from './launch-schema';
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
    const started = await startLaunch(viewer, data);
    if (!started.ok) return started;
    // Not awaited past QUICK_WAIT_MS: the page polls /api/check-runs for longer runs.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([started.done, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), QUICK_WAIT_MS)))]);
    clearTimeout(timer);
    // Here rather than in the pipeline's `revalidate`: only the launch knows the incident it ran for.
    if (started.incidentSlug) revalidatePath(`/incidents/${started.incidentSlug}`);
    // One view builder for every run, whether it finished in time or is still going.
    // Launching needs operator, above author: drafts are visible.
    const runs = await getBatchRuns(started.batchId, true);
    return { ok: true, batchId: started.batchId, runs };
  },
});
