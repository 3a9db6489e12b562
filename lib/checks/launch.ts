// Starting a launch, shared by the launchCheck server action and the JSON API
// (and the MCP tool): queue one run per host, audit the launch, and execute
// the runs in this process without holding the caller. The caller has checked
// the role (operator) and parsed the input with launchSchema. An
// approval-required check only creates its request here (lib/approvals).
import 'server-only';
import type { ActionFailure } from '@/lib/actions/result';
import { approvalRequested } from '@/lib/approvals/notify';
import { audit } from '@/lib/audit/guard';
import type { Viewer } from '@/lib/auth/session';
import { requestLog } from '@/lib/log-request';
import { queueLaunch, runQueued } from './mutations';
import type { Launch, QueuedRun } from './prepare-launch';

export type Started =
  | {
      ok: true;
      batchId: string;
      runs: { id: string; hostId: string }[];
      incidentSlug: string | null;
      /** Set when the check needs a second person: the runs wait in awaiting_approval. */
      approval: { id: string; expiresAt: Date } | null;
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
  if (prepared.approval) {
    // Nothing runs until a second person approves (lib/approvals/decide.ts).
    await audit(viewer, {
      action: 'approval.request',
      targetType: 'approval',
      targetId: prepared.approval.id,
      outcome: 'success',
      details: {
        check: data.check,
        batchId: prepared.batchId,
        argv: JSON.stringify(prepared.runs[0]?.argv ?? []),
        hosts: prepared.hostNames.join(', '),
        params: JSON.stringify(data.params),
        reason: data.reason ?? null,
      },
    });
    await approvalRequested({
      approvalId: prepared.approval.id,
      batchId: prepared.batchId,
      check: data.check,
      hosts: prepared.hostNames,
      requestedBy: viewer.name,
      reason: data.reason ?? '',
      expiresAt: prepared.approval.expiresAt,
    });
    return {
      ok: true,
      batchId: prepared.batchId,
      runs: prepared.runs.map((r) => ({ id: r.id, hostId: r.host.id })),
      incidentSlug: prepared.incidentSlug,
      approval: prepared.approval,
      done: Promise.resolve(null),
    };
  }
  const { done } = await executeQueued(prepared.runs);
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
    approval: null,
    done,
  };
}

/**
 * The one place queued runs start executing, for a launch and for an approved
 * request alike (lib/approvals/mutations.ts). Long runs go on in the server
 * process and store their own progress; any instance serves it
 * (/api/check-runs, /api/v1/check-runs/{batchId}). Returns a promise that
 * settles when every run has finished (never rejects).
 */
export async function executeQueued(runs: QueuedRun[]): Promise<{ done: Promise<unknown> }> {
  const rlog = await requestLog();
  // Wrapped: an async function returning the bare promise would wait for every run.
  const done = runQueued(runs).catch((err) => {
    rlog.error({ err, batchId: runs[0]?.batchId }, 'check batch failed');
    return null;
  });
  return { done };
}
