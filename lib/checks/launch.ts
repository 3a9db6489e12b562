// Starting a launch, shared by the launchCheck server action and the JSON API
// (and the MCP tool): queue one run per host with its job, and audit the launch.
// Queue workers execute the runs (docs/decisions/029). The caller has checked
// the role (operator) and parsed the input with launchSchema. An
// approval-required check only creates its request here (lib/approvals).
import 'server-only';
import type { ActionFailure } from '@/lib/actions/result';
import { approvalRequested } from '@/lib/approvals/notify';
import { audit } from '@/lib/audit/guard';
import type { Viewer } from '@/lib/auth/session';
import { queueLaunch } from './mutations';
import type { Launch, Lineage } from './prepare-launch';

export type Started =
  | {
      ok: true;
      batchId: string;
      runs: { id: string; hostId: string }[];
      incidentSlug: string | null;
      /** Set when the check needs a second person: the runs wait in awaiting_approval. */
      approval: { id: string; expiresAt: Date } | null;
    }
  | ActionFailure;

export async function startLaunch(viewer: Viewer, data: Launch, lineage?: Lineage): Promise<Started> {
  const prepared = await queueLaunch(data, viewer.id, lineage);
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
    };
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
  return {
    ok: true,
    batchId: prepared.batchId,
    runs: prepared.runs.map((r) => ({ id: r.id, hostId: r.host.id })),
    incidentSlug: prepared.incidentSlug,
    approval: null,
  };
}
