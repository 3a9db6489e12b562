'use server';
import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db';
import { invalid, type ActionResult } from '@/lib/actions/result';
import { audit, authorizeAction } from '@/lib/audit/guard';
import { requestLog } from '@/lib/log-request';
import { executeRuns, prepareLaunch, type QueuedRun, type Stored } from './bridge';
import { launchSchema, type LaunchInput } from './launch-schema';
import { getBatchRuns } from './queries';
import type { RunView } from './types';

/**
 * Quick checks answer within this; the action then returns finished runs and
 * the page needs no polling. Longer ones return while still running.
 */
const QUICK_WAIT_MS = 2_500;

/** Runs a catalog check on the chosen hosts (operators and above). */
export async function launchCheck(input: LaunchInput): Promise<ActionResult<{ batchId: string; runs: RunView[] }>> {
  const auth = await authorizeAction('operator', 'check.launch');
  if (!auth.ok) return auth;
  const parsed = launchSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);

  const prepared = await prepareLaunch(db, parsed.data, auth.viewer.id);
  const target = { targetType: 'check', targetId: parsed.data.check };
  if (!prepared.ok) {
    await audit(auth.viewer, { action: 'check.launch', ...target, outcome: 'failure', details: { reason: prepared.error } });
    return prepared;
  }
  // Not awaited past QUICK_WAIT_MS: long runs go on in the server process and
  // store their own progress; the page polls /api/check-runs for them.
  const rlog = await requestLog();
  const done = executeRuns(db, prepared.runs).catch((err) => {
    rlog.error({ err, batchId: prepared.batchId }, 'check batch failed');
    return null;
  });
  await audit(auth.viewer, {
    action: 'check.launch',
    ...target,
    outcome: 'success',
    details: {
      batchId: prepared.batchId,
      hosts: prepared.hostNames.join(', '),
      params: JSON.stringify(parsed.data.params),
      incidentId: parsed.data.incidentId ?? null,
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([done, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), QUICK_WAIT_MS)))]);
  clearTimeout(timer);
  if (prepared.incidentSlug) revalidatePath(`/incidents/${prepared.incidentSlug}`);
  // All done in time: the bridge already holds every stored field, no need to read them back.
  const runs = finished && finished.size === prepared.runs.length && [...finished.values()].every(Boolean)
    ? prepared.runs.map((run) => finishedView(run, finished.get(run.id)!, auth.viewer.name || auth.viewer.email, prepared.incidentSlug))
    : await getBatchRuns(prepared.batchId);
  return { ok: true, batchId: prepared.batchId, runs };
}

function finishedView(run: QueuedRun, stored: Stored, requestedBy: string, incidentSlug: string | null): RunView {
  return {
    id: run.id,
    batchId: run.batchId,
    status: stored.status,
    checkSlug: run.check.slug,
    checkTitle: run.check.title,
    hostId: run.host.id,
    hostName: run.host.name,
    argv: run.argv,
    params: run.params,
    exitCode: stored.exitCode,
    ...stored.out,
    verdict: stored.verdict,
    message: stored.message,
    durationMs: stored.durationMs,
    requestedBy,
    incidentSlug,
    createdAt: run.createdAt.toISOString(),
    finishedAt: stored.finishedAt.toISOString(),
  };
}
