// Starting a launch, shared by the launchCheck server action and the JSON API
// (and the MCP tool): queue one run per host, audit the launch, and execute
// the runs in this process without holding the caller. The caller has checked
// the role (operator) and parsed the input with launchSchema.
import 'server-only';
import type { ActionFailure } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import type { Viewer } from '@/lib/auth/session';
import { requestLog } from '@/lib/log-request';
import { queueLaunch, runQueued } from './mutations';
import type { Launch } from './prepare-launch';

export type Started =
  | {
      ok: true;
      batchId: string;
      runs: { id: string; hostId: string }[];
      incidentSlug: string | null;
      /** Settles when every run has finished (never rejects); callers may wait on it a little. */
      done: Promise<unknown>;
    }
  | ActionFailure;

export async function startLaunch(viewer: Viewer, data: Launch): Promise<Started> {
  const prepared = await queueLaunch(data, viewer.id);
  const target = { targetType: 'check', targetId: data.check };
  if (!prepared.ok) {
    await audit(viewer, { action: 'check.launch', ...target, outcome: 'failure', details: { reason: prepared.error } });
    return prepared;
  }
  // Long runs go on in the server process and store their own progress; any
  // instance serves it (/api/check-runs, /api/v1/check-runs/{batchId}).
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
  return {
    ok: true,
    batchId: prepared.batchId,
    runs: prepared.runs.map((r) => ({ id: r.id, hostId: r.host.id })),
    incidentSlug: prepared.incidentSlug,
    done,
  };
}
