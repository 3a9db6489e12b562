// POST /api/v1/check-runs: launch a check (operators), answered at once with
// 202; the runs go on in this process (lib/checks/launch.ts), or, for an
// approval-required check, wait for a second person (lib/approvals).
import { ApiError, invalidInput, issuesFromFieldErrors } from '@/lib/api/errors';
import { launchCheckOp } from '@/lib/api/ops/catalog';
import { apiRoute, json } from '@/lib/api/route';
import { startLaunch } from '@/lib/checks/launch';
import { launchSchema } from '@/lib/checks/launch-schema';
import { listLaunchHosts } from '@/lib/checks/queries';
import { findIncidentForWrite } from '@/lib/incidents/mutations';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(launchCheckOp, async ({ viewer, body }) => {
  let hostIds = body.hostIds;
  if (body.role) {
    hostIds = (await listLaunchHosts()).filter((h) => h.role === body.role).map((h) => h.id);
    if (!hostIds.length) throw invalidInput([{ path: 'body.role', message: `No enabled host has the role "${body.role}".` }]);
  }
  let incidentId: string | undefined;
  if (body.incidentSlug) {
    // Operators rank above authors, so a draft incident is theirs to attach evidence to.
    const incident = await findIncidentForWrite({ slug: body.incidentSlug });
    if (!incident) throw invalidInput([{ path: 'body.incidentSlug', message: 'No such incident.' }]);
    incidentId = incident.id;
  }
  // The same rules as the page's launch (fan-out bound, no host twice).
  const launch = launchSchema.safeParse({ check: body.check, hostIds, params: body.params, incidentId, reason: body.reason });
  if (!launch.success) {
    throw invalidInput(launch.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })));
  }
  const started = await startLaunch(viewer, launch.data);
  if (!started.ok) {
    const issues = issuesFromFieldErrors(started.fieldErrors ?? {}).map((i) => ({ ...i, path: `body.${i.path}` }));
    throw issues.length ? invalidInput(issues, started.error) : new ApiError(400, started.error);
  }
  const location = { Location: `/api/v1/check-runs/${started.batchId}` };
  if (started.approval) {
    return json(
      {
        batchId: started.batchId,
        runs: started.runs.map((r) => ({ ...r, status: 'awaiting_approval' })),
        approvalId: started.approval.id,
        expiresAt: started.approval.expiresAt.toISOString(),
      },
      { status: 202, headers: location },
    );
  }
  return json(
    { batchId: started.batchId, runs: started.runs.map((r) => ({ ...r, status: 'queued' })) },
    { status: 202, headers: location },
  );
});
