// Starting a launch, shared by the launchCheck server action and the JSON API
// (and the MCP tool): queue one run per host with its job, and audit the launch.
// Queue workers execute the runs (docs/decisions/029). The caller has checked
// the role (operator) and parsed the input with launchSchema.
import 'server-only';
import type { ActionFailure } from '@/lib/actions/result';
import { audit } from '@/lib/audit/guard';
import type { Viewer } from '@/lib/auth/session';
import { queueLaunch } from './mutations';
import type { Launch } from './prepare-launch';

export type Started =
  | {
      ok: true;
      batchId: string;
      runs: { id: string; hostId: string }[];
      incidentSlug: string | null;
    }
  | ActionFailure;

export async function startLaunch(viewer: Viewer, data: Launch): Promise<Started> {
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
  return {
    ok: true,
    batchId: prepared.batchId,
    runs: prepared.runs.map((r) => ({ id: r.id, hostId: r.host.id })),
    incidentSlug: prepared.incidentSlug,
  };
}
