// GET /api/v1/check-runs/{batchId}: the runs of one launch (lib/api/ops/catalog.ts).
// A run's link to a draft incident only for those who may see drafts.
import { ApiError } from '@/lib/api/errors';
import { getCheckRunsOp } from '@/lib/api/ops/catalog';
import { apiRoute, json } from '@/lib/api/route';
import { hasRole } from '@/lib/auth/roles';
import { getBatchRuns } from '@/lib/checks/queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(getCheckRunsOp, async ({ viewer, params }) => {
  const runs = await getBatchRuns(params.batchId, hasRole(viewer?.role, 'author'));
  if (!runs.length) throw new ApiError(404, 'No such launch.');
  return json({ batchId: params.batchId, runs });
});
