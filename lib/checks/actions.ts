'use server';
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/actions/pipeline';
import type { ActionResult } from '@/lib/actions/result';
import { incidentPages } from '@/lib/incidents/saved';
import { waitForBatch } from './batch-wait';
import { attachToTimeline, recheckIncident, runAgain } from './evidence';
import { attachSchema, recheckSchema, runTargetSchema } from './evidence-schema';
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

/** Where a run or launch is shown: both pages refresh after an evidence action. */
const runPages = (target: { runId: string } | { batchId: string }) =>
  'runId' in target ? [`/checks/runs/${target.runId}`] : [`/checks/batches/${target.batchId}`];

/**
 * "Attach to timeline" (authors and above): the run or launch becomes one
 * evidence entry on its incident's timeline, as a new revision, only if the
 * incident is still at the version the page showed (decision 037).
 */
export const attachToTimelineAction = action({
  name: 'check.attach',
  role: 'author',
  input: 'form',
  schema: attachSchema,
  handler: async ({ version, ...target }, { viewer }) => attachToTimeline(viewer, target, version),
  revalidate: (result, { version: _v, ...target }) => [...incidentPages(result.slug), ...runPages(target)],
});

/** "Run again" (operators and above): the same check, parameters and hosts; the new launch shows what changed. */
export const runAgainAction = action({
  name: 'check.rerun',
  role: 'operator',
  input: 'form',
  schema: runTargetSchema,
  handler: async (target, { viewer }) => runAgain(viewer, target),
});

/** "Re-check now" on an incident (operators and above): its evidence runs again, compared with the time of the incident. */
export const recheckIncidentAction = action({
  name: 'incident.recheck',
  role: 'operator',
  input: 'form',
  schema: recheckSchema,
  handler: async ({ slug }, { viewer }) => recheckIncident(viewer, slug),
});
